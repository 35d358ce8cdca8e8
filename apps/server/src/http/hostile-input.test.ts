import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type SignedIn, setupAdmin } from '../test-support/identity.js';
import { testDrivers } from '../test-support/test-database.js';
import { createTestServer, type TestServer } from '../test-support/test-server.js';

describe.each(testDrivers())('hostile input on %s', (driver) => {
  let server: TestServer;
  let admin: SignedIn;
  beforeAll(async () => {
    server = await createTestServer(driver, { env: { BODY_LIMIT_BYTES: '65536' } });
    admin = await setupAdmin(server.app);
  });
  afterAll(() => server.stop());

  const json = { 'content-type': 'application/json' };
  const cases: [string, string, Record<string, string>, string, number][] = [
    ['bad JSON', '/api/auth/login', json, '{"email": "a@b.c", ', 400],
    ['empty JSON body', '/api/auth/login', json, '', 400],
    ['JSON array', '/api/auth/login', json, '[1,2,3]', 400],
    ['JSON null', '/api/auth/login', json, 'null', 400],
    ['operator object for email', '/api/auth/login', json, '{"email":{"$gt":""},"password":"x"}', 400],
    ['prototype pollution', '/api/setup/init', json, '{"__proto__":{"admin":true},"email":"a@b.c"}', 400],
    ['constructor pollution', '/api/auth/login', json, '{"constructor":{"prototype":{"x":1}}}', 400],
    ['huge body', '/api/auth/login', json, JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(200_000) }), 413],
    [
      'huge password under the limit',
      '/api/auth/login',
      json,
      JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(60_000) }),
      400,
    ],
    ['wrong content type', '/api/auth/login', { 'content-type': 'application/x-evil' }, 'email=a', 415],
    ['SQL in email', '/api/auth/login', json, JSON.stringify({ email: "' OR '1'='1' --", password: 'x' }), 401],
    ['NUL bytes', '/api/auth/login', json, JSON.stringify({ email: 'a\u0000@b.c', password: 'x\u0000' }), 400],
    [
      'NUL in a name',
      '/api/setup/init',
      json,
      JSON.stringify({ email: 'z@b.c', password: 'password-1', name: 'a\u0000' }),
      400,
    ],
  ];

  for (const [name, url, headers, payload, status] of cases) {
    it(`answers ${name} with a clean ${status}`, async () => {
      const res = await server.app.inject({ method: 'POST', url, headers, payload });
      expect(res.statusCode, res.body).toBe(status);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      expect(res.json().error.code).toMatch(/^[A-Z_]+$/);
      expect(res.body).not.toMatch(/stack|at [A-Za-z]+ \(/);
    });
  }

  it('answers hostile credentials with 401, including oversized and odd headers', async () => {
    for (const authorization of [
      `Bearer ${'a'.repeat(8000)}`,
      'Bearer a b c',
      'Bearer',
      'Bearer eyJhbGciOiJub25lIn0.e30.',
      'Bearer eyJ.eyJ.sig',
      'Basic YWRtaW46YWRtaW4=',
    ]) {
      const res = await server.app.inject({ url: '/api/auth/me', headers: { authorization } });
      expect(res.statusCode, authorization.slice(0, 30)).toBe(401);
    }
    const res = await server.app.inject({ url: '/api/auth/me', headers: { 'x-api-key': "argus_' OR 1=1" } });
    expect(res.statusCode).toBe(401);
  });

  it('stays healthy and keeps serving real users afterwards', async () => {
    expect((await server.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    expect((await server.app.inject({ url: '/readyz' })).statusCode).toBe(200);
    expect((await server.app.inject({ url: '/api/auth/me', headers: bearer(admin.token) })).statusCode).toBe(200);
    const users = await server.db.query('SELECT count(*)::int AS n FROM users');
    expect(users.rows[0]).toEqual({ n: 1 });
  });
});
