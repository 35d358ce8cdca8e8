/** A Kubernetes error answer (a Status object) becomes an AppError with the same status and message. */
import { AppError, type ErrorCode } from '@argus/contracts';
import type { KubeResponse } from './connection.js';

export interface KubeStatus {
  kind?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: unknown;
}

function codeFor(status: number, reason: string | undefined): ErrorCode {
  if (status === 400) return 'BAD_REQUEST';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 405) return 'METHOD_NOT_ALLOWED';
  if (status === 409) return reason === 'AlreadyExists' ? 'ALREADY_EXISTS' : 'CONFLICT';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (status === 422) return 'INVALID_OBJECT';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 401) return 'CLUSTER_UNAUTHORIZED';
  if (status === 504) return 'UPSTREAM_TIMEOUT';
  return 'KUBERNETES_ERROR';
}

export function parseStatus(body: Buffer | string): KubeStatus | undefined {
  try {
    const s = JSON.parse(body.toString()) as KubeStatus;
    return s && typeof s === 'object' ? s : undefined;
  } catch {
    return undefined;
  }
}

export function kubeError(status: number, body: Buffer | string): AppError {
  const s = parseStatus(body);
  const text = body.toString().trim();
  const message = s?.message ?? (text.length > 0 && text.length < 500 ? text : `the cluster answered ${status}`);
  // A 401 from the cluster is not the caller's Argus credentials failing: answer 502.
  const outward = status === 401 ? 502 : status;
  return new AppError(codeFor(status, s?.reason), message, {
    status: outward,
    details: { kubernetes: { status, reason: s?.reason ?? null, details: s?.details ?? null } },
  });
}

export function ensureOk(res: KubeResponse): KubeResponse {
  if (res.status >= 200 && res.status < 300) return res;
  throw kubeError(res.status, res.body);
}
