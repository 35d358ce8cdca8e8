/**
 * The proxy origin: a listener of its own (`PROXY_PORT`) for ports opened in the browser. A proxied app runs in
 * an origin that is not Argus's (another port is another origin), so its scripts cannot read Argus's storage or
 * drive the Argus UI, while its own pages, scripts and API calls work as they would on a port-forward. The ticket
 * cookie the Argus origin set (cookies are per host, not per port) is what authorises each request.
 */
import { AppError } from '@argus/contracts';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { toAppError } from '../http/error-handler.js';
import { createProxyForward, type ProxyForwardDeps } from './proxy-forward.js';

export interface ProxyListener {
  /** Starts listening (PROXY_PORT; 0 picks a free port). A port that is taken is logged, not fatal. */
  listen(host: string): Promise<void>;
  /** The bound port, once listening. */
  port(): number | undefined;
  close(): Promise<void>;
}

export function createProxyListener(
  deps: ProxyForwardDeps & { port: number; tls?: { cert: string; key: string }; logger: Logger; bodyLimit: number },
): ProxyListener {
  let app: FastifyInstance | undefined;
  let bound: number | undefined;
  return {
    async listen(host) {
      const server: FastifyInstance = Fastify({
        ...(deps.tls ? { https: deps.tls } : {}),
        bodyLimit: deps.bodyLimit,
        logger: false,
      }) as unknown as FastifyInstance;
      server.removeAllContentTypeParsers();
      server.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
      server.setErrorHandler((err, _request, reply) => {
        const e = toAppError(err);
        if (e.status >= 500) deps.logger.warn({ err: e }, 'proxy request failed');
        reply.status(e.status).send({ error: { code: e.code, message: e.message } });
      });
      server.setNotFoundHandler((_request, reply) =>
        reply.status(404).send({
          error: { code: 'ROUTE_NOT_FOUND', message: 'Nothing here: ports opened from Argus live under /proxy/' },
        }),
      );
      const forward = createProxyForward(deps);
      server.route({
        method: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
        url: '/proxy/*',
        handler: forward,
      });
      try {
        await server.listen({ port: deps.port, host });
      } catch (err) {
        deps.logger.error({ err, port: deps.port }, 'proxy port unavailable: "open in browser" is off');
        await server.close().catch(() => undefined);
        return;
      }
      const address = server.server.address();
      bound = typeof address === 'object' && address ? address.port : deps.port;
      app = server;
      deps.logger.info({ port: bound }, 'proxy origin listening');
    },
    port: () => bound,
    async close() {
      await app?.close();
      app = undefined;
    },
  };
}

export const proxyUnavailable = () =>
  new AppError('UNAVAILABLE', 'Opening ports in the browser is off on this server (its proxy port is not listening)');
