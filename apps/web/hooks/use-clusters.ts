'use client';
import type { ClusterView } from '@argus/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api';

export type Cluster = ClusterView;

export function useClusters() {
  return useQuery({
    queryKey: ['clusters'],
    queryFn: async () => {
      const body = await api<Cluster[] | { clusters?: Cluster[]; items?: Cluster[] }>('/api/clusters');
      return Array.isArray(body) ? body : (body.clusters ?? body.items ?? []);
    },
    refetchInterval: 30_000,
  });
}
