/**
 * Open a pod's or Service's port in the browser: the server-side counterpart of port-forward, through the API
 * server's proxy subresources (`pods/proxy`, `services/proxy`).
 *
 * `POST /api/clusters/{id}/proxy-sessions` (the UI, with the user's bearer token) checks `pods:proxy` or
 * `services:proxy` in the object's namespace and answers the URL to open on the proxy origin (another port:
 * proxy-listener.ts), setting an HttpOnly, SameSite=Strict cookie scoped to exactly that URL's path: a proxy
 * ticket naming the user's session and the one target. The new tab sends the cookie (never a token in the
 * URL); each request re-checks the session and the permission, so logout or a revoked role ends access at once.
 */
import { AppError, clusterParamsSchema, proxySessionRequestSchema, proxySessionSchema } from '@argus/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { accessFor } from '../clusters/access.js';
import { PROXY_COOKIE, proxyPrefix } from './proxy-forward.js';
import { type ProxyListener, proxyUnavailable } from './proxy-listener.js';
import type { ProxyTarget, ProxyTickets } from './proxy-ticket.js';

/** Where the browser reaches the proxy origin: PROXY_PUBLIC_URL, else this request's host on the proxy port. */
function proxyBase(publicUrl: string | undefined, request: FastifyRequest, port: number): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, '');
  return `${request.protocol}://${request.hostname.replace(/:\d+$/, '')}:${port}`;
}

export async function proxyRoutes(
  fastify: FastifyInstance,
  opts: { tickets: ProxyTickets; listener: ProxyListener; ttlSeconds: number; publicUrl?: string | undefined },
): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/api/clusters/:clusterId/proxy-sessions',
    {
      // The namespace is in the body: the handler checks pods:proxy / services:proxy there (checksNamespace).
      config: { permission: { resource: 'resources', action: 'read' }, checksNamespace: true },
      schema: {
        summary: "Open a pod's or Service's port in the browser (sets the proxy cookie for the URL it answers)",
        params: clusterParamsSchema,
        body: proxySessionRequestSchema,
        response: { 201: proxySessionSchema },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const access = accessFor(request);
      const { clusterId } = request.params;
      await access.require(body.kind, 'proxy', { clusterId, namespace: body.namespace });
      const principal = access.principal;
      if (principal.via !== 'jwt' || !principal.sessionId)
        throw new AppError('FORBIDDEN', 'Opening a port in the browser needs a signed-in session, not an API key');
      const port = opts.listener.port();
      if (port === undefined) throw proxyUnavailable();
      const target: ProxyTarget = { clusterId, ...body, port: String(body.port) };
      const ticket = await opts.tickets.issue(
        { ...target, userId: principal.userId, sessionId: principal.sessionId },
        opts.ttlSeconds,
      );
      const path = proxyPrefix(target);
      const secure = request.protocol === 'https' ? '; Secure' : '';
      reply.header(
        'set-cookie',
        `${PROXY_COOKIE}=${ticket}; Path=${path}; Max-Age=${opts.ttlSeconds}; HttpOnly; SameSite=Strict${secure}`,
      );
      reply.status(201);
      return {
        url: `${proxyBase(opts.publicUrl, request, port)}${path}`,
        expires_at: new Date(Date.now() + opts.ttlSeconds * 1000).toISOString(),
      };
    },
  );
}
