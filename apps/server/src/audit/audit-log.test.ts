import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, bearer, createUser, type SignedIn, setupAdmin } from '../test-support/identity.js';
import { testDrivers } from '../test-support/test-database.js';
import { createTestServer, type TestServer } from '../test-support/test-server.js';

describe.each(testDrivers())('audit log on %s', (driver) => {
  let server: TestServer;
  let admin: SignedIn;
  let viewer: SignedIn;
  let clusterId = '';
  const auditLog = async (query = '') => {
    const res = await server.app.inject({ url: `/api/audit-log${query}`, headers: bearer(admin.token) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    server = await createTestServer(driver);
    admin = await setupAdmin(server.app);
    const c = await server.db.query<{ id: string }>(
      "INSERT INTO clusters (name, connection_type) VALUES ('audit-c', 'agent') RETURNING id::text",
    );
    clusterId = c.rows[0]!.id;
  });
  afterAll(() => server.stop());

  it('records exactly the mutations made, with outcomes, users, routes and redacted bodies', async () => {
    const app = server.app;
    await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: ADMIN.email, password: 'wrong-pw-1' },
    });
    viewer = await createUser(app, admin.token, { email: 'viewer@example.com', role: 'viewer' }); // create, assign, login
    await app.inject({ url: '/api/users', headers: bearer(admin.token) }); // a read: not recorded
    await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: bearer(viewer.token),
      payload: { email: 'x@example.com' },
    });
    await app.inject({ method: 'POST', url: '/api/users', payload: {} });
    await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { ...bearer(admin.token), 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    await app.inject({
      method: 'POST',
      url: '/api/roles/assign',
      headers: bearer(admin.token),
      payload: { user_id: viewer.id, role: 'operator', cluster_id: clusterId, namespace: 'team-a' },
    });

    const { items } = await auditLog();
    const rows = items.map((r: Record<string, unknown>) => [
      r.method,
      r.route,
      r.action,
      r.outcome,
      r.status_code,
      r.user_email,
    ]);
    expect(rows).toEqual([
      ['POST', '/api/roles/assign', 'role.assign', 'success', 201, ADMIN.email],
      ['POST', '/api/users', 'user.create', 'failed', 400, ADMIN.email],
      ['POST', '/api/users', 'user.create', 'denied', 401, null],
      ['POST', '/api/users', 'user.create', 'denied', 403, 'viewer@example.com'],
      ['POST', '/api/auth/login', 'auth.login', 'success', 200, 'viewer@example.com'],
      ['POST', '/api/roles/assign', 'role.assign', 'success', 201, ADMIN.email],
      ['POST', '/api/users', 'user.create', 'success', 201, ADMIN.email],
      ['POST', '/api/auth/login', 'auth.login', 'failed', 401, ADMIN.email],
      ['POST', '/api/setup/init', 'setup.init', 'success', 201, ADMIN.email],
    ]);
    const [assign, badJson, , denied, , , created, failedLogin, setup] = items;
    expect(assign).toMatchObject({ cluster_id: clusterId, namespace: 'team-a', user_id: admin.id });
    expect(badJson.error_code).toBe('INVALID_JSON');
    expect(denied.error_code).toBe('FORBIDDEN');
    expect(failedLogin).toMatchObject({ error_code: 'INVALID_CREDENTIALS', user_id: null });
    expect(failedLogin.request_body).toEqual({ email: ADMIN.email, password: '[REDACTED]' });
    expect(created.request_body).toMatchObject({ email: 'viewer@example.com', password: '[REDACTED]' });
    expect(setup).toMatchObject({ user_id: admin.id, request_body: { password: '[REDACTED]' } });
    for (const r of items) {
      expect(r.source_ip).toBe('127.0.0.1');
      expect(r.duration_ms).toBeGreaterThanOrEqual(0);
      expect(JSON.stringify(r)).not.toMatch(/user-password-1|admin-password-1|wrong-pw-1/);
    }
  });

  it('filters by user, action, cluster and time, and pages with an opaque cursor', async () => {
    expect((await auditLog(`?user_id=${viewer.id}`)).items.map((r: { action: string }) => r.action)).toEqual([
      'user.create',
      'auth.login',
    ]);
    expect((await auditLog('?action=role.assign')).items).toHaveLength(2);
    expect((await auditLog(`?cluster_id=${clusterId}`)).items).toHaveLength(1);
    expect((await auditLog('?from=2999-01-01T00:00:00Z')).items).toHaveLength(0);
    expect((await auditLog('?to=2000-01-01T00:00:00Z')).items).toHaveLength(0);

    const all = (await auditLog('?limit=500')).items.map((r: { id: string }) => r.id);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; next_cursor: string | null } = await auditLog(
        `?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      paged.push(...page.items.map((r) => r.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(paged).toEqual(all);
  });

  it('answers injection strings and malformed filters with 400, and stays healthy', async () => {
    const hostile = [
      `?user_id=${encodeURIComponent("' OR 1=1 --")}`,
      `?action=${encodeURIComponent("x'; DROP TABLE users; --")}`,
      `?cluster_id=${encodeURIComponent('1; DELETE FROM audit_logs')}`,
      `?from=${encodeURIComponent("now()'")}`,
      '?limit=100000',
      '?limit=-1',
      `?cursor=${encodeURIComponent("'||pg_sleep(5)||'")}`,
      `?cursor=${Buffer.from('1.2; DROP TABLE x').toString('base64url')}`,
      '?user_id=a&user_id=b',
    ];
    for (const q of hostile) {
      const res = await server.app.inject({ url: `/api/audit-log${q}`, headers: bearer(admin.token) });
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
    expect((await server.db.query('SELECT count(*) FROM users')).rows).toHaveLength(1);
    expect((await server.app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });

  it('fails closed: when the audit row cannot be written the mutation is refused with 503 and not carried out', async () => {
    await server.db.query('ALTER TABLE audit_logs RENAME TO audit_logs_away');
    try {
      const res = await server.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: bearer(admin.token),
        payload: { email: 'unrecorded@example.com', name: 'U', password: 'user-password-1' },
      });
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe('AUDIT_UNAVAILABLE');
    } finally {
      await server.db.query('ALTER TABLE audit_logs_away RENAME TO audit_logs');
    }
    const users = await server.db.query("SELECT 1 FROM users WHERE email = 'unrecorded@example.com'");
    expect(users.rows).toHaveLength(0);
    // Reads do not depend on the audit log.
    expect((await server.app.inject({ url: '/api/auth/me', headers: bearer(admin.token) })).statusCode).toBe(200);
  });
});
