import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUser, login, type SignedIn, setupAdmin } from '../../test-support/identity.js';
import { testDrivers } from '../../test-support/test-database.js';
import { createTestServer, type TestServer } from '../../test-support/test-server.js';

describe.each(testDrivers())('users and roles on %s', (driver) => {
  let server: TestServer;
  let admin: SignedIn;
  const call = (method: string, url: string, payload?: object, token = admin.token) =>
    server.app.inject({ method: method as 'GET', url, headers: bearer(token), ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    server = await createTestServer(driver);
    admin = await setupAdmin(server.app);
  });
  afterAll(() => server.stop());

  it('creates, lists, gets, updates and deletes users', async () => {
    const created = await call('POST', '/api/users', {
      email: 'New@Example.com',
      name: 'New',
      password: 'user-password-1',
      role: 'viewer',
    });
    expect(created.statusCode).toBe(201);
    const user = created.json();
    expect(user).toMatchObject({ email: 'new@example.com', is_active: true, roles: [{ role: 'viewer' }] });
    expect(JSON.stringify(user)).not.toMatch(/password/);
    expect(
      (await call('POST', '/api/users', { email: 'new@example.com', name: 'N', password: 'user-password-1' }))
        .statusCode,
    ).toBe(409);
    expect((await call('GET', '/api/users')).json().items).toHaveLength(2);
    expect((await call('GET', `/api/users/${user.id}`)).json().id).toBe(user.id);
    const renamed = await call('PATCH', `/api/users/${user.id}`, { name: 'Renamed' });
    expect(renamed.json().name).toBe('Renamed');
    const reset = await call('PUT', `/api/users/${user.id}`, { password: 'reset-password-1' });
    expect(reset.statusCode).toBe(200);
    await login(server.app, 'new@example.com', 'reset-password-1');
    expect((await call('DELETE', `/api/users/${user.id}`)).statusCode).toBe(204);
    expect((await call('GET', `/api/users/${user.id}`)).statusCode).toBe(404);
    expect((await call('GET', '/api/users/not-a-uuid')).statusCode).toBe(400);
  });

  it('never removes the last admin: delete, deactivate and unassign answer 409 LAST_ADMIN', async () => {
    const del = await call('DELETE', `/api/users/${admin.id}`);
    expect(del.statusCode).toBe(409);
    expect(del.json().error.code).toBe('LAST_ADMIN');
    expect((await call('PUT', `/api/users/${admin.id}`, { is_active: false })).json().error.code).toBe('LAST_ADMIN');
    const assignment = (await call('GET', `/api/users/${admin.id}`)).json().roles[0].id;
    expect((await call('DELETE', `/api/roles/assignments/${assignment}`)).json().error.code).toBe('LAST_ADMIN');

    // With a second admin, the first may be demoted.
    const second = await createUser(server.app, admin.token, { email: 'admin2@example.com', role: 'admin' });
    expect((await call('DELETE', `/api/roles/assignments/${assignment}`)).statusCode).toBe(204);
    expect((await call('GET', '/api/users', undefined, admin.token)).statusCode).toBe(403);
    const back = await call('POST', '/api/roles/assign', { user_id: admin.id, role: 'admin' }, second.token);
    expect(back.statusCode).toBe(201);
    expect((await call('GET', '/api/users')).statusCode).toBe(200);
  });

  it('manages custom roles; built-in roles cannot be changed; permission changes apply at once', async () => {
    const roles = (await call('GET', '/api/roles')).json().items;
    expect(
      roles
        .map((r: { name: string }) => r.name)
        .slice(0, 3)
        .sort(),
    ).toEqual(['admin', 'operator', 'viewer']);
    expect((await call('PUT', '/api/roles/admin', { description: 'x' })).json().error.code).toBe('BUILTIN_ROLE');
    expect((await call('DELETE', '/api/roles/viewer')).statusCode).toBe(409);

    const created = await call('POST', '/api/roles', {
      name: 'auditor',
      description: 'Reads the audit log',
      permissions: [{ resource: 'audit', action: 'read' }],
    });
    expect(created.statusCode).toBe(201);
    const role = created.json();
    expect(role).toMatchObject({ is_builtin: false, permissions: [{ resource: 'audit', action: 'read' }] });
    expect((await call('POST', '/api/roles', { name: 'auditor' })).statusCode).toBe(409);
    expect((await call('POST', '/api/roles', { name: 'Bad Name!' })).statusCode).toBe(400);

    const auditor = await createUser(server.app, admin.token, { email: 'auditor@example.com', role: 'auditor' });
    expect((await call('GET', '/api/audit-log', undefined, auditor.token)).statusCode).toBe(200);
    expect((await call('GET', '/api/users', undefined, auditor.token)).statusCode).toBe(403);

    // Changing the role's permissions invalidates the cached effective permissions.
    await call('PUT', `/api/roles/${role.id}`, { permissions: [{ resource: 'users', action: 'read' }] });
    expect((await call('GET', '/api/audit-log', undefined, auditor.token)).statusCode).toBe(403);
    expect((await call('GET', '/api/users', undefined, auditor.token)).statusCode).toBe(200);
    expect((await call('GET', `/api/roles/${role.id}`)).json().permissions).toEqual([
      { resource: 'users', action: 'read' },
    ]);

    expect((await call('DELETE', '/api/roles/auditor')).statusCode).toBe(204);
    expect((await call('GET', '/api/users', undefined, auditor.token)).statusCode).toBe(403);
  });

  it('assigns roles in a namespace scope and validates assignments', async () => {
    const c = await server.db.query<{ id: string }>(
      "INSERT INTO clusters (name, connection_type) VALUES ('roles-c', 'agent') RETURNING id::text",
    );
    const clusterId = c.rows[0]!.id;
    const u = await createUser(server.app, admin.token, { email: 'scoped@example.com' });
    const assign = (payload: object) => call('POST', '/api/roles/assign', payload);
    const ok = await assign({ user_id: u.id, role: 'operator', cluster_id: clusterId, namespace: 'team-a' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ role: 'operator', cluster_id: clusterId, namespace: 'team-a' });
    expect(
      (await assign({ user_id: u.id, role: 'operator', cluster_id: clusterId, namespace: 'team-a' })).statusCode,
    ).toBe(409);
    expect((await assign({ user_id: u.id, role: 'operator', namespace: 'team-a' })).statusCode).toBe(400);
    expect((await assign({ user_id: u.id, role: 'nope' })).statusCode).toBe(404);
    expect((await assign({ user_id: '00000000-0000-4000-8000-000000000000', role: 'viewer' })).statusCode).toBe(404);
    expect(
      (await assign({ user_id: u.id, role: 'viewer', cluster_id: '00000000-0000-4000-8000-000000000000' })).statusCode,
    ).toBe(404);
    const perms = await server.app.inject({ url: '/api/auth/permissions', headers: bearer(u.token) });
    expect(perms.json().roles).toEqual([{ role: 'operator', cluster_id: clusterId, namespace: 'team-a' }]);
    expect(perms.json().is_admin).toBe(false);
    expect((await call('DELETE', `/api/roles/assignments/${ok.json().id}`)).statusCode).toBe(204);
    expect((await call('DELETE', `/api/roles/assignments/${ok.json().id}`)).statusCode).toBe(404);
  });
});
