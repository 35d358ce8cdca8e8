import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../test-support/test-server.js';

const limits = {
  RATE_LIMIT_BURST: '200',
  RATE_LIMIT_PER_SECOND: '100',
  AUTH_RATE_LIMIT_BURST: '20',
  AUTH_RATE_LIMIT_PER_SECOND: '10',
};

describe('rate limiting', () => {
  let direct: TestServer;
  let proxied: TestServer;
  beforeAll(async () => {
    direct = await createTestServer('pglite', { env: limits });
    proxied = await createTestServer('pglite', { env: { ...limits, TRUSTED_PROXIES: '10.0.0.1' } });
  });
  afterAll(async () => {
    await direct?.stop();
    await proxied?.stop();
  });

  const refresh = (server: TestServer, remoteAddress: string, headers: Record<string, string> = {}) =>
    server.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      remoteAddress,
      headers,
      payload: { refresh_token: 'argusrt_unknown' },
    });

  it('limits credential endpoints to a burst of 20 per IP, then 429 RATE_LIMITED with Retry-After', async () => {
    // All at once: the limiter runs before any database work, so the burst is what counts.
    const results = await Promise.all(Array.from({ length: 30 }, () => refresh(direct, '192.0.2.10')));
    const statuses = results.map((r) => r.statusCode);
    const limited = results.find((r) => r.statusCode === 429);
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThanOrEqual(20);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(5);
    expect(limited?.json().error.code).toBe('RATE_LIMITED');
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // Another client is not affected, and other routes use the general bucket.
    expect((await refresh(direct, '192.0.2.11')).statusCode).toBe(401);
    expect((await direct.app.inject({ url: '/api/setup/status', remoteAddress: '192.0.2.10' })).statusCode).toBe(200);
  });

  it('limits everything else to a burst of 200 per IP, refilled at 100/s', async () => {
    const hit = () => direct.app.inject({ url: '/healthz', remoteAddress: '192.0.2.20' });
    const results = await Promise.all(Array.from({ length: 300 }, hit));
    const ok = results.filter((r) => r.statusCode === 200).length;
    const limited = results.filter((r) => r.statusCode === 429);
    expect(ok).toBeGreaterThanOrEqual(200);
    expect(ok).toBeLessThan(300);
    expect(limited[0]?.headers['retry-after']).toBe('1');
    await new Promise((r) => setTimeout(r, 1100));
    expect((await hit()).statusCode).toBe(200);
  });

  const burst = async (server: TestServer, remote: string, xff: (i: number) => string) => {
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => refresh(server, remote, { 'x-forwarded-for': xff(i) })),
    );
    return results.filter((r) => r.statusCode === 429).length;
  };

  it('ignores X-Forwarded-For from clients that are not trusted proxies', async () => {
    expect(await burst(direct, '192.0.2.30', (i) => `198.51.100.${i}`)).toBeGreaterThanOrEqual(5);
  });

  it('honours X-Forwarded-For from a trusted proxy: each client behind it has its own bucket', async () => {
    expect(await burst(proxied, '10.0.0.1', () => '198.51.100.1')).toBeGreaterThanOrEqual(5);
    expect(await burst(proxied, '10.0.0.1', (i) => `198.51.100.${100 + i}`)).toBe(0);
  });
});
