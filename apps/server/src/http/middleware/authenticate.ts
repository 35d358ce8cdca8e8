import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { credentialFrom } from '../../auth/authenticator.js';
import type { Authenticator } from '../../auth/types.js';

/**
 * Stage 4: identifies the caller from `Authorization: Bearer <JWT or argus_ key>` or `X-API-Key` and sets
 * request.principal. Invalid credentials are refused here (401 with a stable code); missing credentials
 * are not: the setup guard answers first before setup, and RBAC requires a principal on protected routes.
 * On public routes bad credentials are ignored (a stale token must not block login or refresh).
 */
export const authenticate = fp(
  async (app: FastifyInstance, deps: { authenticator: Authenticator }) => {
    app.addHook('onRequest', async (request) => {
      if (request.is404) return;
      const isPublic = request.routeOptions.config?.permission === 'public';
      try {
        const credential = credentialFrom(request.headers);
        if (credential === undefined) return;
        request.principal = await deps.authenticator.authenticate(credential);
      } catch (err) {
        if (!isPublic) throw err;
        request.log.debug({ reason: (err as Error).message }, 'ignoring invalid credentials on a public route');
      }
    });
  },
  { name: 'argus-authenticate' },
);
