import type { FastifyInstance } from 'fastify';

/** Helpers for tests that need signed-in users: the real setup, login and role routes, through inject(). */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export interface SignedIn {
  id: string;
  email: string;
  token: string;
  refreshToken: string;
}

export const ADMIN = { email: 'admin@example.com', password: 'admin-password-1', name: 'Admin' };

async function expectStatus(res: { statusCode: number; body: string }, status: number, what: string) {
  if (res.statusCode !== status) throw new Error(`${what}: expected ${status}, got ${res.statusCode}: ${res.body}`);
}

/** Completes setup with the first admin and returns it signed in. */
export async function setupAdmin(app: FastifyInstance, admin = ADMIN): Promise<SignedIn> {
  const res = await app.inject({ method: 'POST', url: '/api/setup/init', payload: admin });
  await expectStatus(res, 201, 'setup');
  const body = res.json();
  return { id: body.user.id, email: body.user.email, token: body.access_token, refreshToken: body.refresh_token };
}

export async function login(app: FastifyInstance, email: string, password: string): Promise<SignedIn> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  await expectStatus(res, 200, `login ${email}`);
  const body = res.json();
  return { id: body.user.id, email: body.user.email, token: body.access_token, refreshToken: body.refresh_token };
}

/**
 * Creates a user (as the admin), optionally assigns a role in a scope, and signs the user in.
 * `role` without cluster is a global assignment.
 */
export async function createUser(
  app: FastifyInstance,
  adminToken: string,
  user: { email: string; password?: string; name?: string; role?: string; clusterId?: string; namespace?: string },
): Promise<SignedIn> {
  const password = user.password ?? 'user-password-1';
  const created = await app.inject({
    method: 'POST',
    url: '/api/users',
    headers: bearer(adminToken),
    payload: { email: user.email, name: user.name ?? user.email.split('@')[0], password },
  });
  await expectStatus(created, 201, `create user ${user.email}`);
  if (user.role) {
    const assigned = await app.inject({
      method: 'POST',
      url: '/api/roles/assign',
      headers: bearer(adminToken),
      payload: {
        user_id: created.json().id,
        role: user.role,
        ...(user.clusterId ? { cluster_id: user.clusterId } : {}),
        ...(user.namespace ? { namespace: user.namespace } : {}),
      },
    });
    await expectStatus(assigned, 201, `assign ${user.role} to ${user.email}`);
  }
  return login(app, user.email, password);
}
