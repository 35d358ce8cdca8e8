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

const SLICE = 10_000;

/**
 * The pods' usage by `namespace/name`, built in tasks of 10,000 after the one that parsed the answer: at 100,000
 * pods, parsing and indexing in one task held the main thread for 200–370 ms every refresh.
 */
async function byKeyInSlices(items: PodTop[]): Promise<Map<string, PodTop>> {
  const out = new Map<string, PodTop>();
  for (let i = 0; i < items.length; i += SLICE) {
    if (items.length > SLICE) await new Promise((r) => setTimeout(r, 0));
    for (let j = i; j < Math.min(items.length, i + SLICE); j++) {
      const p = items[j] as PodTop;
      out.set(podKey(p.namespace, p.name), p);
    }
  }
  return out;
}

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
          // The sums only (the columns show no per-container figure): at 100,000 pods a third less to read.
          const top = await api<PodTopResponse>(
            `/api/clusters/${encodeURIComponent(clusterId)}/top/pods${qs({ namespace, containers: 'false' })}`,
          );
          return {
            ...EMPTY,
            available: top.available,
            ...(top.reason ? { reason: top.reason } : {}),
            pods: await byKeyInSlices(top.items),
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
