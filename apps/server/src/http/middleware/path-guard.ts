import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { pathSegments, rawPathOf } from '../raw-path.js';

/** The kubectl gateway reads its own path (stricter, and answers with Kubernetes Status objects). */
const GATEWAY = /^\/api\/clusters\/[^/]+\/k8s(\/|$)/;

/**
 * A path that pathSegments accepts as it is, recognised without decoding: every segment is non-empty, starts
 * with a character other than `.` (so it is neither `.` nor `..`) and holds only unreserved and sub-delim
 * characters, `:` and `@` (no `%`, `\` or control character), with at most one trailing `/`. Anything else
 * (most requests are plain) takes the full check.
 */
const PLAIN = /^(?:\/[A-Za-z0-9_~:@!$&'()*+,;=-][A-Za-z0-9._~:@!$&'()*+,;=-]*)+\/?$/;

/**
 * Stage 3b: API and WebSocket paths are read once, raw, before routing: a path with dot-segments, empty
 * segments or an encoded `/` is refused (400 INVALID_PATH) instead of being decoded into route parameters
 * that name something other than what RBAC will see (docs/security.md, "Paths").
 * A callback hook (no promise per request); a plain path skips the decoding check (PLAIN).
 */
export const pathGuard = fp(
  async (app: FastifyInstance) => {
    app.addHook('onRequest', (request, _reply, done) => {
      const path = rawPathOf(request.raw.url ?? '/');
      if (!(path.startsWith('/api') || path.startsWith('/ws')) || PLAIN.test(path) || GATEWAY.test(path)) return done();
      try {
        pathSegments(path, { trailingSlash: true });
      } catch (err) {
        return done(err as Error);
      }
      done();
    });
  },
  { name: 'argus-path-guard' },
);
