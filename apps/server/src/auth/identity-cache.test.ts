import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUser, login, type SignedIn, setupAdmin } from '../test-support/identity.js';
import { testDrivers } from '../test-support/test-database.js';
import { createTestServer, type TestServer } from '../test-support/test-server.js';
import { createIdentityCache } from './identity-cache.js';

describe('identity cache', () => {
  it('keeps an entry for the TTL, per user and key', async () => {
    let t = 0;
    let loads = 0;
    const cache = createIdentityCache({ ttlMs: 1_000, now: () => t });
    const load = async () => ++loads;
    expect(await cache.get('u1', 'a', load)).toBe(1);
    expect(await cache.get('u1', 'a', load)).toBe(1);
    expect(await cache.get('u1', 'b', load)).toBe(2);
    expect(await cache.get('u2', 'a', load)).toBe(3);
    t = 1_000;
    expect(await cache.get('u1', 'a', load)).toBe(4);
  });

  it('drops one user, or every user, on invalidate', async () => {
    let loads = 0;
    const cache = createIdentityCache({ ttlMs: 60_000 });
    const load = async () => ++loads;
    await cache.get('u1', 'a', load);
    await cache.get('u2', 'a', load);
    cache.invalidate('u1');
    expect(await cache.get('u1', 'a', load)).toBe(3);
    expect(await cache.get('u2', 'a', load)).toBe(2);
    cache.invalidate();
    expect(await cache.get('u2', 'a', load)).toBe(4);
  });

  it('does not keep a load that was in flight when an invalidation happened, nor a failed load', async () => {
    const cache = createIdentityCache({ ttlMs: 60_000 });
    let release: (v: string) => void = () => {};
    const stale = cache.get('u1', 'a', () => new Promise<string>((r) => (release = r)));
    cache.invalidate('u2'); // any invalidation: the load may have read state from before it
    release('old');
    expect(await stale).toBe('old');
    expect(await cache.get('u1', 'a', async () => 'new')).toBe('new');
    await expect(cache.get('u1', 'b', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await cache.get('u1', 'b', async () => 'loaded')).toBe('loaded');
  });

  it('peeks only at loaded values that are fresh and were not invalidated', async () => {
    let t = 0;
    const cache = createIdentityCache({ ttlMs: 1_000, now: () => t });
    let release: (v: string) => void = () => {};
    const loading = cache.get('u1', 'a', () => new Promise<string>((r) => (release = r)));
    expect(cache.peek('u1', 'a')).toBeUndefined(); // still loading
    release('v1');
    await loading;
    expect(cache.peek('u1', 'a')).toBe('v1');
    t = 1_000;
    expect(cache.peek('u1', 'a')).toBeUndefined(); // expired
    await cache.get('u1', 'a', async () => 'v2');
    cache.invalidate('u1');
    expect(cache.peek('u1', 'a')).toBeUndefined();
    await cache.get('u2', 'a', async () => 'v3');
    cache.invalidate();
    expect(cache.peek('u2', 'a')).toBeUndefined();
  });

  it('with a TTL of 0 always loads', async () => {
    let loads = 0;
    const cache = createIdentityCache({ ttlMs: 0 });
    await cache.get('u1', 'a', async () => ++loads);
    expect(await cache.get('u1', 'a', async () => ++loads)).toBe(2);
  });
});

// A long TTL: every change below must take effect through invalidation, not through expiry.
describe.each(testDrivers())('identity cache invalidation on %s', (driver) => {
  let server: TestServer;
  let admin: SignedIn;
  const call = (method: string, url: string, token: string, payload?: object) =>
    server.app.inject({ method: method as 'GET', url, headers: bearer(token), ...(payload ? { payload } : {}) });
  const me = (token: string) => call('GET', '/api/auth/me', token);
  /** Status and error code of GET /api/auth/me, after warming the cache with the same request. */
  const meCode = async (token: string) => {
    const res = await me(token);
    return res.statusCode === 200 ? 200 : `${res.statusCode} ${res.json().error.code}`;
  };

  beforeAll(async () => {
    server = await createTestServer(driver, { env: { IDENTITY_CACHE_TTL_MS: '300000' } });
    admin = await setupAdmin(server.app);
  });
  afterAll(() => server.stop());

  it('refuses a deactivated user on the next request (access token and API key), and a deleted one', async () => {
    const user = await createUser(server.app, admin.token, { email: 'deact@example.com', role: 'viewer' });
    const key = (await call('POST', '/api/auth/api-keys', user.token, { name: 'k', scope: 'full' })).json().key;
    expect(await meCode(user.token)).toBe(200);
    expect(await meCode(key)).toBe(200);
    expect((await call('PUT', `/api/users/${user.id}`, admin.token, { is_active: false })).statusCode).toBe(200);
    expect(await meCode(user.token)).toBe('401 ACCOUNT_DISABLED');
    expect(await meCode(key)).toBe('401 ACCOUNT_DISABLED');

    const other = await createUser(server.app, admin.token, { email: 'deleted@example.com', role: 'viewer' });
    expect(await meCode(other.token)).toBe(200);
    expect((await call('DELETE', `/api/users/${other.id}`, admin.token)).statusCode).toBe(204);
    expect(await meCode(other.token)).toBe('401 TOKEN_INVALID');
  });

  it('ends sessions at once on logout, password change, password reset and refresh-token reuse', async () => {
    const user = await createUser(server.app, admin.token, { email: 'sessions@example.com', role: 'viewer' });
    const second = await login(server.app, 'sessions@example.com', 'user-password-1');
    const third = await login(server.app, 'sessions@example.com', 'user-password-1');
    for (const s of [user, second, third]) expect(await meCode(s.token)).toBe(200);

    expect((await call('POST', '/api/auth/logout', third.token)).statusCode).toBe(204);
    expect(await meCode(third.token)).toBe('401 TOKEN_REVOKED');

    const change = await call('POST', '/api/auth/password', user.token, {
      current_password: 'user-password-1',
      new_password: 'user-password-2',
    });
    expect(change.statusCode).toBe(204);
    expect(await meCode(user.token)).toBe(200); // the caller's own session stays
    expect(await meCode(second.token)).toBe('401 TOKEN_REVOKED');

    expect((await call('PUT', `/api/users/${user.id}`, admin.token, { password: 'reset-password-1' })).statusCode).toBe(
      200,
    );
    expect(await meCode(user.token)).toBe('401 TOKEN_REVOKED');

    const fresh = await login(server.app, 'sessions@example.com', 'reset-password-1');
    expect(await meCode(fresh.token)).toBe(200);
    const refresh = (token: string) =>
      server.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refresh_token: token } });
    const rotated = (await refresh(fresh.refreshToken)).json();
    expect(await meCode(rotated.access_token)).toBe(200);
    expect((await refresh(fresh.refreshToken)).json().error.code).toBe('REFRESH_TOKEN_REUSED');
    expect(await meCode(rotated.access_token)).toBe('401 TOKEN_REVOKED');
  });

  it('refuses a revoked API key on the next request', async () => {
    const user = await createUser(server.app, admin.token, { email: 'keys@example.com', role: 'viewer' });
    const created = (await call('POST', '/api/auth/api-keys', user.token, { name: 'k', scope: 'read' })).json();
    expect(await meCode(created.key)).toBe(200);
    expect((await call('DELETE', `/api/auth/api-keys/${created.id}`, user.token)).statusCode).toBe(204);
    expect(await meCode(created.key)).toBe('401 API_KEY_INVALID');
  });

  it('applies role assignments and role permission edits on the next request', async () => {
    const user = await createUser(server.app, admin.token, { email: 'rbac@example.com' });
    const users = () => call('GET', '/api/users', user.token).then((r) => r.statusCode);
    expect(await users()).toBe(403);
    const role = await call('POST', '/api/roles', admin.token, {
      name: 'user-readers',
      permissions: [{ resource: 'users', action: 'read' }],
    });
    expect(role.statusCode).toBe(201);
    const assigned = await call('POST', '/api/roles/assign', admin.token, { user_id: user.id, role: 'user-readers' });
    expect(assigned.statusCode).toBe(201);
    expect(await users()).toBe(200);
    expect((await me(user.token)).json().roles.map((r: { role: string }) => r.role)).toEqual(['user-readers']);

    const edited = await call('PUT', '/api/roles/user-readers', admin.token, {
      permissions: [{ resource: 'roles', action: 'read' }],
    });
    expect(edited.statusCode).toBe(200);
    expect(await users()).toBe(403);
    await call('PUT', '/api/roles/user-readers', admin.token, { permissions: [{ resource: 'users', action: 'read' }] });
    expect(await users()).toBe(200);

    expect((await call('DELETE', `/api/roles/assignments/${assigned.json().id}`, admin.token)).statusCode).toBe(204);
    expect(await users()).toBe(403);
    expect((await me(user.token)).json().roles).toEqual([]);
  });

  it('shows a renamed user in GET /api/auth/me at once', async () => {
    const user = await createUser(server.app, admin.token, { email: 'rename@example.com', name: 'Before' });
    expect((await me(user.token)).json().name).toBe('Before');
    await call('PATCH', `/api/users/${user.id}`, admin.token, { name: 'After' });
    expect((await me(user.token)).json().name).toBe('After');
  });
});
