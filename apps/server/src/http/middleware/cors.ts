import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the CORS stage when it accepted a preflight (the OPTIONS route answers it, else 404). */
    corsPreflightEnabled: boolean;
  }
}

const ALLOW_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS';
const ALLOW_HEADERS = 'Authorization, Content-Type, X-API-Key';
const MAX_AGE_SECONDS = '600';

/**
 * Stage 2: cross-origin requests only from ALLOWED_ORIGINS (none by default: the UI is served from the same
 * origin; `*` allows any). What @fastify/cors answered with these options (reflected origin, credentials, strict
 * preflight answered with 204 here, before authentication), except that a request without an Origin header
 * (not a cross-origin browser request) gets no Access-Control-Allow-Credentials, which only a CORS answer uses.
 * Written out because the plugin copied its options and resolved the origin through closures on every request,
 * also for the same-origin and non-browser requests that are nearly all of them.
 */
export const cors = fp(
  async (app: FastifyInstance, opts: { allowedOrigins: string[] }) => {
    const allowed = new Set(opts.allowedOrigins);
    const anyOrigin = allowed.has('*');
    app.decorateRequest('corsPreflightEnabled', false);

    const invalidPreflight = (reply: FastifyReply) =>
      reply.status(400).type('text/plain').send('Invalid Preflight Request');

    function preflight(request: FastifyRequest, reply: FastifyReply): void {
      request.corsPreflightEnabled = true;
      reply
        .header('Access-Control-Allow-Methods', ALLOW_METHODS)
        .header('Access-Control-Allow-Headers', ALLOW_HEADERS)
        .header('Access-Control-Max-Age', MAX_AGE_SECONDS)
        .code(204)
        .header('Content-Length', '0')
        .send();
    }

    app.addHook('onRequest', (request, reply, done) => {
      // The answer depends on Origin, so caches must keep answers per Origin (an answer without one included).
      reply.header('Vary', 'Origin');
      const origin = request.headers.origin;
      const isOptions = request.method === 'OPTIONS';
      if (origin === undefined) {
        if (isOptions) return invalidPreflight(reply);
        return done();
      }
      if (!(anyOrigin || allowed.has(origin))) return done();
      reply.header('Access-Control-Allow-Origin', origin).header('Access-Control-Allow-Credentials', 'true');
      if (!isOptions) return done();
      if (!request.headers['access-control-request-method']) return invalidPreflight(reply);
      preflight(request, reply);
    });

    // Lets Fastify route preflights to any path; one the hook did not accept is not found.
    app.options('*', { schema: { hide: true } as Record<string, unknown> }, (request, reply) => {
      if (!request.corsPreflightEnabled) return reply.callNotFound();
      reply.send();
    });
  },
  { name: 'argus-cors' },
);
