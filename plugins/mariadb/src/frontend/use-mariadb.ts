/**
 * The plugin's data: lists and objects from the toolkit's routes (with their health), read again whenever
 * the tab's live connection reports a change of that kind (`useLiveReload`) — or every 10 s when live
 * updates are not available.
 */
import { type PluginApi, useLiveReload, usePluginData } from '@argus/plugin-sdk/frontend';
import { useEffect } from 'react';
import { type Detail, GROUP, type Item, VERSION } from './types';

function useFresh(clusterId: string, plural: string, namespace: string | undefined, reload: () => void): void {
  const status = useLiveReload(
    { cluster: clusterId, group: GROUP, version: VERSION, resource: plural, ...(namespace ? { namespace } : {}) },
    reload,
  );
  useEffect(() => {
    if (status === 'live') return;
    const t = setInterval(reload, 10_000);
    return () => clearInterval(t);
  }, [status, reload]);
}

export function useMariadbList<T>(api: PluginApi, clusterId: string, plural: string, namespace?: string) {
  const res = usePluginData(`${plural}:${namespace ?? ''}`, () =>
    api.get<{ items: Item<T>[] }>(`/resources/${plural}`, namespace ? { namespace } : undefined),
  );
  useFresh(clusterId, plural, namespace, res.reload);
  return { items: res.data?.items, error: res.error, loading: res.loading && !res.data, reload: res.reload };
}

export function useMariadbObject<T>(
  api: PluginApi,
  clusterId: string,
  plural: string,
  namespace: string,
  name: string,
) {
  const res = usePluginData(`${plural}:${namespace}/${name}`, () =>
    api.get<Detail<T>>(`/resources/${plural}/${encodeURIComponent(name)}`, { namespace }),
  );
  useFresh(clusterId, plural, namespace, res.reload);
  return { object: res.data, error: res.error, loading: res.loading && !res.data, reload: res.reload };
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
