import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testMessage } from './test-message.js';
import { reply, startTestReceiver, type TestReceiver } from './test-receiver.js';
import { createWebhookSender, signStandardWebhook } from './webhook-sender.js';

const OLD_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const NEW_SECRET = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';

/**
 * A receiver's verification written from the Standard Webhooks spec (not the sender's code): the signed
 * content is `${webhook-id}.${webhook-timestamp}.${body}`, HMAC-SHA256 with the base64 key after `whsec_`;
 * the header holds space-separated `v1,<base64>` signatures, any of which may match; the timestamp must be
 * within the tolerance (5 minutes).
 */
function verify(secret: string, headers: IncomingHttpHeaders, body: string, nowSeconds = Date.now() / 1000): boolean {
  const id = String(headers['webhook-id'] ?? '');
  const timestamp = String(headers['webhook-timestamp'] ?? '');
  const signatures = String(headers['webhook-signature'] ?? '');
  if (!id || !/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > 300) return false;
  const key = Buffer.from(secret.split('_')[1] ?? '', 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  return signatures.split(' ').some((entry) => {
    const [version, signature] = entry.split(',');
    const given = Buffer.from(signature ?? '', 'base64');
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
}

describe('Standard Webhooks signature', () => {
  it('matches the published test vector', () => {
    expect(signStandardWebhook([OLD_SECRET], 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}')).toBe(
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    );
  });
});

describe('generic webhook sender', () => {
  let receiver: TestReceiver;
  const sender = createWebhookSender();

  beforeAll(async () => {
    receiver = await startTestReceiver();
  });
  beforeEach(() => {
    receiver.requests.length = 0;
    receiver.setDefault(reply(204));
  });
  afterAll(() => receiver.close());

  it('signs each request; a redelivery has the same webhook-id and a fresh timestamp', async () => {
    const config = { url: `${receiver.url}/argus`, secret: NEW_SECRET };
    const message = testMessage({ idempotencyKey: 'evt-7:chan-1:user-1' });
    expect(await sender.send(config, message, {})).toEqual({
      status: 'sent',
      detail: 'the webhook answered 204 No Content',
    });
    const later = createWebhookSender({ now: () => new Date(Date.now() + 2000) });
    expect((await later.send(config, message, {})).status).toBe('sent');

    const [first, second] = receiver.requests;
    for (const req of [first!, second!]) {
      expect(req.headers['content-type']).toBe('application/json');
      expect(req.headers['webhook-id']).toBe('evt-7:chan-1:user-1');
      expect(verify(NEW_SECRET, req.headers, req.body)).toBe(true);
      expect(verify(OLD_SECRET, req.headers, req.body)).toBe(false);
    }
    expect(Number(second!.headers['webhook-timestamp'])).toBeGreaterThan(Number(first!.headers['webhook-timestamp']));
    // A tampered body does not verify.
    expect(verify(NEW_SECRET, first!.headers, first!.body.replace('critical', 'info'))).toBe(false);

    const payload = first!.json() as { type: string; timestamp: string; data: Record<string, unknown> };
    expect(payload.type).toBe('alert.firing');
    expect(payload.data).toMatchObject({
      id: 'evt-1',
      type: 'CrashLoopBackOff',
      severity: 'critical',
      url: message.url,
    });
  });

  it('signs with the old and the new key during a rotation, and with the new one only once the old expires', async () => {
    const config = {
      url: `${receiver.url}/argus`,
      secret: NEW_SECRET,
      previous_secrets: [{ secret: OLD_SECRET, expires_at: new Date(Date.now() + 3_600_000).toISOString() }],
    };
    await sender.send(config, testMessage(), {});
    const during = receiver.requests[0]!;
    expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
    // A receiver still configured with the old secret accepts, and so does one already moved to the new.
    expect(verify(OLD_SECRET, during.headers, during.body)).toBe(true);
    expect(verify(NEW_SECRET, during.headers, during.body)).toBe(true);

    const afterExpiry = createWebhookSender({ now: () => new Date(Date.now() + 2 * 3_600_000) });
    await afterExpiry.send(config, testMessage(), {});
    const after = receiver.requests[1]!;
    expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
    const nowAfter = Date.now() / 1000 + 2 * 3600;
    expect(verify(OLD_SECRET, after.headers, after.body, nowAfter)).toBe(false);
    expect(verify(NEW_SECRET, after.headers, after.body, nowAfter)).toBe(true);
  });

  it('sends unsigned (still with id and timestamp) when the channel has no secret', async () => {
    await sender.send({ url: `${receiver.url}/argus` }, testMessage(), {});
    const req = receiver.requests[0]!;
    expect(req.headers['webhook-id']).toBe('evt-1:channel-1:user-1');
    expect(req.headers['webhook-timestamp']).toMatch(/^\d+$/);
    expect(req.headers['webhook-signature']).toBeUndefined();
  });

  it('retries 429 after Retry-After: 2, and fails permanently on 410 Gone without echoing the body', async () => {
    receiver.enqueue(reply(429, 'slow down', { 'retry-after': '2' }));
    expect(await sender.send({ url: `${receiver.url}/argus`, secret: NEW_SECRET }, testMessage(), {})).toEqual({
      status: 'retry',
      reason: 'the webhook answered 429 Too Many Requests',
      retryAfterMs: 2000,
    });
    receiver.enqueue(reply(410, 'endpoint removed: internal-id 99f'));
    const gone = await sender.send({ url: `${receiver.url}/argus`, secret: NEW_SECRET }, testMessage(), {});
    expect(gone).toEqual({
      status: 'permanent',
      reason: 'the webhook answered 410 Gone: the endpoint does not exist (any more)',
    });
  });
});
