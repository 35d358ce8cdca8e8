'use client';
import { skipToken, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, qs } from '@/lib/api';
import { takeEarly } from '@/lib/early-list';
import type { KubeList } from '@/lib/kube';
import { type ApiResource, collectionPath, groupPath } from '@/lib/resources';
import { applyWatchEvent } from '@/lib/watch-events';
import { useWatch, type WatchMode } from './use-watch';

/** Objects in the first page of a list, shown while the rest of a large list is still on its way. */
const FIRST_PAGE = 500;

/**
 * A live list: fetched once (`extra.fields`: only those fields of each object; live events bring whole
 * ones), then kept current by `/ws` events (the tab's one connection, shared with every other live list),
 * or by polling when the hub is absent. The subscription starts once the list has
 * arrived, from the list's resourceVersion: the server sends what changed since, so the list is not
 * fetched a second time (it is when the server cannot resume from that version).
 * On its first load a list is fetched whole and, in parallel, as its first page (shown at once, as
 * placeholder data), so the first rows of 10,000 pods do not wait for 16 MB, and the 16 MB do not wait
 * for the first page.
 */
export function useResourceList(
  clusterId: string,
  r: ApiResource | undefined,
  namespace?: string,
  extra: { labelSelector?: string; fieldSelector?: string; fields?: string | undefined } = {},
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
    extra.fields ?? '',
  ]);
  const key = useMemo(() => JSON.parse(keyString) as string[], [keyString]);
  // The hub filters by labels too; a field selector it does not take (such lists are polled).
  const watchable = !extra.fieldSelector;
  // The version of this key's list once it has arrived (set below): where the subscription starts.
  const [listed, setListed] = useState<{ key: string; rv: string }>();
  const resumeFrom = listed?.key === keyString ? listed.rv : undefined;
  const watching = !!r && watchable && resumeFrom !== undefined;
  const watchMode = useWatch({
    resourceVersion: resumeFrom,
    target:
      r && watching
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
  // Waiting for the list before subscribing is still "connecting", not polling.
  const mode: WatchMode = r && watchable && !watching ? 'connecting' : watchMode;
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
        fields: extra.fields,
      };
      // The whole list (asked for already by the page's inline script, `early-list.ts`, or now) and, on the
      // list's first load, its first page in parallel: the page is shown as soon as it arrives, and the
      // whole list does not wait for the page's round trip first.
      const url = path + qs(params);
      const early = takeEarly(url);
      const whole = early ? early.catch(() => api<KubeList>(url)) : api<KubeList>(url);
      let settled = false;
      if (!early && qc.getQueryData(key) === undefined) {
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
  const listedRv = query.data && !query.isPlaceholderData ? (query.data.metadata?.resourceVersion ?? '') : undefined;
  useEffect(() => {
    if (listedRv !== undefined) setListed((s) => (s?.key === keyString ? s : { key: keyString, rv: listedRv }));
  }, [keyString, listedRv]);
  return Object.assign(query, { mode });
}
