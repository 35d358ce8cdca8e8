/**
 * The replica's internal listener (`REPLICA_PORT`): other replicas forward calls for the agent clusters whose
 * tunnel this replica holds — plain requests, streams (watches, followed logs) and upgrades (exec, attach,
 * port-forward) — and ask it to drop an agent (revoked credential, deleted cluster). Every request is
 * authenticated by the shared-secret HMAC (forward-auth.ts); RBAC and audit already happened on the replica
 * that received the user's request. Not part of the public API: nothing but `/v1/forward` is served.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { AppError, isAppError } from '@argus/contracts';
import type { Logger } from 'pino';
import type { KubeRequest } from '../clusters/connection.js';
import type { AgentHub } from '../grpc/agent-hub.js';
import { FORWARD_HEADERS, type ForwardSigner, type SignedFields, sha256Hex } from './forward-auth.js';

export const FORWARD_PATH = '/v1/forward';

export interface ForwardServerDeps {
  hub: Pick<AgentHub, 'session' | 'connection' | 'disconnect'>;
  signer: ForwardSigner;
  logger: Logger;
  /** Largest forwarded request body. */
  bodyLimit: number;
}

interface KubeFields {
  method?: string;
  path: string;
  headers?: Record<string, string | string[]>;
  timeoutMs?: number;
  reason?: string;
  grpcCode?: number;
}

export const encodeJson = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
export const decodeJson = <T>(s: string): T => JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as T;

/** Hop-by-hop headers a forwarded answer must not carry as its own. */
const HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'content-length', 'trailer']);

function errorBody(err: unknown): { status: number; body: Buffer } {
  const e = isAppError(err) ? err : new AppError('INTERNAL', 'Forwarding to the agent failed', { cause: err as Error });
  return {
    status: e.status,
    body: Buffer.from(JSON.stringify({ code: e.code, message: e.message, details: e.details })),
  };
}

const notHere = (cluster: string) =>
  new AppError('CLUSTER_UNREACHABLE', `This replica does not hold the agent of cluster ${cluster}`, {
    details: { reason: 'agent-not-on-replica' },
  });

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new AppError('PAYLOAD_TOO_LARGE', 'The forwarded request body is too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function createForwardServer(deps: ForwardServerDeps): Server {
  const log = deps.logger.child({ component: 'replica-forward' });

  function authenticate(req: IncomingMessage): { fields: SignedFields; kube: KubeFields } | undefined {
    if ((req.url ?? '').split('?')[0] !== FORWARD_PATH) return undefined;
    const { fields, problem } = deps.signer.verify(req.headers);
    if (!fields) {
      log.warn({ problem, remote: req.socket.remoteAddress }, 'forwarded request refused');
      return undefined;
    }
    try {
      return { fields, kube: decodeJson<KubeFields>(fields.kube) };
    } catch {
      return undefined;
    }
  }

  function toKube(kube: KubeFields, body: Buffer | undefined, signal?: AbortSignal): KubeRequest {
    return {
      path: kube.path,
      ...(kube.method ? { method: kube.method } : {}),
      ...(kube.headers ? { headers: kube.headers } : {}),
      ...(kube.timeoutMs ? { timeoutMs: kube.timeoutMs } : {}),
      ...(body && body.length > 0 ? { body } : {}),
      ...(signal ? { signal } : {}),
    };
  }

  const sendError = (res: ServerResponse, err: unknown) => {
    const { status, body } = errorBody(err);
    if (res.headersSent) return void res.destroy();
    res.writeHead(status, { 'content-type': 'application/json', [FORWARD_HEADERS.error]: '1' });
    res.end(body);
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const auth = authenticate(req);
    if (!auth) {
      res.writeHead(auth === undefined && req.url?.startsWith(FORWARD_PATH) ? 401 : 404).end();
      return;
    }
    const { fields, kube } = auth;
    const body = await readBody(req, deps.bodyLimit);
    if (sha256Hex(body) !== fields.bodySha256) throw new AppError('BAD_REQUEST', 'The body does not match its digest');
    if (fields.mode === 'disconnect') {
      deps.hub.disconnect(fields.cluster, kube.reason ?? 'dropped by another replica', kube.grpcCode);
      res.writeHead(204).end();
      return;
    }
    if (!deps.hub.session(fields.cluster)) throw notHere(fields.cluster);
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    const conn = deps.hub.connection(fields.cluster);
    if (fields.mode === 'request') {
      const answer = await conn.request(toKube(kube, body, abort.signal));
      res.writeHead(answer.status, { [FORWARD_HEADERS.kubeHeaders]: encodeJson(answer.headers) });
      res.end(answer.body);
      return;
    }
    if (fields.mode !== 'stream') throw new AppError('BAD_REQUEST', 'Upgrades are forwarded as HTTP upgrades');
    const stream = await conn.stream(toKube(kube, body, abort.signal));
    res.on('close', () => stream.close());
    res.writeHead(stream.status, { [FORWARD_HEADERS.kubeHeaders]: encodeJson(stream.headers) });
    res.flushHeaders();
    stream.body.on('error', () => res.destroy());
    stream.body.pipe(res);
  }

  async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => undefined);
    const auth = authenticate(req);
    if (auth?.fields.mode !== 'upgrade' || auth.fields.bodySha256 !== sha256Hex(Buffer.alloc(0))) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const { fields, kube } = auth;
    const writeError = (err: unknown) => {
      const { status, body } = errorBody(err);
      socket.end(
        `HTTP/1.1 ${status} Error\r\nConnection: close\r\nContent-Type: application/json\r\n${FORWARD_HEADERS.error}: 1\r\nContent-Length: ${body.length}\r\n\r\n${body.toString()}`,
      );
    };
    try {
      if (!deps.hub.session(fields.cluster)) throw notHere(fields.cluster);
      const result = await deps.hub.connection(fields.cluster).upgrade(toKube(kube, undefined));
      if (!result.upgraded) {
        const h = encodeJson(result.headers);
        socket.write(
          `HTTP/1.1 ${result.status} Answer\r\nConnection: close\r\n${FORWARD_HEADERS.kubeHeaders}: ${h}\r\nContent-Length: ${result.body.length}\r\n\r\n`,
        );
        socket.end(result.body);
        return;
      }
      const lines = ['HTTP/1.1 101 Switching Protocols'];
      for (let i = 0; i + 1 < result.rawHeaders.length; i += 2) {
        const name = result.rawHeaders[i] as string;
        if (HOP.has(name.toLowerCase()) && !['connection', 'upgrade'].includes(name.toLowerCase())) continue;
        lines.push(`${name}: ${result.rawHeaders[i + 1]}`);
      }
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (result.head.length > 0) socket.write(result.head);
      if (head.length > 0) result.socket.write(head);
      result.socket.on('error', () => socket.destroy());
      socket.on('close', () => result.socket.destroy());
      result.socket.on('close', () => socket.destroy());
      result.socket.pipe(socket);
      socket.pipe(result.socket);
    } catch (err) {
      writeError(err);
    }
  }

  // The Kubernetes request travels in a header (base64 JSON): room for long selectors and many headers.
  const server = createServer({ maxHeaderSize: 64 * 1024 }, (req, res) => {
    handle(req, res).catch((err) => {
      if (!isAppError(err)) log.warn({ err }, 'forwarded request failed');
      sendError(res, err);
    });
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    void upgrade(req, socket, head);
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  return server;
}
