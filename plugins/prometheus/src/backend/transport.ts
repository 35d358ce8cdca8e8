/**
 * The two ways to reach a Prometheus: directly over HTTP (a configured URL) or through the cluster's
 * API server service proxy (a discovered Service). Both bound the time and the size of an answer and
 * hand back the raw reply; turning it into data or errors is prometheus-api.ts's job.
 */
import type { ClusterClient } from '@argus/plugin-sdk';

export const TIMEOUT_MS = 15_000;
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

export interface RawReply {
  status: number;
  contentType: string;
  body: Buffer;
}

export interface PrometheusTransport {
  /** `path` is a Prometheus path such as `/api/v1/query`; throws TransportError when Prometheus cannot be reached. */
  get(path: string, params: URLSearchParams, signal?: AbortSignal): Promise<RawReply>;
}

export class TransportError extends Error {
  override readonly name = 'TransportError';
}

export interface ServiceRef {
  namespace: string;
  name: string;
  /** A port name or number, as the service proxy takes it. */
  port: string;
}

function tooLarge(): TransportError {
  return new TransportError(`the answer is larger than ${MAX_RESPONSE_BYTES} bytes`);
}

function withQuery(path: string, params: URLSearchParams): string {
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export function createServiceProxyTransport(client: ClusterClient, svc: ServiceRef): PrometheusTransport {
  const base = `/api/v1/namespaces/${encodeURIComponent(svc.namespace)}/services/${encodeURIComponent(`${svc.name}:${svc.port}`)}/proxy`;
  return {
    async get(path, params) {
      let reply: Awaited<ReturnType<ClusterClient['request']>>;
      try {
        reply = await client.request({
          method: 'GET',
          path: withQuery(`${base}${path}`, params),
          headers: { Accept: 'application/json' },
          timeoutMs: TIMEOUT_MS,
        });
      } catch (err) {
        throw new TransportError(`the cluster's API server did not answer: ${(err as Error).message}`, { cause: err });
      }
      if (reply.body.length > MAX_RESPONSE_BYTES) throw tooLarge();
      const ct = reply.headers['content-type'];
      return { status: reply.status, contentType: String(Array.isArray(ct) ? ct[0] : (ct ?? '')), body: reply.body };
    },
  };
}

async function readCapped(res: Response): Promise<Buffer> {
  const reader = res.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (reader) {
    const { value, done } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_RESPONSE_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** A configured URL, possibly with a path prefix and user:password (sent as Basic authentication). */
export function createDirectTransport(url: string): PrometheusTransport {
  const parsed = new URL(url);
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (parsed.username || parsed.password) {
    const user = decodeURIComponent(parsed.username);
    const pass = decodeURIComponent(parsed.password);
    headers.Authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    parsed.username = '';
    parsed.password = '';
  }
  parsed.search = '';
  parsed.hash = '';
  const prefix = parsed.href.replace(/\/+$/, '');
  return {
    async get(path, params, signal) {
      const timeout = AbortSignal.timeout(TIMEOUT_MS);
      try {
        const res = await fetch(withQuery(`${prefix}${path}`, params), {
          headers,
          redirect: 'error',
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        });
        return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: await readCapped(res) };
      } catch (err) {
        if (err instanceof TransportError) throw err;
        const cause = (err as { cause?: { message?: string } }).cause?.message;
        throw new TransportError(`${(err as Error).message}${cause ? `: ${cause}` : ''}`, { cause: err });
      }
    },
  };
}
