'use client';
/**
 * The web UI's client of the server's operations (one implementation shared with the terminal and the AI
 * assistant): revisions/rollback, scale, restart, trigger, cordon/uncordon, drain and top. Each request runs
 * as the signed-in user, so Argus RBAC decides it and the audit log records it.
 */
import { useQuery } from '@tanstack/react-query';
import { api, qs } from '@/lib/api';
import { groupPath } from '@/lib/resources';
import type { KindRef } from './shared';

export interface Revision {
  revision: number;
  name: string;
  created_at: string | null;
  images: string[];
  change_cause?: string;
  current: boolean;
}

export interface ObjectRef {
  namespace: string;
  name: string;
}

export interface DrainResult {
  evicted: ObjectRef[];
  skipped: Array<ObjectRef & { reason: string }>;
}

export interface DrainOptions {
  grace_period_seconds?: number;
  timeout_seconds?: number;
  ignore_daemonsets?: boolean;
  delete_emptydir_data?: boolean;
  force?: boolean;
}

export interface Usage {
  cpu_millicores: number;
  memory_bytes: number;
}

export interface PodTop extends Usage {
  namespace: string;
  name: string;
  containers: Array<Usage & { name: string }>;
  requests?: Partial<Usage>;
  limits?: Partial<Usage>;
}

export interface NodeTop extends Usage {
  name: string;
  allocatable?: Partial<Usage>;
  capacity?: Partial<Usage>;
}

export interface Top<T> {
  available: boolean;
  reason?: string;
  items: T[];
}

const c = (clusterId: string) => `/api/clusters/${encodeURIComponent(clusterId)}`;

/** `BASE/{name}` of the operations contract (namespaced objects with `?namespace=`). */
export function operationPath(clusterId: string, r: KindRef, name: string, op: string, namespace?: string): string {
  return `${c(clusterId)}/resources/${groupPath(r)}/${r.version}/${r.resource}/${encodeURIComponent(name)}/${op}${qs({ namespace })}`;
}

export const operations = {
  revisions: (clusterId: string, r: KindRef, name: string, ns?: string) =>
    api<{ items: Revision[] }>(operationPath(clusterId, r, name, 'revisions', ns)),
  rollback: (clusterId: string, r: KindRef, name: string, ns: string | undefined, revision?: number) =>
    api<{ revision: number }>(operationPath(clusterId, r, name, 'rollback', ns), {
      method: 'POST',
      body: revision === undefined ? {} : { revision },
    }),
  scale: (clusterId: string, r: KindRef, name: string, ns: string | undefined, replicas: number) =>
    api<{ replicas: number }>(operationPath(clusterId, r, name, 'scale', ns), { method: 'POST', body: { replicas } }),
  restart: (clusterId: string, r: KindRef, name: string, ns?: string) =>
    api<{ restarted_at: string }>(operationPath(clusterId, r, name, 'restart', ns), { method: 'POST', body: {} }),
  trigger: (clusterId: string, r: KindRef, name: string, ns?: string) =>
    api<{ job: ObjectRef }>(operationPath(clusterId, r, name, 'trigger', ns), { method: 'POST', body: {} }),
  cordon: (clusterId: string, node: string, on: boolean) =>
    api<{ unschedulable: boolean }>(
      `${c(clusterId)}/resources/core/v1/nodes/${encodeURIComponent(node)}/${on ? 'cordon' : 'uncordon'}`,
      { method: 'POST', body: {} },
    ),
  drain: (clusterId: string, node: string, options: DrainOptions) =>
    api<DrainResult>(`${c(clusterId)}/resources/core/v1/nodes/${encodeURIComponent(node)}/drain`, {
      method: 'POST',
      body: options,
    }),
};

/** Live CPU/memory of the pods of a namespace (metrics.k8s.io through the server), every 10 s. */
export function usePodTop(clusterId: string, namespace: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ['top-pods', clusterId, namespace ?? ''],
    queryFn: () => api<Top<PodTop>>(`${c(clusterId)}/top/pods${qs({ namespace })}`),
    enabled,
    refetchInterval: 10_000,
    retry: false,
  });
}

export function useNodeTop(clusterId: string, enabled = true) {
  return useQuery({
    queryKey: ['top-nodes', clusterId],
    queryFn: () => api<Top<NodeTop>>(`${c(clusterId)}/top/nodes`),
    enabled,
    refetchInterval: 10_000,
    retry: false,
  });
}
