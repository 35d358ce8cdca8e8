/**
 * kubectl gateway: `/api/clusters/{id}/k8s/*` speaks the Kubernetes API. Each request is authorised by
 * Argus RBAC from the Kubernetes path (verb, resource, namespace), then passed through with the
 * cluster's credentials (optionally impersonating the Argus user). Watches and followed logs stream;
 * exec/attach/port-forward WebSocket upgrades are proxied. A namespace-scoped user's cluster-wide
 * lists and watches are filtered to its namespaces. Errors are Kubernetes Status objects.
 */
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '@argus/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principalOf } from '../../clusters/access.js';
import type { ClusterModule } from '../../clusters/cluster-module.js';
import type { KubeRequest } from '../../clusters/connection.js';
import { auditExec } from '../../clusters/gateway-audit.js';
import { filterListBody, isSecretRequest, parseKubePath, watchLineAllowed } from '../../clusters/gateway-path.js';
import { toAppError } from '../error-handler.js';
import { passthroughResponse } from '../openapi/responses.js';
import { encodeSegment, pathSegments, rawPathOf } from '../raw-path.js';

const SECRETS_READ = { resource: 'secrets', action: 'read' } as const;

function intersect(a: 'all' | Set<string>, b: 'all' | Set<string>): 'all' | Set<string> {
  if (a === 'all') return b;
  if (b === 'all') return a;
  return new Set([...a].filter((ns) => b.has(ns)));
}

/**
 * The JSON media ranges of an Accept header (Table is `application/json;as=Table;…`): a filtered list must be
 * JSON upstream. Nothing JSON accepted (only YAML or protobuf) is 406; no header or `*\/*` asks for JSON.
 */
export function jsonOnlyAccept(accept: string | undefined): string {
  if (!accept) return 'application/json';
  const ranges = accept
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const json = ranges.filter((r) => /^application\/json(\s*;|$)/i.test(r));
  if (json.length > 0) return json.join(',');
  if (ranges.some((r) => /^(\*\/\*|application\/\*)(\s*;|$)/.test(r))) return 'application/json';
  throw new AppError(
    'NOT_ACCEPTABLE',
    'Lists filtered to your namespaces are served as JSON only (Accept: application/json)',
  );
}

const PASS_HEADERS = [
  'accept',
  'content-type',
  'content-encoding',
  'user-agent',
  'x-stream-protocol-version',
  'kubectl-command',
  'kubectl-session',
  'accept-encoding',
];
const UPGRADE_HEADERS = [
  'connection',
  'upgrade',
  'sec-websocket-key',
  'sec-websocket-version',
  'sec-websocket-protocol',
  'sec-websocket-extensions',
];
const DROP_RESPONSE = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'date']);

const REASONS: Record<number, string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  406: 'NotAcceptable',
  504: 'Timeout',
};

function status(err: unknown): { code: number; body: Record<string, unknown> } {
  const e = toAppError(err);
  const reason = REASONS[e.status] ?? (e.status >= 500 ? 'ServiceUnavailable' : 'BadRequest');
  return {
    code: e.status,
    body: {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: e.message,
      reason,
      code: e.status,
      details: { argus_code: e.code },
    },
  };
}

export async function kubectlGatewayRoutes(app: FastifyInstance, opts: { module: ClusterModule }): Promise<void> {
  const { clusters } = opts.module;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 64 * 1024 * 1024 }, (_req, body, done) =>
    done(null, body),
  );

  async function handle(request: FastifyRequest<{ Params: { clusterId: string; '*'?: string } }>, reply: FastifyReply) {
    const principal = principalOf(request);
    // One reading of the raw path: refused if it has dot-segments, empty segments or an encoded `/`; the
    // cluster, the RBAC decision and the upstream path all come from these segments (never from the
    // router's decoded parameters).
    const rawUrl = request.raw.url ?? '/';
    const rawPath = rawPathOf(rawUrl);
    const segments = pathSegments(rawPath, { trailingSlash: /\/k8s\/$/.test(rawPath) });
    if (segments[0] !== 'api' || segments[1] !== 'clusters' || segments[3] !== 'k8s' || !segments[2])
      throw new AppError('INVALID_PATH', 'The request path is not allowed: not a gateway path');
    const cluster = await clusters.resolve(segments[2]);
    const kubeSegments = segments.slice(4);
    const kubePath = `/${kubeSegments.map(encodeSegment).join('/')}`;
    const search = new URLSearchParams(rawUrl.slice(rawPath.length).replace(/^\?/, '').split('#')[0]);
    const attrs = parseKubePath(request.method, kubeSegments, search);
    const authorizer = request.server.authorizer;
    let allowed: 'all' | Set<string> = 'all';
    const isUpgrade = String(request.headers.upgrade ?? '').toLowerCase() === 'websocket';
    const forbid = () =>
      new AppError(
        'FORBIDDEN',
        `${attrs.resource || 'this API'}${attrs.name ? ` "${attrs.name}"` : ''} is forbidden: Argus user "${principal.email}" may not ${attrs.verb} ${attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource || 'it'} ${attrs.namespace ? `in the namespace "${attrs.namespace}"` : 'at the cluster scope'}`,
      );
    // Secret contents need secrets:read as well (Kubernetes' `view` role has no Secrets either).
    const checks = isSecretRequest(attrs) ? [attrs.permission, SECRETS_READ] : [attrs.permission];
    for (const need of checks) {
      if (attrs.namespace !== undefined) {
        if (
          !(await authorizer.can(principal, need.resource, need.action, {
            clusterId: cluster.id,
            namespace: attrs.namespace,
          }))
        )
          throw forbid();
      } else if (attrs.verb === 'list' || attrs.verb === 'watch') {
        const where = await authorizer.namespacesFor(principal, cluster.id, need.resource, need.action);
        if (where !== 'all' && where.size === 0) throw forbid();
        allowed = intersect(allowed, where);
        if (allowed !== 'all' && allowed.size === 0) throw forbid();
      } else if (attrs.verb === 'discover') {
        if (
          !(await authorizer.canAnywhere(principal, 'clusters', 'read', cluster.id)) &&
          !(await authorizer.canAnywhere(principal, 'resources', 'read', cluster.id))
        )
          throw forbid();
      } else if (!(await authorizer.can(principal, need.resource, need.action, { clusterId: cluster.id })))
        throw forbid();
    }

    const headers: Record<string, string | string[]> = {};
    for (const h of isUpgrade ? [...PASS_HEADERS, ...UPGRADE_HEADERS] : PASS_HEADERS) {
      const v = request.headers[h];
      if (v !== undefined) headers[h] = v;
    }
    if (cluster.impersonateUsers) headers['Impersonate-User'] = principal.email;
    // A list filtered for a namespace-scoped caller is filtered as JSON: ask upstream for JSON only (Table
    // is JSON too), and refuse a caller that accepts nothing JSON (YAML, protobuf).
    if (allowed !== 'all') headers.accept = jsonOnlyAccept(request.headers.accept);
    const conn = await clusters.connection(cluster.id);
    const query = search.toString();
    const path = query ? `${kubePath}?${query}` : kubePath;
    const body = Buffer.isBuffer(request.body) && request.body.length > 0 ? request.body : undefined;
    const req: KubeRequest = { method: request.method, path, headers, body };

    if (isUpgrade) {
      const up = await conn.upgrade(req);
      const session = { principal, ip: request.ip, path, clusterId: cluster.id, attrs };
      if (!up.upgraded) {
        await auditExec(opts.module.db, opts.module.logger, { ...session, status: up.status, outcome: 'failed' });
        for (const [k, v] of Object.entries(up.headers))
          if (!DROP_RESPONSE.has(k) && v !== undefined) reply.header(k, v);
        return reply.status(up.status).send(up.body);
      }
      await auditExec(opts.module.db, opts.module.logger, { ...session, status: 101, outcome: 'success' });
      reply.hijack();
      const socket = request.raw.socket;
      let head = 'HTTP/1.1 101 Switching Protocols\r\n';
      for (let i = 0; i < up.rawHeaders.length; i += 2) head += `${up.rawHeaders[i]}: ${up.rawHeaders[i + 1]}\r\n`;
      socket.write(`${head}\r\n`);
      if (up.head.length) socket.write(up.head);
      up.socket.pipe(socket);
      socket.pipe(up.socket);
      const end = () => {
        socket.destroy();
        up.socket.destroy();
      };
      socket.once('close', end);
      socket.once('error', end);
      up.socket.once('close', end);
      up.socket.once('error', end);
      return reply;
    }

    const streaming =
      attrs.verb === 'watch' || (attrs.subresource === 'log' && /^(true|1)$/.test(search.get('follow') ?? ''));
    if (streaming) {
      const s = await conn.stream(req);
      const res = reply.raw;
      reply.hijack();
      const out: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(s.headers)) if (!DROP_RESPONSE.has(k) && v !== undefined) out[k] = v;
      res.writeHead(s.status, out);
      res.flushHeaders();
      request.raw.once('close', () => s.close());
      const filter =
        allowed === 'all' || s.status !== 200
          ? undefined
          : (() => {
              let rest = '';
              const set = allowed;
              return new Transform({
                transform(chunk: Buffer, _enc, cb) {
                  const lines = (rest + chunk.toString('utf8')).split('\n');
                  rest = lines.pop() ?? '';
                  cb(
                    null,
                    lines
                      .filter((l) => l.trim() && watchLineAllowed(l, set))
                      .map((l) => `${l}\n`)
                      .join(''),
                  );
                },
              });
            })();
      await (filter ? pipeline(s.body, filter, res) : pipeline(s.body, res)).catch(() => s.close());
      return reply;
    }

    const res = await conn.request(req);
    let payload: Buffer | Record<string, unknown> = res.body;
    if (allowed !== 'all' && res.status >= 200 && res.status < 300) {
      // Never pass an unfiltered list: anything but a JSON body here is refused, not forwarded.
      if (!/json/i.test(String(res.headers['content-type'] ?? '')))
        throw new AppError('CLUSTER_UNREACHABLE', 'The cluster answered a filtered list in a format other than JSON');
      payload = filterListBody(JSON.parse(res.body.toString('utf8')) as Record<string, unknown>, allowed);
    }
    for (const [k, v] of Object.entries(res.headers)) if (!DROP_RESPONSE.has(k) && v !== undefined) reply.header(k, v);
    return reply.status(res.status).send(payload);
  }

  const route = {
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const,
    config: { permission: 'authenticated' as const },
    // Documentation only: the handler reads the raw path (one reading, above), never these parameters, and
    // the schema accepts whatever the router gives. No `body`: any content type is taken as bytes and
    // passed through (the parser above), so there is no body to validate here.
    schema: {
      summary: 'kubectl gateway: the Kubernetes API of the cluster, under Argus RBAC and audit',
      description: [
        'Speaks the Kubernetes API itself: `kubectl --server https://HOST/api/clusters/{clusterId}/k8s --token <Argus token or API key>`.',
        'Each request is authorised by Argus RBAC from its Kubernetes path (verb, resource, namespace), then passed',
        "through with the cluster's credentials (optionally impersonating the Argus user). Watches and followed logs",
        'stream; exec, attach and port-forward WebSocket upgrades are proxied. A namespace-scoped caller gets',
        'cluster-wide lists and watches filtered to its namespaces (JSON only). Secrets need secrets:read.',
        'Paths with `.`/`..` segments, empty segments or an encoded `/` are refused. Errors are Kubernetes',
        '`Status` objects (`details.argus_code` holds the Argus error code).',
        "kubectl sends a bearer token only over TLS: use the server's HTTPS or a TLS-terminating proxy.",
      ].join(' '),
      params: z.object({ clusterId: z.string() }),
      response: {
        default: passthroughResponse(
          'The Kubernetes API answer (JSON, YAML, Table, protobuf, a watch stream, 101 for upgrades), or a Kubernetes Status',
        ),
      },
    },
    handler: async (request: FastifyRequest<{ Params: { clusterId: string; '*'?: string } }>, reply: FastifyReply) => {
      try {
        return await handle(request, reply);
      } catch (err) {
        if (reply.sent || request.raw.socket.destroyed) return reply;
        const s = status(err);
        if (s.code >= 500) request.log.warn({ err, code: s.body.details }, 'gateway request failed');
        return reply.status(s.code).type('application/json').send(s.body);
      }
    },
  };
  app.route({ ...route, method: [...route.method], url: '/api/clusters/:clusterId/k8s' });
  const tail = z.string().optional().describe('The Kubernetes API path, e.g. api/v1/namespaces/default/pods');
  app.route({
    ...route,
    method: [...route.method],
    url: '/api/clusters/:clusterId/k8s/*',
    schema: { ...route.schema, params: route.schema.params.extend({ '*': tail }) },
  });
}
