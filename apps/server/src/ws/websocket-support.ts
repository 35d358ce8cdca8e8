/**
 * WebSocket support for the whole app (registered once, at the root, before any `websocket: true`
 * route: `/ws`, `/ws/terminal`, `/ws/ai`). Frames over maxPayload close the socket with 1009; on
 * shutdown clients get 1001 and are cut after a second if they do not answer.
 */
import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const websocketSupport = fp(
  async (app: FastifyInstance, opts: { maxPayload: number }) => {
    await app.register(websocket, {
      options: { maxPayload: opts.maxPayload, perMessageDeflate: false },
      preClose(done) {
        const server = app.websocketServer;
        const clients = [...server.clients];
        for (const c of clients) c.close(1001, 'server shutting down');
        const timer = setTimeout(() => {
          for (const c of clients) c.terminate();
        }, 1_000);
        timer.unref();
        server.close(() => done());
      },
    });
  },
  { name: 'argus-websocket-support' },
);
