'use client';
import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api';
import type { ApiResource } from '@/lib/resources';

/** `GET /api/clusters/{id}/api-resources`: built-ins and CRDs the cluster serves. */
export function useApiResources(clusterId: string) {
  return useQuery({
    queryKey: ['api-resources', clusterId],
    queryFn: async () => {
      type Answered = ApiResource & { short_names?: string[] };
      const body = await api<Answered[] | { resources?: Answered[]; items?: Answered[] }>(
        `/api/clusters/${encodeURIComponent(clusterId)}/api-resources`,
      );
      const list = Array.isArray(body) ? body : (body.resources ?? body.items ?? []);
      return list.map(
        ({ short_names, ...r }): ApiResource => ({
          ...r,
          group: r.group === 'core' ? '' : r.group,
          verbs: r.verbs ?? [],
          shortNames: r.shortNames ?? short_names ?? [],
        }),
      );
    },
    staleTime: 60_000,
    enabled: !!clusterId,
  });
}
