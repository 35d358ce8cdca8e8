'use client';
import { useQueries, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api';
import { parseQuantity } from '@/lib/format';
import type { KubeList } from '@/lib/kube';

export const PHASES = ['Running', 'Pending', 'Succeeded', 'Failed'] as const;

const base = (id: string) => `/api/clusters/${encodeURIComponent(id)}/resources`;
const countOf = (l: KubeList) => l.items.length + (l.metadata?.remainingItemCount ?? 0);

/** Nodes, pods by phase (counted with limit=1 and remainingItemCount) and CPU/memory from metrics. */
export function useClusterStats(clusterId: string, enabled = true) {
  const nodes = useQuery({
    queryKey: ['stats-nodes', clusterId],
    queryFn: () => api<KubeList>(`${base(clusterId)}/core/v1/nodes`),
    enabled,
    refetchInterval: 30_000,
  });
  const phases = useQueries({
    queries: PHASES.map((phase) => ({
      queryKey: ['stats-pods', clusterId, phase],
      queryFn: () =>
        api<KubeList>(`${base(clusterId)}/core/v1/pods?limit=1&fieldSelector=status.phase%3D${phase}`).then(countOf),
      enabled,
      refetchInterval: 15_000,
    })),
  });
  const metrics = useQuery({
    queryKey: ['stats-metrics', clusterId],
    queryFn: () => api<KubeList>(`${base(clusterId)}/metrics.k8s.io/v1beta1/nodes`),
    enabled,
    retry: false,
    refetchInterval: 30_000,
  });
  let cpuCapacity = 0;
  let memCapacity = 0;
  for (const n of nodes.data?.items ?? []) {
    const alloc = (n.status?.allocatable ?? {}) as Record<string, string>;
    cpuCapacity += parseQuantity(alloc.cpu);
    memCapacity += parseQuantity(alloc.memory);
  }
  let cpuUsage: number | null = null;
  let memUsage: number | null = null;
  if (metrics.data) {
    cpuUsage = 0;
    memUsage = 0;
    for (const m of metrics.data.items) {
      const usage = (m.usage ?? {}) as Record<string, string>;
      cpuUsage += parseQuantity(usage.cpu);
      memUsage += parseQuantity(usage.memory);
    }
  }
  const pods = Object.fromEntries(PHASES.map((p, i) => [p, phases[i]?.data])) as Record<
    (typeof PHASES)[number],
    number | undefined
  >;
  return {
    nodes: nodes.data?.items,
    nodesError: nodes.error,
    pods,
    podsError: phases.find((p) => p.error)?.error,
    cpu: { usage: cpuUsage, capacity: cpuCapacity },
    memory: { usage: memUsage, capacity: memCapacity },
  };
}
