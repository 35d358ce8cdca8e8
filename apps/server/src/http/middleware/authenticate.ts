import type { FastifyInstance, FastifyRequest } from 'fastify';
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
    /** Invalid credentials: refused, except on a public route (a stale token must not block login). */
    function refused(request: FastifyRequest, isPublic: boolean, err: unknown, done: (err?: Error) => void): void {
      if (isPublic)
        request.log.debug({ reason: (err as Error).message }, 'ignoring invalid credentials on a public route');
      done(isPublic ? undefined : (err as Error));
    }
    // A callback hook: no promise of its own per request (a request without credentials needs none at all).
    app.addHook('onRequest', (request, _reply, done) => {
      if (request.is404) return done();
      let credential: ReturnType<typeof credentialFrom>;
      try {
        credential = credentialFrom(request.headers);
      } catch (err) {
        return refused(request, request.routeOptions.config?.permission === 'public', err, done);
      }
      if (credential === undefined) return done();
      // A client's next requests with the same token: answered from what is known, without a promise.
      const known = deps.authenticator.known?.(credential);
      if (known) {
        request.principal = known;
        return done();
      }
      deps.authenticator.authenticate(credential).then(
        (principal) => {
          request.principal = principal;
          done();
        },
        (err: unknown) => refused(request, request.routeOptions.config?.permission === 'public', err, done),
      );
    });
  },
  { name: 'argus-authenticate' },
);
