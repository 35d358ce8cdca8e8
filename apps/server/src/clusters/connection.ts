/**
 * One interface for talking to a cluster's API server, whatever carries the bytes: the direct transport
 * (HTTP(S) from this server) now, the agent's gRPC tunnel later. Every call has a timeout; failures are
 * AppErrors with stable codes (CLUSTER_UNREACHABLE, CLUSTER_TLS_ERROR, UPSTREAM_TIMEOUT).
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Duplex, Readable } from 'node:stream';

export interface KubeRequest {
  method?: string;
  /** Absolute API path with its query string, e.g. `/api/v1/namespaces/default/pods?limit=10`. */
  path: string;
  headers?: Record<string, string | string[]>;
  /** A Buffer or string is sent as is; anything else as JSON. */
  body?: unknown;
  /** Whole-call timeout for request(); time to response headers for stream() and upgrade(). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface KubeResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  json<T = unknown>(): T;
}

export interface KubeStream {
  status: number;
  headers: IncomingHttpHeaders;
  /** The response body as it arrives (watch events, log lines). */
  body: Readable;
  /** Ends the stream and its connection. */
  close(): void;
}

export type KubeUpgrade =
  | { upgraded: true; status: 101; headers: IncomingHttpHeaders; rawHeaders: string[]; socket: Duplex; head: Buffer }
  | { upgraded: false; status: number; headers: IncomingHttpHeaders; body: Buffer };

export interface ClusterConnection {
  readonly transport: 'direct' | 'agent';
  /** The API server URL, for display. */
  readonly server: string;
  request(req: KubeRequest): Promise<KubeResponse>;
  stream(req: KubeRequest): Promise<KubeStream>;
  upgrade(req: KubeRequest): Promise<KubeUpgrade>;
  close(): void;
}

export interface ConnectionTimeouts {
  /** request(): the whole call (default 15 s). */
  requestMs: number;
  /** TCP + TLS connect (default 5 s): a black-holed cluster fails in this time. */
  connectMs: number;
}

/**
 * The bytes of a request body as every transport sends them: a Buffer or string as is, anything else as
 * JSON (setting Content-Type when the caller did not).
 */
export function encodeBody(body: unknown, headers: Record<string, string | string[]>): Buffer | undefined {
  if (body === undefined) return undefined;
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body);
  if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
    headers['Content-Type'] = 'application/json';
  return Buffer.from(JSON.stringify(body));
}
