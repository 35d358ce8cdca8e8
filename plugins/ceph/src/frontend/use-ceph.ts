/**
 * The Ceph pages' data: a plugin route read with usePluginData, read again whenever an object of the kind it
 * shows changes on the cluster (a live subscription over the tab's one WebSocket) — and every 15 s while live
 * updates are unavailable.
 */
import {
  type LiveTarget,
  type PluginApi,
  type PluginData,
  useLiveReload,
  usePluginData,
} from '@argus/plugin-sdk/frontend';
import { useEffect } from 'react';

export function useCephData<T>(
  api: PluginApi,
  path: string,
  query: Record<string, string | undefined>,
  watch: LiveTarget | null,
): PluginData<T> {
  const key = `${path}?${new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => !!e[1]))}`;
  const data = usePluginData<T>(key, () => api.get<T>(path, query));
  const { reload } = data;
  const live = useLiveReload(watch, reload);
  useEffect(() => {
    if (live === 'live') return;
    const t = setInterval(reload, 15_000);
    return () => clearInterval(t);
  }, [live, reload]);
  return data;
}
