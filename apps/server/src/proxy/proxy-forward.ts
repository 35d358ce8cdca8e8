/**
 * What the proxy origin does with one request: read the raw path once (`/proxy/{cluster}/{kind}/{namespace}/
 * {name}/{port}/{rest…}`, refused like any API path when it has dot-segments, empty segments or encoded
 * slashes), check the ticket cookie against exactly that target, the user's session and `pods:proxy` /
 * `services:proxy` in the namespace, then stream the request through the API server's proxy subresource.
 */
import { AppError, proxyTargetParamsSchema } from '@argus/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Authenticator, Authorizer } from '../auth/types.js';
import type { ClusterModule } from '../clusters/cluster-module.js';
import { encodeSegment, pathSegments, rawPathOf } from '../http/raw-path.js';
import type { ProxyTarget, ProxyTickets } from './proxy-ticket.js';

export const PROXY_COOKIE = 'argus_proxy';
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
  // Cookies are per host, not per port: an app must not set cookies the Argus origin would receive.
  'set-cookie',
  'strict-transport-security',
]);

/** The path prefix of a target on the proxy origin (the ticket cookie is scoped to it). */
export const proxyPrefix = (t: ProxyTarget) =>
  `/proxy/${[t.clusterId, t.kind, t.namespace, t.name, t.port].map(encodeSegment).join('/')}/`;

function ticketsFrom(request: FastifyRequest): string[] {
  const out: string[] = [];
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === PROXY_COOKIE) out.push(v.join('='));
  }
  return out;
}

export interface ProxyForwardDeps {
  module: ClusterModule;
  tickets: ProxyTickets;
  authenticator: Authenticator;
  authorizer: Authorizer;
}

export function createProxyForward(deps: ProxyForwardDeps) {
  return async function forward(request: FastifyRequest, reply: FastifyReply) {
    const rawPath = rawPathOf(request.raw.url ?? '/');
    const segments = pathSegments(rawPath, { trailingSlash: true });
    if (segments[0] !== 'proxy' || segments.length < 6)
      throw new AppError('ROUTE_NOT_FOUND', 'Nothing here: ports opened from Argus live under /proxy/');
    const [clusterId, kind, namespace, name, port] = segments.slice(1, 6);
    const target = proxyTargetParamsSchema.parse({ clusterId, kind, namespace, name, port }) as ProxyTarget;
    const rest = segments.slice(6);
    // Without the trailing slash the app's relative links would resolve above the proxy path.
    if (rest.length === 0 && !rawPath.endsWith('/')) return reply.redirect(`${rawPath}/`, 301);
    const cookies = ticketsFrom(request);
    if (cookies.length === 0)
      throw new AppError('PROXY_TICKET_INVALID', 'Open this port from Argus: the proxy link has no ticket');
    // The browser sends every cookie whose path matches, the most specific first: use the one for this target.
    let ticket: Awaited<ReturnType<ProxyTickets['verify']>> | undefined;
    for (const c of cookies) {
      const t = await deps.tickets.verify(c).catch(() => undefined);
      if (
        t &&
        t.clusterId === target.clusterId &&
        t.kind === target.kind &&
        t.namespace === target.namespace &&
        t.name === target.name &&
        t.port === target.port
      ) {
        ticket = t;
        break;
      }
    }
    if (!ticket)
      throw new AppError(
        'PROXY_TICKET_INVALID',
        'This proxy link has expired or is not valid: open it from Argus again',
      );
    const principal = await deps.authenticator.session(ticket.userId, ticket.sessionId);
    const scope = { clusterId: target.clusterId, namespace: target.namespace };
    if (!(await deps.authorizer.can(principal, target.kind, 'proxy', scope)))
      throw new AppError('FORBIDDEN', `You may not proxy to ${target.kind} in namespace "${target.namespace}"`);
    const url = request.raw.url ?? '';
    const query = url.includes('?') ? url.slice(url.indexOf('?')) : '';
    const trailing = rest.length > 0 && rawPath.endsWith('/') ? '/' : '';
    const kubePath = `/api/v1/namespaces/${encodeSegment(target.namespace)}/${target.kind}/${encodeSegment(
      `${target.name}:${target.port}`,
    )}/proxy/${rest.map(encodeSegment).join('/')}${trailing}${query}`;
    const headers: Record<string, string | string[]> = {};
    for (const h of PASS_REQUEST) {
      const v = request.headers[h];
      if (v !== undefined) headers[h] = v;
    }
    const cluster = await deps.module.clusters.resolve(target.clusterId);
    if (cluster.impersonateUsers) headers['Impersonate-User'] = principal.email;
    const conn = await deps.module.clusters.connection(cluster.id);
    const body = Buffer.isBuffer(request.body) && request.body.length > 0 ? request.body : undefined;
    const up = await conn.stream({ method: request.method, path: kubePath, headers, body });
    const prefix = proxyPrefix(target);
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
    reply.header('x-content-type-options', 'nosniff');
    reply.header('cache-control', 'no-store');
    request.raw.once('close', () => up.close());
    return reply.status(up.status).send(up.body);
  };
}
