/**
 * The direct transport: node:http(s) to the API server with the kubeconfig's credentials, applied by
 * @kubernetes/client-node (token, client certificate, basic auth; exec and auth providers when allowed).
 * Keep-alive agent for plain requests; long-lived streams and upgrades get their own sockets.
 */
import http, { type ClientRequest, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import type { KubeConfig } from '@kubernetes/client-node';
import {
  type ClusterConnection,
  type ConnectionTimeouts,
  encodeBody,
  type KubeRequest,
  type KubeResponse,
  type KubeStream,
  type KubeUpgrade,
} from './connection.js';
import { timeoutError, transportError } from './transport-errors.js';

interface Prepared {
  headers: Record<string, string | string[]>;
  auth: string | undefined;
  tls: https.AgentOptions;
}

/**
 * Credentials and TLS material from client-node. Its public applyToHTTPSOptions also builds an agent and
 * refuses plain-http servers; we bring our own agents, so we call the credential step (applyOptions) alone.
 */
async function prepare(kc: KubeConfig): Promise<Prepared> {
  const opts: https.RequestOptions = {};
  await (kc as unknown as { applyOptions(o: https.RequestOptions): Promise<void> }).applyOptions(opts);
  const tls: https.AgentOptions = {};
  for (const key of ['ca', 'cert', 'key', 'pfx', 'passphrase', 'rejectUnauthorized', 'servername'] as const) {
    if (opts[key] !== undefined) (tls as Record<string, unknown>)[key] = opts[key];
  }
  const user = kc.getCurrentUser();
  const auth = user?.username ? `${user.username}:${user.password ?? ''}` : undefined;
  return { headers: (opts.headers ?? {}) as Record<string, string>, auth, tls };
}

export async function createDirectConnection(
  kc: KubeConfig,
  timeouts: ConnectionTimeouts,
  options: { refreshCredentials?: boolean } = {},
): Promise<ClusterConnection> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('kubeconfig has no current cluster');
  const base = new URL(cluster.server);
  const server = cluster.server.replace(/\/+$/, '');
  const prefix = base.pathname.replace(/\/+$/, '');
  const secure = base.protocol === 'https:';
  let prepared = await prepare(kc);
  let preparedAt = Date.now();
  const mod = secure ? https : http;
  const pooled = secure
    ? new https.Agent({ keepAlive: true, maxSockets: 32, ...prepared.tls })
    : new http.Agent({ keepAlive: true, maxSockets: 32 });
  const single = secure ? new https.Agent({ keepAlive: false, ...prepared.tls }) : new http.Agent({ keepAlive: false });
  const live = new Set<ClientRequest>();

  async function credentials(): Promise<Prepared> {
    // Exec and auth-provider credentials expire; client-node caches them, so re-applying is cheap.
    if (options.refreshCredentials && Date.now() - preparedAt > 30_000) {
      prepared = await prepare(kc);
      preparedAt = Date.now();
    }
    return prepared;
  }

  async function open(
    req: KubeRequest,
    agent: http.Agent,
    extra: Record<string, string> = {},
  ): Promise<{ creq: ClientRequest; body: Buffer | undefined }> {
    const cred = await credentials();
    const headers: Record<string, string | string[]> = {
      Accept: 'application/json',
      ...cred.headers,
      ...(req.headers ?? {}),
      ...extra,
    };
    const body = encodeBody(req.body, headers);
    if (body) headers['Content-Length'] = String(body.length);
    const creq = mod.request({
      protocol: base.protocol,
      hostname: base.hostname.replace(/^\[|\]$/g, ''),
      port: base.port || (secure ? 443 : 80),
      method: req.method ?? 'GET',
      path: prefix + req.path,
      headers,
      agent,
      ...(cred.auth ? { auth: cred.auth } : {}),
    });
    live.add(creq);
    creq.once('close', () => live.delete(creq));
    // Connect timeout: a black-holed address fails fast instead of after the OS's minutes.
    creq.once('socket', (socket: Socket) => {
      if (!socket.connecting) return;
      const t = setTimeout(
        () => creq.destroy(timeoutError(server, timeouts.connectMs, 'accept a connection')),
        timeouts.connectMs,
      );
      socket.once(secure ? 'secureConnect' : 'connect', () => clearTimeout(t));
      socket.once('close', () => clearTimeout(t));
    });
    if (req.signal) {
      if (req.signal.aborted) creq.destroy(new Error('aborted'));
      else req.signal.addEventListener('abort', () => creq.destroy(new Error('aborted')), { once: true });
    }
    return { creq, body };
  }

  function withTimeout<T>(
    creq: ClientRequest,
    ms: number,
    what: string,
    run: (resolve: (v: T) => void, reject: (e: unknown) => void) => void,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => creq.destroy(timeoutError(server, ms, what)), ms);
      const done = (fn: () => void) => {
        clearTimeout(timer);
        fn();
      };
      creq.once('error', (err) => done(() => reject(transportError(err, server))));
      run(
        (v) => done(() => resolve(v)),
        (e) => done(() => reject(transportError(e, server))),
      );
    });
  }

  return {
    transport: 'direct',
    server,
    async request(req) {
      const ms = req.timeoutMs ?? timeouts.requestMs;
      const { creq, body } = await open(req, pooled);
      return withTimeout<KubeResponse>(creq, ms, 'answer', (resolve, reject) => {
        creq.once('response', (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.once('error', reject);
          res.once('end', () => {
            const buf = Buffer.concat(chunks);
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: buf,
              json: <T>() => JSON.parse(buf.toString('utf8')) as T,
            });
          });
        });
        creq.end(body);
      });
    },
    async stream(req) {
      const ms = req.timeoutMs ?? timeouts.requestMs;
      const { creq, body } = await open(req, single);
      return withTimeout<KubeStream>(creq, ms, 'start streaming', (resolve) => {
        creq.once('response', (res: IncomingMessage) => {
          res.on('error', () => undefined);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res, close: () => creq.destroy() });
        });
        creq.end(body);
      });
    },
    async upgrade(req) {
      const ms = req.timeoutMs ?? timeouts.requestMs;
      const { creq, body } = await open(req, single);
      return withTimeout<KubeUpgrade>(creq, ms, 'accept the upgrade', (resolve) => {
        creq.once('upgrade', (res: IncomingMessage, socket: Socket, head: Buffer) => {
          resolve({ upgraded: true, status: 101, headers: res.headers, rawHeaders: res.rawHeaders, socket, head });
        });
        creq.once('response', (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.once('end', () =>
            resolve({
              upgraded: false,
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks),
            }),
          );
        });
        creq.end(body);
      });
    },
    close() {
      for (const r of live) r.destroy();
      pooled.destroy();
      single.destroy();
    },
  };
}
