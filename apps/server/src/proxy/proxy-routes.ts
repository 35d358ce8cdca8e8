/**
 * Open a pod's or Service's port in the browser: the server-side counterpart of port-forward, through the API
 * server's proxy subresources (`pods/proxy`, `services/proxy`).
 *
 * `POST /api/clusters/{id}/proxy-sessions` (the UI, with the user's bearer token) checks `pods:proxy` or
 * `services:proxy` in the object's namespace and answers the URL to open, setting an HttpOnly, SameSite=Strict
 * cookie scoped to exactly that URL's path: a proxy ticket naming the user's session and the one target. A new
 * tab opened on the URL sends the cookie (never a token in the URL); each request re-checks the session and the
 * permission, so logout or a revoked role ends access at once. What the proxied app answers is served with a
 * sandboxing Content-Security-Policy (an opaque origin: its scripts cannot read Argus's storage or call the
 * Argus API as the user) and without its cookies.
 */
import {
  AppError,
  clusterParamsSchema,
  proxySessionRequestSchema,
  proxySessionSchema,
  proxyTargetParamsSchema,
} from '@argus/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Authenticator } from '../auth/types.js';
import { accessFor } from '../clusters/access.js';
import type { ClusterModule } from '../clusters/cluster-module.js';
import { passthroughResponse } from '../http/openapi/responses.js';
import type { ProxyTarget, ProxyTickets } from './proxy-ticket.js';

export const PROXY_COOKIE = 'argus_proxy';
/** The sandbox the proxied documents run in: scripts and forms work, but in an opaque origin of their own. */
export const PROXY_CSP = 'sandbox allow-scripts allow-forms allow-popups allow-modals allow-downloads';
const PASS_REQUEST = [
  'accept',
  'accept-language',
  'content-type',
  'if-none-match',
  'if-modified-since',
  'range',
  'user-agent',
];
const DROP_RESPONSE = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'date',
  'set-cookie',
  'content-security-policy',
  'strict-transport-security',
  'access-control-allow-origin',
  'access-control-allow-credentials',
]);

const prefixOf = (t: ProxyTarget) =>
  `/api/clusters/${encodeURIComponent(t.clusterId)}/proxy/${t.kind}/${encodeURIComponent(t.namespace)}/${encodeURIComponent(t.name)}/${encodeURIComponent(t.port)}/`;

function cookieFrom(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  // The browser sends the most specific path's cookie first; every cookie of that name is tried in order.
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === PROXY_COOKIE) return v.join('=');
  }
  return undefined;
}

export async function proxyRoutes(
  fastify: FastifyInstance,
  opts: { module: ClusterModule; tickets: ProxyTickets; authenticator: Authenticator; ttlSeconds: number },
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
      const target: ProxyTarget = { clusterId, ...body, port: String(body.port) };
      const ticket = await opts.tickets.issue(
        { ...target, userId: principal.userId, sessionId: principal.sessionId },
        opts.ttlSeconds,
      );
      const url = prefixOf(target);
      const secure = request.protocol === 'https' ? '; Secure' : '';
      reply.header(
        'set-cookie',
        `${PROXY_COOKIE}=${ticket}; Path=${url}; Max-Age=${opts.ttlSeconds}; HttpOnly; SameSite=Strict${secure}`,
      );
      reply.status(201);
      return { url, expires_at: new Date(Date.now() + opts.ttlSeconds * 1000).toISOString() };
    },
  );

  // The proxied requests carry whatever body the app takes: raw bytes, in a context of their own.
  await fastify.register(async (raw) => {
    raw.removeAllContentTypeParsers();
    raw.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 16 * 1024 * 1024 }, (_req, body, done) =>
      done(null, body),
    );
    registerForward(raw.withTypeProvider<ZodTypeProvider>());
  });

  async function forward(request: FastifyRequest, reply: FastifyReply) {
    const p = proxyTargetParamsSchema.parse(request.params);
    const target: ProxyTarget = {
      clusterId: p.clusterId,
      kind: p.kind,
      namespace: p.namespace,
      name: p.name,
      port: p.port,
    };
    const cookie = cookieFrom(request);
    if (!cookie) throw new AppError('PROXY_TICKET_INVALID', 'Open this port from Argus: the proxy link has no ticket');
    const ticket = await opts.tickets.verify(cookie);
    if (
      ticket.clusterId !== target.clusterId ||
      ticket.kind !== target.kind ||
      ticket.namespace !== target.namespace ||
      ticket.name !== target.name ||
      ticket.port !== target.port
    )
      throw new AppError('PROXY_TICKET_INVALID', 'This proxy ticket is for another target: open the port from Argus');
    const principal = await opts.authenticator.session(ticket.userId, ticket.sessionId);
    if (
      !(await request.server.authorizer.can(principal, target.kind, 'proxy', {
        clusterId: target.clusterId,
        namespace: target.namespace,
      }))
    )
      throw new AppError('FORBIDDEN', `You may not proxy to ${target.kind} in namespace "${target.namespace}"`);
    const rest = (request.params as { '*'?: string })['*'] ?? '';
    const pathOnly = (request.raw.url ?? '').split('?')[0] ?? '';
    // Without the trailing slash the app's relative links would resolve above the proxy path.
    if (rest === '' && !pathOnly.endsWith('/')) return reply.redirect(`${pathOnly}/`, 301);
    const query = request.raw.url?.includes('?') ? request.raw.url.slice(request.raw.url.indexOf('?')) : '';
    const kubePath = `/api/v1/namespaces/${encodeURIComponent(target.namespace)}/${target.kind}/${encodeURIComponent(`${target.name}:${target.port}`)}/proxy/${rest}${query}`;
    const headers: Record<string, string | string[]> = {};
    for (const h of PASS_REQUEST) {
      const v = request.headers[h];
      if (v !== undefined) headers[h] = v;
    }
    const cluster = await opts.module.clusters.resolve(target.clusterId);
    if (cluster.impersonateUsers) headers['Impersonate-User'] = principal.email;
    const conn = await opts.module.clusters.connection(cluster.id);
    const body = Buffer.isBuffer(request.body) && request.body.length > 0 ? request.body : undefined;
    const up = await conn.stream({ method: request.method, path: kubePath, headers, body });
    const prefix = prefixOf(target);
    for (const [k, v] of Object.entries(up.headers)) {
      if (v === undefined || DROP_RESPONSE.has(k)) continue;
      // A redirect to an absolute path of the app stays under the proxy path.
      if (
        k === 'location' &&
        typeof v === 'string' &&
        v.startsWith('/') &&
        !v.startsWith('//') &&
        !v.startsWith(prefix)
      )
        reply.header(k, prefix + v.slice(1));
      else reply.header(k, v);
    }
    reply.header('content-security-policy', PROXY_CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('cache-control', 'no-store');
    request.raw.once('close', () => up.close());
    return reply.status(up.status).send(up.body);
  }

  function registerForward(proxy: typeof app) {
    const route = {
      config: { permission: 'public' as const },
      schema: {
        summary: "A pod's or Service's port through the API server's proxy (authorised by the proxy cookie)",
        params: proxyTargetParamsSchema,
        response: {
          default: passthroughResponse("What the pod's or Service's port answers (sandboxed), or an Argus error"),
        },
      },
    };
    // What a browser tab sends (pages, forms, the page's own requests). With the router ignoring trailing slashes, `…/:port/` reaches the first route: forward() tells the two
    // apart by the raw path and redirects the bare one to the slash form.
    for (const url of [
      '/api/clusters/:clusterId/proxy/:kind/:namespace/:name/:port',
      '/api/clusters/:clusterId/proxy/:kind/:namespace/:name/:port/*',
    ]) {
      proxy.route({ method: ['GET', 'HEAD'], url, ...route, handler: forward });
      // Whatever the app takes (a form, JSON, bytes) is passed on as is.
      const body = z.unknown().describe("The request body for the pod's or Service's port, passed on unchanged");
      proxy.route({ method: 'POST', url, ...route, schema: { ...route.schema, body }, handler: forward });
    }
  }
}
