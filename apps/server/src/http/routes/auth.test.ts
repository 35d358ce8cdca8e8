import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, bearer, createUser, login, type SignedIn, setupAdmin } from '../../test-support/identity.js';
import { testDrivers } from '../../test-support/test-database.js';
import { createTestServer, type TestServer } from '../../test-support/test-server.js';

describe.each(testDrivers())('local accounts and tokens on %s', (driver) => {
  let server: TestServer;
  let admin: SignedIn;
  const post = (url: string, payload?: unknown, token?: string) =>
    server.app.inject({ method: 'POST', url, payload: payload as object, headers: token ? bearer(token) : {} });
  const me = (token: string) => server.app.inject({ url: '/api/auth/me', headers: bearer(token) });

  beforeAll(async () => {
    server = await createTestServer(driver, { env: { LOGIN_MAX_FAILURES: '3', LOGIN_LOCKOUT_BASE_SECONDS: '2' } });
    admin = await setupAdmin(server.app);
  });
  afterAll(() => server.stop());

  it('logs in with the contract shape: access token, refresh token, expires_in, user', async () => {
    const res = await post('/api/auth/login', { email: 'ADMIN@example.com', password: ADMIN.password });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ expires_in: 900, token_type: 'Bearer', user: { email: ADMIN.email } });
    expect(body.access_token.split('.')).toHaveLength(3);
    expect(body.refresh_token).toMatch(/^argusrt_/);
    expect(JSON.stringify(body.user)).not.toMatch(/password/);
    const stored = await server.db.query('SELECT token_hash FROM refresh_tokens');
    expect(stored.rows.map((r) => r.token_hash)).not.toContain(body.refresh_token);
    expect((await me(body.access_token)).json().email).toBe(ADMIN.email);
  });

  it('rotates refresh tokens, and a reused one is 401 REFRESH_TOKEN_REUSED and revokes the whole family', async () => {
    const first = await login(server.app, ADMIN.email, ADMIN.password);
    const r1 = await post('/api/auth/refresh', { refresh_token: first.refreshToken });
    expect(r1.statusCode).toBe(200);
    const second = r1.json();
    expect(second.refresh_token).not.toBe(first.refreshToken);
    expect((await me(second.access_token)).statusCode).toBe(200);

    const reuse = await post('/api/auth/refresh', { refresh_token: first.refreshToken });
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json().error.code).toBe('REFRESH_TOKEN_REUSED');
    // The family is gone: the newest refresh token and the access tokens of the session no longer work.
    const after = await post('/api/auth/refresh', { refresh_token: second.refresh_token });
    expect(after.statusCode).toBe(401);
    expect((await me(second.access_token)).json().error.code).toBe('TOKEN_REVOKED');
    expect((await me(first.token)).statusCode).toBe(401);
    // Other sessions are untouched.
    expect((await me(admin.token)).statusCode).toBe(200);
  });

  it('rejects unknown refresh tokens and bad bodies cleanly', async () => {
    expect((await post('/api/auth/refresh', { refresh_token: 'argusrt_nope' })).json().error.code).toBe(
      'TOKEN_INVALID',
    );
    expect((await post('/api/auth/refresh', {})).statusCode).toBe(400);
  });

  it('logs out: the session ends and its refresh token no longer refreshes', async () => {
    const s = await login(server.app, ADMIN.email, ADMIN.password);
    const out = await post('/api/auth/logout', undefined, s.token);
    expect(out.statusCode).toBe(204);
    expect((await me(s.token)).json().error.code).toBe('TOKEN_REVOKED');
    expect((await post('/api/auth/refresh', { refresh_token: s.refreshToken })).statusCode).toBe(401);
    expect((await post('/api/auth/logout')).statusCode).toBe(401);
    // An empty JSON body (a common client habit) is fine on logout.
    const t = await login(server.app, ADMIN.email, ADMIN.password);
    const empty = await server.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { ...bearer(t.token), 'content-type': 'application/json' },
      payload: '',
    });
    expect(empty.statusCode).toBe(204);
  });

  it('answers an unknown user and a wrong password with the same status, code and message, in similar time', async () => {
    const time = async (email: string) => {
      const started = performance.now();
      const res = await post('/api/auth/login', { email, password: 'wrong-password' });
      return { ms: performance.now() - started, status: res.statusCode, error: res.json().error };
    };
    await createUser(server.app, admin.token, { email: 'timing@example.com' });
    const wrong = await time('timing@example.com');
    const unknown = await time('nobody@example.com');
    expect(unknown.status).toBe(401);
    expect(unknown.error).toEqual(wrong.error);
    expect(unknown.error).toEqual({ code: 'INVALID_CREDENTIALS', message: 'Invalid email or password' });
    // Both spend an argon2 verification (a dummy hash for the unknown user).
    expect(unknown.ms).toBeGreaterThan(wrong.ms / 4);
    await login(server.app, 'timing@example.com', 'user-password-1');
  });

  it('locks an account after repeated failures, progressively, for unknown emails too', async () => {
    await createUser(server.app, admin.token, { email: 'locked@example.com' });
    for (const email of ['locked@example.com', 'ghost@example.com']) {
      for (let i = 0; i < 3; i++)
        expect((await post('/api/auth/login', { email, password: 'wrong-password' })).statusCode).toBe(401);
      const locked = await post('/api/auth/login', { email, password: 'user-password-1' });
      expect(locked.statusCode).toBe(429);
      expect(locked.json().error.code).toBe('LOGIN_LOCKED');
      expect(Number(locked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
    const row = await server.db.query<{ failed_login_count: number }>(
      "SELECT failed_login_count FROM users WHERE email = 'locked@example.com'",
    );
    expect(row.rows[0]?.failed_login_count).toBe(3);
    await new Promise((r) => setTimeout(r, 2100));
    const ok = await post('/api/auth/login', { email: 'locked@example.com', password: 'user-password-1' });
    expect(ok.statusCode).toBe(200);
    const reset = await server.db.query<{ failed_login_count: number }>(
      "SELECT failed_login_count FROM users WHERE email = 'locked@example.com'",
    );
    expect(reset.rows[0]?.failed_login_count).toBe(0);
  });

  it('changes the own password: other sessions end, this one stays, the old password stops working', async () => {
    await createUser(server.app, admin.token, { email: 'pw@example.com' });
    const a = await login(server.app, 'pw@example.com', 'user-password-1');
    const b = await login(server.app, 'pw@example.com', 'user-password-1');
    const wrong = await post(
      '/api/auth/password',
      { current_password: 'nope', new_password: 'new-password-1' },
      a.token,
    );
    expect(wrong.statusCode).toBe(401);
    const weak = await post('/api/auth/password', { current_password: 'user-password-1', new_password: 'x' }, a.token);
    expect(weak.statusCode).toBe(400);
    const ok = await post(
      '/api/auth/password',
      { current_password: 'user-password-1', new_password: 'new-password-1' },
      a.token,
    );
    expect(ok.statusCode).toBe(204);
    expect((await me(a.token)).statusCode).toBe(200);
    expect((await me(b.token)).statusCode).toBe(401);
    expect((await post('/api/auth/refresh', { refresh_token: b.refreshToken })).statusCode).toBe(401);
    expect((await post('/api/auth/login', { email: 'pw@example.com', password: 'user-password-1' })).statusCode).toBe(
      401,
    );
    await login(server.app, 'pw@example.com', 'new-password-1');
  });

  it('refuses forged, expired, alg:none and malformed tokens with distinct stable codes', async () => {
    const jwtSecret = (await import('node:fs')).readFileSync(`${server.dataDir}/jwt.secret`, 'utf8').trim();
    const claims = { sid: '00000000-0000-4000-8000-000000000000', typ: 'access' };
    const sign = (key: string, exp: number) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(admin.id)
        .setIssuer('argus')
        .setAudience('argus')
        .setIssuedAt(exp - 60)
        .setExpirationTime(exp)
        .sign(new TextEncoder().encode(key));
    const now = Math.floor(Date.now() / 1000);
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, sub: admin.id, iss: 'argus', aud: 'argus', iat: now, exp: now + 600 })}.`;
    const cases: [string, string][] = [
      [await sign('x'.repeat(48), now + 600), 'TOKEN_INVALID'],
      [await sign(jwtSecret, now - 10), 'TOKEN_EXPIRED'],
      [none, 'TOKEN_ALG_NOT_ALLOWED'],
      ['not.a.jwt', 'TOKEN_INVALID'],
      ['argus_not-a-key', 'API_KEY_INVALID'],
    ];
    for (const [token, code] of cases) {
      const res = await me(token);
      expect(res.statusCode, code).toBe(401);
      expect(res.json().error.code).toBe(code);
    }
    const basic = await server.app.inject({ url: '/api/auth/me', headers: { authorization: 'Basic abc' } });
    expect(basic.statusCode).toBe(401);
    // Valid signature, but its session does not exist.
    expect((await me(await sign(jwtSecret, now + 600))).json().error.code).toBe('TOKEN_REVOKED');
    // A stale token does not block the public login route.
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: bearer('garbage'),
      payload: { email: ADMIN.email, password: ADMIN.password },
    });
    expect(res.statusCode).toBe(200);
    expect((await server.app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });

  it('shows the effective permissions for the UI', async () => {
    const res = await server.app.inject({ url: '/api/auth/permissions', headers: bearer(admin.token) });
    expect(res.json()).toMatchObject({
      user_id: admin.id,
      is_admin: true,
      roles: [{ role: 'admin', cluster_id: null, namespace: null }],
      permissions: [{ resource: '*', action: '*', cluster_id: null, namespace: null }],
    });
  });

  it('refuses deactivated users: their tokens stop and login fails like a wrong password', async () => {
    const u = await createUser(server.app, admin.token, { email: 'gone@example.com', role: 'viewer' });
    const res = await server.app.inject({
      method: 'PUT',
      url: `/api/users/${u.id}`,
      headers: bearer(admin.token),
      payload: { is_active: false },
    });
    expect(res.statusCode).toBe(200);
    expect((await me(u.token)).statusCode).toBe(401);
    const again = await post('/api/auth/login', { email: 'gone@example.com', password: 'user-password-1' });
    expect(again.json().error.code).toBe('INVALID_CREDENTIALS');
  });
});
