import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { pathSegments, rawPathOf } from '../raw-path.js';

/** The kubectl gateway reads its own path (stricter, and answers with Kubernetes Status objects). */
const GATEWAY = /^\/api\/clusters\/[^/]+\/k8s(\/|$)/;

/**
 * Stage 3b: API and WebSocket paths are read once, raw, before routing: a path with dot-segments, empty
 * segments or an encoded `/` is refused (400 INVALID_PATH) instead of being decoded into route parameters
 * that name something other than what RBAC will see (docs/security.md, "Paths").
 */
export const pathGuard = fp(
  async (app: FastifyInstance) => {
    app.addHook('onRequest', async (request) => {
      const path = rawPathOf(request.raw.url ?? '/');
      if (!(path.startsWith('/api') || path.startsWith('/ws')) || GATEWAY.test(path)) return;
      pathSegments(path, { trailingSlash: true });
    });
  },
  { name: 'argus-path-guard' },
);
