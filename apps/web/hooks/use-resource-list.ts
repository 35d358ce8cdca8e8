'use client';
import { skipToken, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { api, qs } from '@/lib/api';
import type { KubeList } from '@/lib/kube';
import { type ApiResource, collectionPath, groupPath } from '@/lib/resources';
import { applyWatchEvent } from '@/lib/watch-events';
import { useWatch, type WatchMode } from './use-watch';

/** Objects in the first page of a list, shown while the rest of a large list is still on its way. */
const FIRST_PAGE = 500;

/**
 * A live list: fetched once, then kept current by `/ws` events (the tab's one connection, shared with every
 * other live list), or by polling when the hub is absent.
 * On its first load a list is fetched whole and, in parallel, as its first page (shown at once, as
 * placeholder data), so the first rows of 10,000 pods do not wait for 16 MB, and the 16 MB do not wait
 * for the first page.
 */
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
  // The hub filters by labels too; a field selector it does not take (such lists are polled).
  const watchable = !extra.fieldSelector;
  const mode = useWatch({
    target:
      r && watchable
        ? {
            cluster: clusterId,
            group: groupPath(r),
            version: r.version,
            resource: r.resource,
            namespace: r.namespaced ? namespace : undefined,
            labelSelector: extra.labelSelector || undefined,
          }
        : null,
    onEvent: useCallback(
      (type, object) => qc.setQueryData<KubeList>(key, (old) => applyWatchEvent(old, type, object)),
      [qc, key],
    ),
    onResync: useCallback(() => void qc.invalidateQueries({ queryKey: key }), [qc, key]),
  });
  const firstPageKey = useMemo(() => [...key, 'first-page'], [key]);
  // Never fetched by itself: the list's queryFn fills it, and this observer re-renders when it does.
  const firstPage = useQuery<KubeList>({ queryKey: firstPageKey, queryFn: skipToken });
  const query = useQuery<KubeList>({
    queryKey: key,
    enabled: !!r,
    queryFn: async () => {
      const path = collectionPath(clusterId, r as ApiResource);
      const params = {
        namespace: r?.namespaced ? namespace : undefined,
        labelSelector: extra.labelSelector,
        fieldSelector: extra.fieldSelector,
      };
      // The whole list and, on the list's first load, its first page in parallel: the page is shown as
      // soon as it arrives, and the whole list does not wait for the page's round trip first.
      const whole = api<KubeList>(path + qs(params));
      let settled = false;
      if (qc.getQueryData(key) === undefined) {
        api<KubeList>(path + qs({ ...params, limit: FIRST_PAGE })).then(
          (first) => {
            if (!settled && first.metadata?.continue) qc.setQueryData(firstPageKey, first);
          },
          () => {}, // the whole list's request reports the error
        );
      }
      try {
        return await whole;
      } finally {
        settled = true;
        qc.removeQueries({ queryKey: firstPageKey, exact: true });
      }
    },
    placeholderData: firstPage.data,
    refetchInterval: (q) => (mode === 'live' ? false : (q.state.data?.items.length ?? 0) > 2000 ? 10_000 : 3_000),
  });
  return Object.assign(query, { mode });
}
