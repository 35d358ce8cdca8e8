import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config/load-config.js';
import { cors } from './cors.js';
import { securityHeaders } from './security-headers.js';

export interface MiddlewareDeps {
  config: Config;
}

/**
 * The request path, in the order the contract fixes (DESIGN.md, "Request path"):
 * security headers → CORS → rate limit → auth → setup guard → audit → RBAC → handler.
 * Each stage is one file in this folder; this is the only place that orders them.
 */
export async function registerMiddleware(app: FastifyInstance, deps: MiddlewareDeps): Promise<void> {
  await app.register(securityHeaders);
  await app.register(cors, { allowedOrigins: deps.config.ALLOWED_ORIGINS });
}
