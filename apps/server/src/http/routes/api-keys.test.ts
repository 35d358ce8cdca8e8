import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUser, type SignedIn, setupAdmin } from '../../test-support/identity.js';
import { testDrivers } from '../../test-support/test-database.js';
import { createTestServer, type TestServer } from '../../test-support/test-server.js';

describe.each(testDrivers())('API keys on %s', (driver) => {
  let server: TestServer;
  let admin: SignedIn;
  let viewer: SignedIn;
  const create = (token: string, payload: object) =>
    server.app.inject({ method: 'POST', url: '/api/auth/api-keys', headers: bearer(token), payload });

  beforeAll(async () => {
    server = await createTestServer(driver);
    admin = await setupAdmin(server.app);
    viewer = await createUser(server.app, admin.token, { email: 'keys@example.com', role: 'viewer' });
  });
  afterAll(() => server.stop());

  it('creates a key shown once, stored hashed, listed by prefix, usable as Bearer and X-API-Key', async () => {
    const res = await create(admin.token, { name: 'ci', expires_in_days: 30 });
    expect(res.statusCode).toBe(201);
    const key = res.json();
    expect(key).toMatchObject({ name: 'ci', scope: 'full', revoked_at: null });
    expect(key.key).toMatch(/^argus_/);
    expect(key.key.startsWith(key.prefix)).toBe(true);
    expect(new Date(key.expires_at).getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    const stored = await server.db.query<{ key_hash: string }>('SELECT key_hash FROM api_keys');
    expect(JSON.stringify(stored.rows)).not.toContain(key.key);

    const list = await server.app.inject({ url: '/api/auth/api-keys', headers: bearer(admin.token) });
    expect(list.json().items).toEqual([expect.objectContaining({ id: key.id, prefix: key.prefix })]);
    expect(list.body).not.toContain(key.key);

    const viaBearer = await server.app.inject({ url: '/api/users', headers: bearer(key.key) });
    expect(viaBearer.statusCode).toBe(200);
    const viaHeader = await server.app.inject({ url: '/api/auth/me', headers: { 'x-api-key': key.key } });
    expect(viaHeader.json().email).toBe('admin@example.com');

    expect((await create(admin.token, { name: 'ci' })).statusCode).toBe(409);
  });

  it('revokes a key: it stops working at once; other users cannot revoke it', async () => {
    const key = (await create(viewer.token, { name: 'temp' })).json();
    expect((await server.app.inject({ url: '/api/auth/me', headers: bearer(key.key) })).statusCode).toBe(200);
    const foreign = await server.app.inject({
      method: 'DELETE',
      url: `/api/auth/api-keys/${key.id}`,
      headers: bearer(admin.token),
    });
    expect(foreign.statusCode).toBe(404);
    const revoke = await server.app.inject({
      method: 'DELETE',
      url: `/api/auth/api-keys/${key.id}`,
      headers: bearer(viewer.token),
    });
    expect(revoke.statusCode).toBe(204);
    const after = await server.app.inject({ url: '/api/auth/me', headers: bearer(key.key) });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('API_KEY_INVALID');
  });

  it('refuses expired keys, and read-scoped keys cannot mutate', async () => {
    const key = (await create(admin.token, { name: 'short', expires_in_days: 1 })).json();
    await server.db.query("UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1", [key.id]);
    expect((await server.app.inject({ url: '/api/auth/me', headers: bearer(key.key) })).statusCode).toBe(401);

    const read = (await create(admin.token, { name: 'read-only', scope: 'read' })).json();
    expect(read.scope).toBe('read');
    expect((await server.app.inject({ url: '/api/auth/me', headers: bearer(read.key) })).statusCode).toBe(200);
    const write = await server.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: bearer(read.key),
      payload: { email: 'nope@example.com', name: 'N', password: 'user-password-1' },
    });
    expect(write.statusCode).toBe(403);
    expect((await create(read.key, { name: 'escalate' })).statusCode).toBe(403);
    // users:read is not a read action of a cluster, but 'read' is: the admin's read key may list users.
    expect((await server.app.inject({ url: '/api/users', headers: bearer(read.key) })).statusCode).toBe(200);
  });

  it('validates input', async () => {
    expect((await create(admin.token, { name: '' })).statusCode).toBe(400);
    expect((await create(admin.token, { name: 'x', scope: 'root' })).statusCode).toBe(400);
    expect((await create(admin.token, { name: 'x', expires_at: '2001-01-01T00:00:00Z' })).statusCode).toBe(400);
    const bad = await server.app.inject({
      method: 'DELETE',
      url: '/api/auth/api-keys/nope',
      headers: bearer(admin.token),
    });
    expect(bad.statusCode).toBe(400);
  });
});
