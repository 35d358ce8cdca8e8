'use client';
import type { NodeTop, NodeTopResponse, PodTop, PodTopResponse } from '@argus/contracts';
import { useQuery } from '@tanstack/react-query';
import { ApiError, api, qs } from '@/lib/api';

/** Usage of the rows of a pod or node list, by `namespace/name` (pods) or name (nodes). */
export interface TopData {
  /** false: no usage to show (no metrics-server, or not readable here); `reason` says why. */
  available: boolean;
  reason?: string;
  pods: Map<string, PodTop>;
  nodes: Map<string, NodeTop>;
}

const EMPTY = { pods: new Map<string, PodTop>(), nodes: new Map<string, NodeTop>() };

export const podKey = (namespace: string | undefined, name: string) => `${namespace ?? ''}/${name}`;

/**
 * `GET /api/clusters/{id}/top/pods|nodes` (metrics.k8s.io through the server) for the pod and node lists and
 * detail pages; undefined for other kinds or while loading. Never an error: without metrics (or without the
 * right to read node usage) it answers available=false with the reason.
 */
export function useTop(clusterId: string, resource: string | undefined, namespace?: string): TopData | undefined {
  const kind = resource === 'pods' ? 'pods' : resource === 'nodes' ? 'nodes' : undefined;
  const query = useQuery({
    queryKey: ['top', clusterId, kind, kind === 'pods' ? (namespace ?? '') : ''],
    enabled: !!kind,
    retry: false,
    refetchInterval: 30_000,
    queryFn: async (): Promise<TopData> => {
      try {
        if (kind === 'pods') {
          const top = await api<PodTopResponse>(
            `/api/clusters/${encodeURIComponent(clusterId)}/top/pods${qs({ namespace })}`,
          );
          return {
            ...EMPTY,
            available: top.available,
            ...(top.reason ? { reason: top.reason } : {}),
            pods: new Map(top.items.map((p) => [podKey(p.namespace, p.name), p])),
          };
        }
        const top = await api<NodeTopResponse>(`/api/clusters/${encodeURIComponent(clusterId)}/top/nodes`);
        return {
          ...EMPTY,
          available: top.available,
          ...(top.reason ? { reason: top.reason } : {}),
          nodes: new Map(top.items.map((n) => [n.name, n])),
        };
      } catch (err) {
        if (err instanceof ApiError && (err.status === 403 || err.status === 404 || err.status >= 500))
          return {
            ...EMPTY,
            available: false,
            reason: err.status === 403 ? 'You may not read usage here' : `Usage is not available: ${err.message}`,
          };
        throw err;
      }
    },
  });
  return kind ? query.data : undefined;
}
