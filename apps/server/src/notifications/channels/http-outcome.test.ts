import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRetryAfter, postJson } from './http-outcome.js';
import { startTestReceiver, type TestReceiver } from './test-receiver.js';

describe('Retry-After', () => {
  const now = Date.parse('2026-12-06T18:00:00Z');
  it('reads delay-seconds and HTTP dates', () => {
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000);
    expect(parseRetryAfter('Sun, 06 Dec 2026 18:00:30 GMT', now)).toBe(30_000);
    // A date in the past: retry now.
    expect(parseRetryAfter('Sun, 06 Dec 2026 17:00:00 GMT', now)).toBe(0);
  });
  it('ignores what it cannot read and clamps what is absurd', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('99999999', now)).toBe(24 * 60 * 60 * 1000);
  });
});

describe('a POST that fails before any answer', () => {
  let receiver: TestReceiver;
  beforeAll(async () => {
    receiver = await startTestReceiver();
  });
  afterAll(() => receiver.close());

  it('retries a refused connection, naming neither URL nor path', async () => {
    const closed = await startTestReceiver();
    const url = `${closed.url}/hooks/very-secret-path`;
    await closed.close();
    const result = await postJson('the webhook', url, '{}');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.outcome).toMatchObject({ status: 'retry' });
    expect(JSON.stringify(result.outcome)).toMatch(/connection was refused/);
    expect(JSON.stringify(result.outcome)).not.toMatch(/very-secret-path|127\.0\.0\.1/);
  });

  it('retries a peer that does not answer in time', async () => {
    receiver.setDefault(() => {
      /* never answers */
    });
    const result = await postJson('the webhook', `${receiver.url}/slow`, '{}', { timeoutMs: 300 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.outcome).toEqual({ status: 'retry', reason: 'the webhook did not answer in time' });
  });

  it('answers "cancelled" when the caller aborts', async () => {
    const controller = new AbortController();
    const pending = postJson('the webhook', `${receiver.url}/slow`, '{}', { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const result = await pending;
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.outcome).toEqual({ status: 'retry', reason: 'the delivery was cancelled' });
  });
});
