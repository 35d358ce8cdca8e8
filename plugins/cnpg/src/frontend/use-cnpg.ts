/**
 * The plugin's data: lists and objects from the toolkit's routes (with their health), read again whenever
 * the live list of the same kind (the tab's one WebSocket) says something changed — or every 15 s when
 * live updates are not available.
 */
import { type PluginApi, useLiveList, usePluginData } from '@argus/plugin-sdk/frontend';
import { useEffect, useRef, useState } from 'react';
import { type Detail, GROUP, type Item, VERSION } from './types';

/** What changes whenever an object of the kind changes (or every 15 s without live updates). */
function useChangeStamp(clusterId: string, plural: string, namespace: string | undefined): string {
  const live = useLiveList({
    cluster: clusterId,
    group: GROUP,
    version: VERSION,
    resource: plural,
    ...(namespace ? { namespace } : {}),
  });
  const polling = live.status !== 'live';
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!polling) return;
    const t = setInterval(() => setTick((n) => n + 1), 15_000);
    return () => clearInterval(t);
  }, [polling]);
  if (polling) return `poll-${tick}`;
  return live.items.map((o) => `${o.metadata.name}@${o.metadata.resourceVersion ?? ''}`).join(',');
}

/** Keeps showing the last answer while the next one loads (no flicker on each change). */
function useLast<T>(value: T | undefined): T | undefined {
  const last = useRef<T | undefined>(value);
  if (value !== undefined) last.current = value;
  return last.current;
}

export function useCnpgList<T>(api: PluginApi, clusterId: string, plural: string, namespace?: string) {
  const stamp = useChangeStamp(clusterId, plural, namespace);
  const res = usePluginData(`${plural}:${namespace ?? ''}:${stamp}`, () =>
    api.get<{ items: Item<T>[] }>(`/resources/${plural}`, namespace ? { namespace } : undefined),
  );
  const data = useLast(res.data);
  return { items: data?.items, error: res.error, loading: res.loading && !data, reload: res.reload };
}

export function useCnpgObject<T>(api: PluginApi, clusterId: string, plural: string, namespace: string, name: string) {
  const stamp = useChangeStamp(clusterId, plural, namespace);
  const res = usePluginData(`${plural}:${namespace}/${name}:${stamp}`, () =>
    api.get<Detail<T>>(`/resources/${plural}/${encodeURIComponent(name)}`, { namespace }),
  );
  const data = useLast(res.data);
  return { object: data, error: res.error, loading: res.loading && !data, reload: res.reload };
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
