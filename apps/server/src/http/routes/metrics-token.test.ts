import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../test-support/test-server.js';

const TOKEN = 'metrics-token-0123456789abcdef';

describe('GET /metrics and METRICS_TOKEN', () => {
  let open: TestServer;
  let guarded: TestServer;
  beforeAll(async () => {
    [open, guarded] = await Promise.all([
      createTestServer('pglite'),
      createTestServer('pglite', { env: { METRICS_TOKEN: TOKEN } }),
    ]);
  });
  afterAll(() => Promise.all([open?.stop(), guarded?.stop()]));

  it('is public when METRICS_TOKEN is unset (Prometheus scrapes it)', async () => {
    const res = await open.app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/argus_process_resident_memory_bytes/);
  });

  it('requires Authorization: Bearer <METRICS_TOKEN> when set', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token', `Bearer ${TOKEN}x`, TOKEN, `Basic ${TOKEN}`]) {
      const res = await guarded.app.inject({ url: '/metrics', headers: authorization ? { authorization } : {} });
      expect(res.statusCode, String(authorization)).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
      expect(res.body).not.toMatch(/argus_/);
    }
    const ok = await guarded.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toMatch(/argus_process_resident_memory_bytes/);
  });
});
