import fastifyCors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Cross-origin requests only from ALLOWED_ORIGINS (none by default: the UI is served from the same origin). */
export const cors = fp(
  async (app: FastifyInstance, opts: { allowedOrigins: string[] }) => {
    const allowed = new Set(opts.allowedOrigins);
    await app.register(fastifyCors, {
      origin: (origin, cb) => cb(null, origin === undefined || allowed.has(origin) || allowed.has('*')),
      credentials: true,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      allowedHeaders: ['Authorization', 'Content-Type', 'X-API-Key'],
      maxAge: 600,
    });
  },
  { name: 'argus-cors' },
);
