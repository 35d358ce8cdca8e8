import type { FastifyInstance } from 'fastify';
import type { Identity } from '../../auth/create-identity.js';
import type { Config } from '../../config/load-config.js';
import { audit } from './audit.js';
import { authenticate } from './authenticate.js';
import { cors } from './cors.js';
import { pathGuard } from './path-guard.js';
import { rateLimit } from './rate-limit.js';
import { rbac } from './rbac.js';
import { securityHeaders } from './security-headers.js';
import { setupGuard } from './setup-guard.js';

export interface MiddlewareDeps {
  config: Config;
  identity: Identity;
}

/**
 * The request path, in the order the contract fixes (DESIGN.md, "Request path"):
 * security headers → CORS → rate limit → auth → setup guard → audit → RBAC → handler, with the path guard
 * (dot-segments, empty segments, encoded `/` refused before routing decodes anything) right after the rate limit.
 * Each stage is one file in this folder; this is the only place that orders them. Stages 3–6 run as
 * onRequest hooks in registration order (audit writes its pending row at preValidation, once the body is
 * parsed); RBAC runs at preValidation right after it, before the route's declared schemas validate the input
 * (http/openapi) and the handler runs.
 */
export async function registerMiddleware(app: FastifyInstance, deps: MiddlewareDeps): Promise<void> {
  const { config, identity } = deps;
  app.decorateRequest('principal', undefined);
  app.decorateRequest('audit', undefined);
  await app.register(securityHeaders);
  await app.register(cors, { allowedOrigins: config.ALLOWED_ORIGINS });
  await app.register(rateLimit, {
    general: { perSecond: config.RATE_LIMIT_PER_SECOND, burst: config.RATE_LIMIT_BURST },
    auth: { perSecond: config.AUTH_RATE_LIMIT_PER_SECOND, burst: config.AUTH_RATE_LIMIT_BURST },
  });
  await app.register(pathGuard);
  await app.register(authenticate, { authenticator: identity.authenticator });
  await app.register(setupGuard, { setup: identity.setup });
  await app.register(audit, { store: identity.auditStore });
  await app.register(rbac, { authorizer: identity.authorizer });
}
