import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../db/migrations/index.js';
import { testDrivers } from '../test-support/test-database.js';
import { createTestServer, type TestServer } from '../test-support/test-server.js';

describe.each(testDrivers())('server core on %s', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(driver, { env: { BODY_LIMIT_BYTES: '4096' } });
  });
  afterAll(() => server.stop());

  it('answers liveness and readiness with the database checked and migrated', async () => {
    expect((await server.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await server.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    const body = ready.json();
    expect(body.status).toBe('ready');
    expect(body.checks.database).toMatchObject({
      status: 'ok',
      driver,
      migrations: { applied: migrations.length, latest: migrations.at(-1)?.version },
    });
    expect(['available', 'degraded']).toContain(body.checks.retrieval.status);
    if (driver === 'pglite') expect(body.checks.retrieval.status).toBe('available');
  });

  it('answers unknown routes with the JSON error shape, never HTML', async () => {
    const res = await server.app.inject({ url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.json()).toEqual({ error: { code: 'ROUTE_NOT_FOUND', message: 'No route GET /api/nothing-here' } });
  });

  it('rejects malformed JSON and oversized bodies with stable codes, and stays healthy', async () => {
    server.app.log.level = 'silent';
    const bad = await server.app.inject({
      method: 'POST',
      url: '/api/nothing-here',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('INVALID_JSON');
    const big = await server.app.inject({
      method: 'POST',
      url: '/api/nothing-here',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ blob: 'x'.repeat(10_000) }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await server.app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });

  it('sends the security headers the contract names', async () => {
    const res = await server.app.inject({ url: '/healthz' });
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
  });

  it('exposes request durations by route template and status, and process metrics', async () => {
    await server.app.inject({ url: '/healthz' });
    const res = await server.app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(
      /argus_http_request_duration_seconds_count\{method="GET",route="\/healthz",status_code="200"\} \d+/,
    );
    expect(res.body).toMatch(/argus_process_resident_memory_bytes/);
  });

  it('refuses cross-origin requests from origins not allowed', async () => {
    const res = await server.app.inject({ url: '/healthz', headers: { origin: 'https://evil.example' } });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
