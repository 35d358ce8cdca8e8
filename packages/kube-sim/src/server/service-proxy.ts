/**
 * The API server's proxy subresources: `/api/v1/namespaces/{ns}/services/{[scheme:]name[:port]}/proxy/{path}`
 * and `…/pods/{name[:port]}/proxy/{path}`. As kube-apiserver does: authorise `{verb} services/proxy`, find
 * the Service's port (by name or number) and a ready address of its Endpoints for that port, then forward
 * the request (method, path, query, body; without the caller's Authorization) over plain HTTP and stream
 * the answer back. No endpoints → 503 ServiceUnavailable; a backend that cannot be reached → 503 too.
 * Only loopback addresses are dialled: the simulated pod IPs (10.244.x.y) exist nowhere, and a simulator
 * must not send traffic to whatever answers at such an address on the machine's network; they get the
 * 503 a real API server gives for an endpoint it cannot reach. Services registered as `localServices`
 * (the demo's simulated Prometheus) are answered in-process instead, after the same authorisation.
 */
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { StoreError } from '../store/errors.js';
import type { KubeObject, ResourceRef } from '../store/types.js';
import type { UserInfo } from './auth.js';
import type { LocalService, ServerContext } from './context.js';

const PROXY_PATH = /^\/api\/v1\/namespaces\/([^/]+)\/(services|pods)\/([^/]+)\/proxy(\/.*)?$/;
const SERVICES: ResourceRef = { group: '', version: 'v1', resource: 'services', namespaced: true };
const ENDPOINTS: ResourceRef = { group: '', version: 'v1', resource: 'endpoints', namespaced: true };
const PODS: ResourceRef = { group: '', version: 'v1', resource: 'pods', namespaced: true };
/** How long the backend has to accept the connection and send its headers. */
const CONNECT_TIMEOUT_MS = 5_000;
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'host',
  'authorization',
  'proxy-authorization',
]);

export interface ProxyTarget {
  kind: 'services' | 'pods';
  namespace: string;
  name: string;
  port: string | undefined;
  scheme: string | undefined;
  /** The path after `/proxy`, always starting with `/`. */
  path: string;
}

/** The proxy target of a request path, or undefined when the path is not a proxy request. */
export function parseProxyPath(pathname: string): ProxyTarget | undefined {
  const m = PROXY_PATH.exec(pathname);
  if (!m) return undefined;
  const parts = decodeURIComponent(m[3] ?? '').split(':');
  let scheme: string | undefined;
  let name = parts[0] ?? '';
  let port: string | undefined;
  if (parts.length === 3) [scheme, name, port] = parts as [string, string, string];
  else if (parts.length === 2 && (parts[0] === 'http' || parts[0] === 'https'))
    [scheme, name] = parts as [string, string];
  else if (parts.length === 2) port = parts[1];
  return {
    kind: m[2] as 'services' | 'pods',
    namespace: decodeURIComponent(m[1] ?? ''),
    name,
    port: port || undefined,
    scheme: scheme || undefined,
    path: m[4] ?? '/',
  };
}

const VERBS: Record<string, string> = { GET: 'get', HEAD: 'get', POST: 'create', PUT: 'update', PATCH: 'patch' };

function unavailable(message: string): StoreError {
  return new StoreError(503, 'ServiceUnavailable', message);
}

function notFound(kind: string, name: string): StoreError {
  return new StoreError(404, 'NotFound', `${kind} "${name}" not found`, { name, kind });
}

type Obj = Record<string, unknown>;
const asList = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);

/** `ip:port` of a ready endpoint serving the Service's port `port` (its name or number). */
function serviceBackend(ctx: ServerContext, t: ProxyTarget): { host: string; port: number } {
  const svc = ctx.store.get(SERVICES, t.namespace, t.name);
  if (!svc) throw notFound('services', t.name);
  const ports = asList((svc.spec as Obj | undefined)?.ports);
  const svcPort =
    t.port === undefined
      ? (ports.find((p) => !p.name) ?? (ports.length === 1 ? ports[0] : undefined))
      : ports.find((p) => p.name === t.port || String(p.port) === t.port);
  if (!svcPort)
    throw unavailable(`no endpoints available for service "${t.name}${t.port === undefined ? '' : `:${t.port}`}"`);
  const ep = ctx.store.get(ENDPOINTS, t.namespace, t.name);
  for (const subset of asList(ep?.subsets)) {
    const epPorts = asList(subset.ports);
    const epPort =
      epPorts.find((p) => (p.name ?? '') === (svcPort.name ?? '')) ?? (epPorts.length === 1 ? epPorts[0] : undefined);
    const address = asList(subset.addresses).find((a) => typeof a.ip === 'string');
    if (epPort && typeof epPort.port === 'number' && address) return { host: String(address.ip), port: epPort.port };
  }
  throw unavailable(`no endpoints available for service "${t.name}"`);
}

function podBackend(ctx: ServerContext, t: ProxyTarget): { host: string; port: number } {
  const pod: KubeObject | undefined = ctx.store.get(PODS, t.namespace, t.name);
  if (!pod) throw notFound('pods', t.name);
  const ip = (pod.status as Obj | undefined)?.podIP;
  if (typeof ip !== 'string' || ip === '') throw new StoreError(400, 'BadRequest', `address not allowed`);
  let port = 80;
  if (t.port !== undefined) {
    if (/^\d+$/.test(t.port)) port = Number(t.port);
    else {
      const found = asList((pod.spec as Obj | undefined)?.containers)
        .flatMap((c) => asList(c.ports))
        .find((p) => p.name === t.port);
      if (!found || typeof found.containerPort !== 'number')
        throw new StoreError(400, 'BadRequest', `no port named "${t.port}" in pod "${t.name}"`);
      port = found.containerPort;
    }
  }
  return { host: ip, port };
}

/** An in-process backend for the Service and port, when the Service (still) exists in the store. */
function localService(ctx: ServerContext, t: ProxyTarget): LocalService | undefined {
  const local = ctx.localServices?.find((l) => l.namespace === t.namespace && l.name === t.name);
  if (!local || !ctx.store.get(SERVICES, t.namespace, t.name)) return undefined;
  return t.port === undefined || local.ports.includes(t.port) ? local : undefined;
}

/** The in-process backend of a pod that an in-process Service selects (its pods answer as the Service does). */
function localPod(ctx: ServerContext, t: ProxyTarget): LocalService | undefined {
  const pod = ctx.store.get(PODS, t.namespace, t.name);
  const labels = (pod?.metadata.labels ?? {}) as Record<string, string>;
  return ctx.localServices?.find((l) => {
    if (l.namespace !== t.namespace) return false;
    const selector = (ctx.store.get(SERVICES, l.namespace, l.name)?.spec as Obj | undefined)?.selector as
      | Record<string, string>
      | undefined;
    const selects = !!selector && Object.entries(selector).every(([k, v]) => labels[k] === v);
    return selects && (t.port === undefined || l.ports.includes(t.port));
  });
}

function forwardHeaders(req: IncomingMessage): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined || HOP_BY_HOP.has(k) || k.startsWith('impersonate-')) continue;
    out[k] = v;
  }
  return out;
}

function isLoopback(host: string): boolean {
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) || host === '::1' || host === 'localhost';
}

/** Authorises and forwards a proxy request; throws a Status error when it cannot be forwarded. */
export async function handleProxy(
  ctx: ServerContext,
  req: IncomingMessage,
  res: ServerResponse,
  user: UserInfo,
  t: ProxyTarget,
  search: string,
): Promise<void> {
  const method = req.method ?? 'GET';
  const verb = VERBS[method] ?? method.toLowerCase();
  const attrs = { verb, group: '', resource: t.kind, subresource: 'proxy', namespace: t.namespace, name: t.name };
  if (!ctx.auth.authorize(user, attrs)) throw ctx.auth.forbidden(user, attrs);
  if (t.scheme === 'https') throw new StoreError(400, 'BadRequest', 'kube-sim proxies plain HTTP backends only');
  const local = t.kind === 'services' ? localService(ctx, t) : localPod(ctx, t);
  if (local) return local.handle(req, res, t.path, search);
  const backend = t.kind === 'services' ? serviceBackend(ctx, t) : podBackend(ctx, t);
  if (!isLoopback(backend.host))
    throw unavailable(
      `error trying to reach service: dial tcp ${backend.host}:${backend.port}: connect: no route to host (simulated address)`,
    );
  await new Promise<void>((resolve, reject) => {
    const out = httpRequest(
      { host: backend.host, port: backend.port, method, path: `${t.path}${search}`, headers: forwardHeaders(req) },
      (up) => {
        out.setTimeout(0);
        const headers: Record<string, string | string[]> = {};
        for (const [k, v] of Object.entries(up.headers))
          if (v !== undefined && !HOP_BY_HOP.has(k) && k !== 'set-cookie') headers[k] = v;
        res.writeHead(up.statusCode ?? 502, headers);
        up.pipe(res);
        up.on('end', resolve);
        up.on('error', () => {
          res.destroy();
          resolve();
        });
      },
    );
    out.setTimeout(CONNECT_TIMEOUT_MS, () =>
      out.destroy(new Error(`dial tcp ${backend.host}:${backend.port}: i/o timeout`)),
    );
    out.on('error', (err) => {
      if (!res.headersSent) return reject(unavailable(`error trying to reach service: ${err.message}`));
      res.destroy();
      resolve();
    });
    res.on('close', () => out.destroy());
    req.pipe(out);
  });
}
