/** Connects to a cluster and tells whether it is a reachable Kubernetes API that accepts the credentials. */
import { AppError } from '@argus/contracts';
import type { HealthRecord } from './cluster-store.js';
import type { ClusterConnection } from './connection.js';
import { kubeError } from './kube-errors.js';

export interface ProbeResult {
  version: string;
  latencyMs: number;
}

/** Throws CLUSTER_UNREACHABLE / CLUSTER_TLS_ERROR / CLUSTER_UNAUTHORIZED / UPSTREAM_TIMEOUT with a clear message. */
export async function probeCluster(conn: ClusterConnection, timeoutMs: number): Promise<ProbeResult> {
  const started = performance.now();
  const version = await conn.request({ path: '/version', timeoutMs });
  const latencyMs = Math.round(performance.now() - started);
  if (version.status === 401) {
    throw new AppError(
      'CLUSTER_UNAUTHORIZED',
      `The cluster at ${conn.server} rejected the kubeconfig's credentials (401 Unauthorized)`,
    );
  }
  let gitVersion: string | undefined;
  try {
    gitVersion = version.json<{ gitVersion?: string }>().gitVersion;
  } catch {
    gitVersion = undefined;
  }
  if (version.status !== 200 || !gitVersion) {
    throw new AppError(
      'CLUSTER_UNREACHABLE',
      `${conn.server} answered /version with ${version.status}: it does not look like a Kubernetes API server`,
      {
        details: { reason: 'not-kubernetes' },
      },
    );
  }
  // /version may be open to anonymous users: check the credentials on a real API call. 403 means
  // authenticated but not allowed, which is fine for registration.
  const check = await conn.request({ path: '/api/v1/namespaces?limit=1', timeoutMs });
  if (check.status === 401) {
    throw new AppError(
      'CLUSTER_UNAUTHORIZED',
      `The cluster at ${conn.server} rejected the kubeconfig's credentials (401 Unauthorized)`,
    );
  }
  if (check.status >= 500) throw kubeError(check.status, check.body);
  return { version: gitVersion, latencyMs };
}

export async function healthOf(conn: ClusterConnection, timeoutMs: number): Promise<HealthRecord> {
  try {
    const r = await probeCluster(conn, timeoutMs);
    return { status: 'connected', message: null, errorCode: null, latencyMs: r.latencyMs, version: r.version };
  } catch (err) {
    const e = err instanceof AppError ? err : new AppError('CLUSTER_UNREACHABLE', (err as Error).message);
    const status = e.code === 'CLUSTER_UNREACHABLE' || e.code === 'UPSTREAM_TIMEOUT' ? 'disconnected' : 'error';
    return { status, message: e.message, errorCode: e.code, latencyMs: null, version: null };
  }
}
