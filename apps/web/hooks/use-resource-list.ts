'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { api, qs } from '@/lib/api';
import type { KubeList } from '@/lib/kube';
import { type ApiResource, collectionPath, groupPath } from '@/lib/resources';
import { applyWatchEvent } from '@/lib/watch-events';
import { useWatch, type WatchMode } from './use-watch';

/** A live list: fetched once, then kept current by `/ws` events, or by polling when the hub is absent. */
export function useResourceList(
  clusterId: string,
  r: ApiResource | undefined,
  namespace?: string,
  extra: { labelSelector?: string; fieldSelector?: string } = {},
): ReturnType<typeof useQuery<KubeList>> & { mode: WatchMode } {
  const qc = useQueryClient();
  const keyString = JSON.stringify([
    'list',
    clusterId,
    r?.group ?? '',
    r?.version ?? '',
    r?.resource ?? '',
    namespace ?? '',
    extra.labelSelector ?? '',
    extra.fieldSelector ?? '',
  ]);
  const key = useMemo(() => JSON.parse(keyString) as string[], [keyString]);
  const watchable = !extra.labelSelector && !extra.fieldSelector;
  const mode = useWatch({
    target:
      r && watchable
        ? { cluster: clusterId, group: groupPath(r), version: r.version, resource: r.resource, namespace }
        : null,
    onEvent: useCallback(
      (type, object) => qc.setQueryData<KubeList>(key, (old) => applyWatchEvent(old, type, object)),
      [qc, key],
    ),
    onResync: useCallback(() => void qc.invalidateQueries({ queryKey: key }), [qc, key]),
  });
  const query = useQuery<KubeList>({
    queryKey: key,
    enabled: !!r,
    queryFn: () =>
      api<KubeList>(
        collectionPath(clusterId, r as ApiResource) +
          qs({
            namespace: r?.namespaced ? namespace : undefined,
            labelSelector: extra.labelSelector,
            fieldSelector: extra.fieldSelector,
          }),
      ),
    refetchInterval: (q) => (mode === 'live' ? false : (q.state.data?.items.length ?? 0) > 2000 ? 10_000 : 3_000),
  });
  return Object.assign(query, { mode });
}
