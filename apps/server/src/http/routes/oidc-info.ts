import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/types.js';

/**
 * Public `GET /api/auth/oidc/info` → `{"enabled","name"}`: whether the login page offers "Login with SSO".
 * SSO is enabled only by OIDC settings stored under the `oidc` key of `settings`; until single sign-on is
 * configured (the OIDC feature writes that row), it answers enabled: false.
 */
export async function oidcInfoRoutes(app: FastifyInstance, deps: { db: Database }): Promise<void> {
  app.get('/api/auth/oidc/info', { config: { permission: 'public' } }, async () => {
    const res = await deps.db.query<{ value: { enabled?: unknown; name?: unknown; issuer?: unknown } }>(
      "SELECT value FROM settings WHERE key = 'oidc'",
    );
    const value = res.rows[0]?.value;
    const enabled = value?.enabled === true && typeof value.issuer === 'string' && value.issuer !== '';
    return { enabled, name: enabled && typeof value?.name === 'string' ? value.name : enabled ? 'SSO' : '' };
  });
}
