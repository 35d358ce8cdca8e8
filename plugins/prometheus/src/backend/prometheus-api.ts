/**
 * Prometheus's HTTP API over a transport: answers keep Prometheus's `{status, data}` shape; failures
 * become AppErrors with stable codes (bad PromQL → PROMETHEUS_QUERY_FAILED, no answer →
 * PROMETHEUS_UNREACHABLE, with the API server's or Prometheus's own message).
 */
import { AppError } from '@argus/contracts';
import { type PrometheusTransport, TransportError } from './transport.js';

export interface PrometheusSuccess<T = unknown> {
  status: 'success';
  data: T;
  warnings?: string[];
  infos?: string[];
}

interface PrometheusBody {
  status?: unknown;
  data?: unknown;
  errorType?: unknown;
  error?: unknown;
  warnings?: unknown;
  kind?: unknown;
  message?: unknown;
}

/** Prometheus's errorTypes that mean "the request was wrong", not "Prometheus is unwell". */
const CALLER_ERRORS = new Set(['bad_data', 'execution', 'not_found', 'canceled']);

export interface PrometheusApi {
  get<T = unknown>(
    path: string,
    params?: Record<string, string | undefined>,
    signal?: AbortSignal,
  ): Promise<PrometheusSuccess<T>>;
}

function parseBody(body: Buffer): PrometheusBody | undefined {
  try {
    const v: unknown = JSON.parse(body.toString('utf8'));
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as PrometheusBody) : undefined;
  } catch {
    return undefined;
  }
}

export function unreachable(where: string, message: string, cause?: unknown): AppError {
  return new AppError('PROMETHEUS_UNREACHABLE', `Prometheus unreachable (${where}): ${message}`, { cause });
}

export function createPrometheusApi(transport: PrometheusTransport, where: string): PrometheusApi {
  return {
    async get<T>(path: string, params: Record<string, string | undefined> = {}, signal?: AbortSignal) {
      const qs = new URLSearchParams();
      for (const [k, v] of Object.entries(params)) if (v !== undefined) qs.set(k, v);
      let reply: Awaited<ReturnType<PrometheusTransport['get']>>;
      try {
        reply = await transport.get(path, qs, signal);
      } catch (err) {
        if (err instanceof TransportError) throw unreachable(where, err.message, err);
        throw err;
      }
      const body = parseBody(reply.body);
      if (body?.kind === 'Status')
        throw unreachable(where, `the API server answered ${reply.status}: ${String(body.message ?? '')}`);
      if (body?.status === 'success') return body as PrometheusSuccess<T>;
      if (body?.status === 'error') {
        const errorType = String(body.errorType ?? 'unknown');
        const error = String(body.error ?? '');
        const details = { errorType, error, status: reply.status };
        if (CALLER_ERRORS.has(errorType) || (reply.status >= 400 && reply.status < 500))
          throw new AppError('PROMETHEUS_QUERY_FAILED', `Prometheus refused the query (${errorType}): ${error}`, {
            details,
          });
        throw new AppError('PROMETHEUS_UNREACHABLE', `Prometheus failed (${errorType}): ${error}`, { details });
      }
      const text = reply.body.subarray(0, 200).toString('utf8').trim();
      throw unreachable(
        where,
        `HTTP ${reply.status} ${reply.contentType || ''} is not a Prometheus API answer: ${text}`,
      );
    },
  };
}
