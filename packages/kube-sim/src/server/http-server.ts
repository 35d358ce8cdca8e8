/** The node:http(s) server: public endpoints, authentication, discovery, OpenAPI and resources. */
import { createServer as createHttp, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { Duplex } from 'node:stream';
import type { StoreError } from '../store/errors.js';
import type { ServerContext } from './context.js';
import {
  aggregatedDiscovery,
  apiGroupDoc,
  apiGroupList,
  apiVersions,
  legacyResourceList,
  VERSION_INFO,
  wantsAggregated,
} from './discovery.js';
import { createOpenApi } from './openapi/document.js';
import { parseApiPath } from './paths.js';
import { checkPathName, handleResource, notFoundResource, resolve } from './resource-handler.js';
import { toStoreError, writeError, writeJson } from './respond.js';
import { handleProxy, parseProxyPath } from './service-proxy.js';
import type { PodSubresource } from './subresource-handlers.js';

export interface ApiServerOptions {
  tls?: { key: string; cert: string };
}

function text(res: ServerResponse, code: number, body: string): void {
  res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/**
 * The request's path as sent. kube-apiserver routes on it without resolving '.' and '..' segments (a name '..'
 * is refused, not a step up); WHATWG URL parsing would resolve them, and also their %2e forms.
 */
function requestPath(req: IncomingMessage): string {
  const target = req.url ?? '/';
  if (!target.startsWith('/')) return new URL(target, 'http://kube-sim').pathname;
  const end = target.search(/[?#]/);
  return end === -1 ? target : target.slice(0, end) || '/';
}

export function createApiServer(ctx: ServerContext, opts: ApiServerOptions = {}): Server {
  const openapi = createOpenApi(ctx.registry);

  function discovery(req: IncomingMessage, res: ServerResponse, core: boolean): void {
    const agg = wantsAggregated(req.headers.accept);
    if (agg) {
      const body = aggregatedDiscovery(ctx.registry, core, `apidiscovery.k8s.io/${agg}`);
      writeJson(res, 200, body, `application/json;g=apidiscovery.k8s.io;v=${agg};as=APIGroupDiscoveryList`);
      return;
    }
    const host = req.headers.host ?? '127.0.0.1';
    writeJson(res, 200, core ? apiVersions(host) : apiGroupList(ctx.registry));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://kube-sim');
    const pathname = requestPath(req).replace(/\/+$/, '') || '/';
    if (pathname === '/version') return writeJson(res, 200, VERSION_INFO);
    if (pathname === '/healthz' || pathname === '/livez' || pathname === '/readyz') return text(res, 200, 'ok');
    const user = ctx.auth.authenticate(req);
    if (pathname === '/openapi/v2' || pathname === '/swagger.json') return text(res, 404, '404 page not found\n');
    if (pathname === '/openapi/v3') return writeJson(res, 200, openapi.root());
    if (pathname.startsWith('/openapi/v3/')) {
      const rest = pathname.slice('/openapi/v3/'.length).split('/');
      const doc =
        rest[0] === 'api'
          ? openapi.document('', rest[1] ?? '')
          : rest[0] === 'apis'
            ? openapi.document(rest[1] ?? '', rest[2] ?? '')
            : undefined;
      if (!doc) return text(res, 404, '404 page not found\n');
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(doc.body),
        ETag: `"${doc.hash}"`,
        'Cache-Control': url.searchParams.has('hash') ? 'public, immutable' : 'no-cache, private',
      });
      res.end(doc.body);
      return;
    }
    const proxy = parseProxyPath(requestPath(req));
    if (proxy) return handleProxy(ctx, req, res, user, proxy, url.search);
    const parsed = parseApiPath(pathname);
    switch (parsed.type) {
      case 'root-api':
        return discovery(req, res, true);
      case 'root-apis':
        return discovery(req, res, false);
      case 'group': {
        const g = apiGroupDoc(ctx.registry, parsed.group);
        if (!g) throw notFoundResource();
        return writeJson(res, 200, g);
      }
      case 'group-version': {
        const list = legacyResourceList(ctx.registry, parsed.group, parsed.version);
        if (!list) throw notFoundResource();
        return writeJson(res, 200, list);
      }
      case 'resource': {
        const r = resolve(ctx, req, res, user, parsed.path, url.searchParams);
        await handleResource(r);
        return;
      }
      default:
        if (!ctx.auth.authorize(user, { verb: (req.method ?? 'get').toLowerCase(), path: pathname }))
          throw ctx.auth.forbidden(user, { verb: 'get', path: pathname });
        text(res, 404, '404 page not found\n');
    }
  }

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch((err: unknown) => {
      try {
        writeError(res, err);
      } catch {
        res.destroy();
      }
    });
  };

  const server = opts.tls ? createHttps({ key: opts.tls.key, cert: opts.tls.cert }, onRequest) : createHttp(onRequest);
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    void (async () => {
      try {
        const url = new URL(req.url ?? '/', 'http://kube-sim');
        const parsed = parseApiPath(requestPath(req));
        if (parsed.type !== 'resource' || !parsed.path.subresource || !parsed.path.name) throw notFoundResource();
        const user = ctx.auth.authenticate(req);
        const r = resolve(ctx, req, undefined as unknown as ServerResponse, user, parsed.path, url.searchParams);
        checkPathName(parsed.path.name);
        const handler = ctx.subresources.get(parsed.path.subresource as PodSubresource);
        if (!handler || !('handleUpgrade' in handler)) throw notFoundResource();
        await handler.handleUpgrade(req, socket, head, {
          namespace: r.namespace ?? '',
          name: parsed.path.name,
          query: url.searchParams,
        });
      } catch (err) {
        const e: StoreError = toStoreError(err);
        const body = JSON.stringify(e.toStatus());
        socket.end(
          `HTTP/1.1 ${e.code} ${e.reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        );
      }
    })();
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
  });
  return server;
}
