/**
 * The plugin's data: toolkit lists and objects (with health) and the plugin's own views, read again whenever
 * the live list of the kind says something changed — or every 15 s when live updates are not available.
 */
import { type PluginApi, useLiveList, usePluginData } from '@argus/plugin-sdk/frontend';
import { useEffect, useRef, useState } from 'react';
import type { Detail, Item, KindInfo } from './types';

function usePoll(ms: number, on: boolean): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!on) return;
    const t = setInterval(() => setTick((n) => n + 1), ms);
    return () => clearInterval(t);
  }, [ms, on]);
  return tick;
}

function useChangeStamp(clusterId: string, kind: KindInfo, namespace: string | undefined): string {
  const live = useLiveList({
    cluster: clusterId,
    group: kind.group,
    version: kind.version,
    resource: kind.plural,
    ...(namespace ? { namespace } : {}),
  });
  const polling = live.status !== 'live';
  const tick = usePoll(15_000, polling);
  if (polling) return `poll-${tick}`;
  return live.items.map((o) => `${o.metadata.name}@${o.metadata.resourceVersion ?? ''}`).join(',');
}

/** Keeps showing the last answer while the next one loads (no flicker on each change). */
function useLast<T>(value: T | undefined): T | undefined {
  const last = useRef<T | undefined>(value);
  if (value !== undefined) last.current = value;
  return last.current;
}

export function useIstioList(api: PluginApi, clusterId: string, kind: KindInfo, namespace?: string) {
  const stamp = useChangeStamp(clusterId, kind, namespace);
  const res = usePluginData(`${kind.plural}:${namespace ?? ''}:${stamp}`, () =>
    api.get<{ items: Item[] }>(`/resources/${kind.plural}`, namespace ? { namespace } : undefined),
  );
  const data = useLast(res.data);
  return { items: data?.items, error: res.error, loading: res.loading && !data, reload: res.reload };
}

export function useIstioObject(api: PluginApi, clusterId: string, kind: KindInfo, namespace: string, name: string) {
  const stamp = useChangeStamp(clusterId, kind, namespace);
  const res = usePluginData(`${kind.plural}:${namespace}/${name}:${stamp}`, () =>
    api.get<Detail>(`/resources/${kind.plural}/${encodeURIComponent(name)}`, { namespace }),
  );
  const data = useLast(res.data);
  return { object: data, error: res.error, loading: res.loading && !data, reload: res.reload };
}

/** One of the plugin's views (`/mesh`, `/problems`, `/traffic` …), read again every `everyMs`. */
export function useIstioView<T>(
  api: PluginApi,
  path: string,
  query?: Record<string, string | undefined>,
  everyMs = 15_000,
) {
  const tick = usePoll(everyMs, true);
  const res = usePluginData(`${path}?${JSON.stringify(query ?? {})}:${tick}`, () => api.get<T>(path, query));
  const data = useLast(res.data);
  return { data, error: res.error, loading: res.loading && !data, reload: res.reload };
}

/** Runs one of an object's actions (the server checks the permission and the object's state again). */
export function runAction(
  api: PluginApi,
  plural: string,
  namespace: string,
  name: string,
  action: string,
  params?: Record<string, unknown>,
): Promise<unknown> {
  const q = new URLSearchParams({ namespace });
  return api.post(`/resources/${plural}/${encodeURIComponent(name)}/actions/${action}?${q}`, params ? { params } : {});
}
