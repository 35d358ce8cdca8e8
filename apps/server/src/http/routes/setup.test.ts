import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, bearer } from '../../test-support/identity.js';
import { testDrivers } from '../../test-support/test-database.js';
import { createTestServer, type TestServer } from '../../test-support/test-server.js';

describe.each(testDrivers())('setup on %s', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(driver);
  });
  afterAll(() => server.stop());

  it('reports setup as not completed and guards protected routes with 503 SETUP_REQUIRED', async () => {
    expect((await server.app.inject({ url: '/api/setup/status' })).json()).toEqual({ completed: false });
    for (const url of ['/api/users', '/api/auth/me', '/api/audit-log', '/api/roles']) {
      const res = await server.app.inject({ url });
      expect(res.statusCode, url).toBe(503);
      expect(res.json().error.code).toBe('SETUP_REQUIRED');
    }
    const login = await server.app.inject({ method: 'POST', url: '/api/auth/login', payload: ADMIN });
    expect(login.statusCode).toBe(401);
  });

  it('rejects an invalid first admin with 400 and stays not set up', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/setup/init',
      payload: { email: 'not-an-email', password: 'short', name: '' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect((await server.app.inject({ url: '/api/setup/status' })).json()).toEqual({ completed: false });
  });

  it('creates exactly one first admin when two inits race: one 201, the other 409 SETUP_COMPLETED', async () => {
    const [a, b] = await Promise.all([
      server.app.inject({ method: 'POST', url: '/api/setup/init', payload: ADMIN }),
      server.app.inject({
        method: 'POST',
        url: '/api/setup/init',
        payload: { email: 'other@example.com', password: 'other-password-1', name: 'Other' },
      }),
    ]);
    const statuses = [a.statusCode, b.statusCode].sort();
    expect(statuses).toEqual([201, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().error.code).toBe('SETUP_COMPLETED');
    const winner = (a.statusCode === 201 ? a : b).json();
    expect(winner.user.roles).toEqual([expect.objectContaining({ role: 'admin', cluster_id: null, namespace: null })]);
    expect(winner.email).toBe(winner.user.email);
    expect(winner.access_token).toEqual(expect.any(String));
    const users = await server.db.query('SELECT email FROM users');
    expect(users.rows).toHaveLength(1);

    expect((await server.app.inject({ url: '/api/setup/status' })).json()).toEqual({ completed: true });
    const me = await server.app.inject({ url: '/api/auth/me', headers: bearer(winner.access_token) });
    expect(me.statusCode).toBe(200);
    expect(me.json().email).toBe(winner.email);
    const again = await server.app.inject({ method: 'POST', url: '/api/setup/init', payload: ADMIN });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('SETUP_COMPLETED');
  });

  it('answers protected routes without credentials with 401 once set up', async () => {
    const res = await server.app.inject({ url: '/api/users' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });
});
