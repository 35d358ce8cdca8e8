import { oidcInfoResponseSchema } from '@argus/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../../db/types.js';

/**
 * Public `GET /api/auth/oidc/info` → `{"enabled","name"}`: whether the login page offers "Login with SSO".
 * SSO is enabled only by OIDC settings stored under the `oidc` key of `settings`; until single sign-on is
 * configured (the OIDC feature writes that row), it answers enabled: false.
 */
export async function oidcInfoRoutes(fastify: FastifyInstance, deps: { db: Database }): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/auth/oidc/info',
    {
      config: { permission: 'public' },
      schema: {
        summary: 'Whether the login page offers single sign-on, and its label',
        response: { 200: oidcInfoResponseSchema },
      },
    },
    async () => {
      const res = await deps.db.query<{ value: { enabled?: unknown; name?: unknown; issuer?: unknown } }>(
        "SELECT value FROM settings WHERE key = 'oidc'",
      );
      const value = res.rows[0]?.value;
      const enabled = value?.enabled === true && typeof value.issuer === 'string' && value.issuer !== '';
      return { enabled, name: enabled && typeof value?.name === 'string' ? value.name : enabled ? 'SSO' : '' };
    },
  );
}
