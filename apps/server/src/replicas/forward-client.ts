/**
 * A ClusterConnection that forwards to the replica holding the cluster's agent (forward-server.ts): the same
 * request/stream/upgrade calls, over HTTP to that replica's internal address, signed with the shared-secret HMAC.
 * Errors of the holder come back as the same AppErrors. A failure to reach the holder before anything was sent
 * is a `ReplicaUnreachable` (the caller looks the route up again: the agent may have moved).
 */
import { type ClientRequest, request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { AppError, type ErrorCode } from '@argus/contracts';
import {
  type ClusterConnection,
  encodeBody,
  type KubeRequest,
  type KubeResponse,
  type KubeStream,
  type KubeUpgrade,
} from '../clusters/connection.js';
import { FORWARD_HEADERS, type ForwardMode, type ForwardSigner, sha256Hex } from './forward-auth.js';
import { decodeJson, encodeJson, FORWARD_PATH } from './forward-server.js';

/** The holder could not be reached, or does not hold the agent (any more): nothing reached the cluster. */
export class ReplicaUnreachable extends Error {
  constructor(
    message: string,
    readonly appError: AppError,
  ) {
    super(message);
  }
}

const CONNECT_ERRORS = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT']);

export interface ForwardClientOptions {
  clusterId: string;
  replicaUrl: string;
  signer: ForwardSigner;
  /** Default whole-call timeout for request() (the holder applies the request's own timeout). */
  requestTimeoutMs: number;
  /** Time to connect to the holder. */
  connectTimeoutMs?: number;
}

function readAll(res: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve(Buffer.concat(chunks)));
    res.on('error', reject);
  });
}

function kubeResponse(status: number, headers: IncomingMessage['headers'], body: Buffer): KubeResponse {
  return { status, headers, body, json: <T>() => JSON.parse(body.toString('utf8')) as T };
}

export function createForwardClient(o: ForwardClientOptions): ClusterConnection {
  const base = new URL(FORWARD_PATH, o.replicaUrl);
  const send = base.protocol === 'https:' ? httpsRequest : httpRequest;
  const unreachable = (why: string, err?: Error) =>
    new ReplicaUnreachable(
      why,
      new AppError('CLUSTER_UNREACHABLE', `The replica holding the agent of cluster ${o.clusterId} is unreachable`, {
        details: { reason: 'agent-replica-unreachable' },
        ...(err ? { cause: err } : {}),
      }),
    );

  /** Turns an error answer of the holder back into its AppError (or a ReplicaUnreachable for "not here"). */
  async function holderError(res: IncomingMessage): Promise<Error> {
    const raw = await readAll(res).catch(() => Buffer.alloc(0));
    let parsed: { code?: string; message?: string; details?: unknown } = {};
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch {
      // Not ours: reported below.
    }
    if (res.statusCode === 401)
      return new AppError('INTERNAL', 'Another replica refused this replica (do all replicas share JWT_SECRET?)');
    const err = new AppError(
      (parsed.code ?? 'INTERNAL') as ErrorCode,
      parsed.message ?? 'Forwarding to the agent failed',
      parsed.details === undefined ? {} : { details: parsed.details },
    );
    const reason = (parsed.details as { reason?: string } | undefined)?.reason;
    return reason === 'agent-not-on-replica' ? new ReplicaUnreachable(err.message, err) : err;
  }

  function open(mode: ForwardMode, req: KubeRequest): { call: ClientRequest; started: Promise<IncomingMessage> } {
    const headers = { ...(req.headers ?? {}) };
    const body = mode === 'upgrade' ? undefined : encodeBody(req.body, headers);
    const payload = body ?? Buffer.alloc(0);
    const kube = encodeJson({
      method: req.method ?? 'GET',
      path: req.path,
      headers,
      ...(req.timeoutMs ? { timeoutMs: req.timeoutMs } : {}),
    });
    const signed = o.signer.sign({ mode, cluster: o.clusterId, kube, bodySha256: sha256Hex(payload) });
    const call = send(base, {
      method: mode === 'upgrade' ? 'GET' : 'POST',
      headers: {
        ...signed,
        ...(mode === 'upgrade'
          ? { Connection: 'Upgrade', Upgrade: String(headers.Upgrade ?? headers.upgrade ?? 'websocket') }
          : { 'Content-Length': String(payload.length), 'Content-Type': 'application/octet-stream' }),
      },
      timeout: o.connectTimeoutMs ?? 3_000,
    });
    let connected = false;
    call.on('socket', (s) => {
      if (!s.connecting) connected = true;
      else s.once('connect', () => (connected = true));
    });
    const started = new Promise<IncomingMessage>((resolve, reject) => {
      call.on('response', resolve);
      call.on('timeout', () => {
        if (!connected) call.destroy(Object.assign(new Error('connect timeout'), { code: 'ETIMEDOUT' }));
      });
      call.on('error', (err: NodeJS.ErrnoException) => {
        if (err instanceof AppError) reject(err);
        else if (!connected && CONNECT_ERRORS.has(err.code ?? '')) reject(unreachable(err.message, err));
        else
          reject(
            new AppError(
              'CLUSTER_UNREACHABLE',
              `The connection to the replica holding the agent broke: ${err.message}`,
              {
                details: { reason: 'agent-replica-unreachable' },
                cause: err,
              },
            ),
          );
      });
    });
    const onAbort = () =>
      call.destroy(new AppError('CLUSTER_UNREACHABLE', `Cannot reach the cluster ${o.clusterId}: aborted`));
    if (req.signal) {
      if (req.signal.aborted) onAbort();
      else req.signal.addEventListener('abort', onAbort, { once: true });
      call.on('close', () => req.signal?.removeEventListener('abort', onAbort));
    }
    if (mode === 'upgrade') call.end();
    else call.end(payload);
    return { call, started };
  }

  /** Answers for request/stream: the holder's error or the cluster's status and headers. */
  async function answer(res: IncomingMessage): Promise<IncomingMessage['headers']> {
    if (res.headers[FORWARD_HEADERS.error] || res.statusCode === 401) throw await holderError(res);
    const raw = res.headers[FORWARD_HEADERS.kubeHeaders];
    return typeof raw === 'string' ? decodeJson(raw) : {};
  }

  return {
    transport: 'agent',
    server: `agent:${o.clusterId} (via ${base.host})`,
    async request(req) {
      const { call, started } = open('request', req);
      const guard = setTimeout(
        () => call.destroy(new AppError('UPSTREAM_TIMEOUT', `The cluster ${o.clusterId} did not answer in time`)),
        (req.timeoutMs ?? o.requestTimeoutMs) + 5_000,
      );
      try {
        const res = await started;
        const headers = await answer(res);
        return kubeResponse(res.statusCode ?? 502, headers, await readAll(res));
      } finally {
        clearTimeout(guard);
      }
    },
    async stream(req): Promise<KubeStream> {
      const { call, started } = open('stream', req);
      const res = await started;
      const headers = await answer(res);
      return { status: res.statusCode ?? 502, headers, body: res, close: () => call.destroy() };
    },
    upgrade(req): Promise<KubeUpgrade> {
      const { call, started } = open('upgrade', req);
      return new Promise<KubeUpgrade>((resolve, reject) => {
        call.on('upgrade', (res: IncomingMessage, socket, head: Buffer) => {
          const headers = { ...res.headers };
          resolve({ upgraded: true, status: 101, headers, rawHeaders: res.rawHeaders, socket, head });
        });
        started.then(async (res) => {
          try {
            const headers = await answer(res);
            resolve({ upgraded: false, status: res.statusCode ?? 502, headers, body: await readAll(res) });
          } catch (err) {
            reject(err);
          }
        }, reject);
      });
    },
    close: () => undefined,
  };
}

/** Asks the replica holding the route to drop the agent (revoked credential). */
export async function forwardDisconnect(o: {
  route: { clusterId: string; replicaUrl: string };
  signer: ForwardSigner;
  reason: string;
  grpcCode?: number | undefined;
}): Promise<void> {
  const base = new URL(FORWARD_PATH, o.route.replicaUrl);
  const kube = encodeJson({
    path: '/',
    reason: o.reason,
    ...(o.grpcCode === undefined ? {} : { grpcCode: o.grpcCode }),
  });
  const headers = o.signer.sign({
    mode: 'disconnect',
    cluster: o.route.clusterId,
    kube,
    bodySha256: sha256Hex(Buffer.alloc(0)),
  });
  const res = await fetch(base, { method: 'POST', headers, signal: AbortSignal.timeout(5_000) });
  await res.arrayBuffer();
  if (res.status !== 204) throw new Error(`the replica answered ${res.status}`);
}
