/**
 * Kubernetes (and kubectl gateway) answers mapped to the contract's errors once, for every plugin: a
 * Kubernetes Status becomes an AppError with a fitting code and the cluster's message; an Argus error the
 * gateway answered (403 FORBIDDEN from RBAC) is passed on as it is.
 */
import { AppError, type ErrorCode } from '@argus/contracts';
import type { KubeReply } from '../backend.js';

function codeFor(status: number, reason: string | undefined): ErrorCode {
  if (status === 400) return 'BAD_REQUEST';
  if (status === 401) return 'CLUSTER_UNAUTHORIZED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return reason === 'AlreadyExists' ? 'ALREADY_EXISTS' : 'CONFLICT';
  if (status === 422) return 'INVALID_OBJECT';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 504) return 'UPSTREAM_TIMEOUT';
  return 'KUBERNETES_ERROR';
}

function parse(body: Buffer): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(body.toString('utf8')) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The AppError for a non-2xx answer. */
export function kubeReplyError(reply: KubeReply): AppError {
  const body = parse(reply.body);
  const argus = body?.error as { code?: unknown; message?: unknown } | undefined;
  if (argus && typeof argus.code === 'string' && typeof argus.message === 'string')
    return new AppError(argus.code as ErrorCode, argus.message, { status: reply.status });
  const reason = typeof body?.reason === 'string' ? body.reason : undefined;
  const message = typeof body?.message === 'string' ? body.message : `the cluster answered ${reply.status}`;
  // A 401 from the cluster is not the caller's Argus credentials failing: answer 502.
  return new AppError(codeFor(reply.status, reason), message, {
    status: reply.status === 401 ? 502 : reply.status,
    details: { kubernetes: { status: reply.status, reason: reason ?? null } },
  });
}

/** The reply when it is 2xx; else throws the mapped AppError. */
export function ensureKubeOk(reply: KubeReply): KubeReply {
  if (reply.status >= 200 && reply.status < 300) return reply;
  throw kubeReplyError(reply);
}

/** The API path of a collection or object (`/apis/{group}/{version}[/namespaces/{ns}]/{plural}[/{name}[/{sub}]]`). */
export function apiPath(
  r: { group: string; version: string; resource: string },
  namespace: string | undefined,
  name?: string,
  subresource?: string,
): string {
  const base = r.group && r.group !== 'core' ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  const ns = namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  const obj = name ? `/${encodeURIComponent(name)}` : '';
  return `${base}${ns}/${r.resource}${obj}${subresource ? `/${subresource}` : ''}`;
}
