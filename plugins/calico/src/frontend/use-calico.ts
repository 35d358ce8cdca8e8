/**
 * The Calico pages' data: a plugin route read with usePluginData, read again whenever the watched resource
 * changes on the cluster (a live subscription over the tab's one WebSocket) — and every 15 s while live
 * updates are unavailable.
 */
import { type PluginApi, type PluginData, useLiveEvents, usePluginData } from '@argus/plugin-sdk/frontend';
import { useEffect, useRef } from 'react';

export interface WatchTarget {
  cluster: string;
  group: string;
  version: string;
  resource: string;
  namespace?: string;
}

export function useCalicoData<T>(
  api: PluginApi,
  path: string,
  query: Record<string, string | undefined>,
  watch: WatchTarget,
): PluginData<T> {
  const key = `${path}?${new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => !!e[1]))}`;
  const data = usePluginData<T>(key, () => api.get<T>(path, query));
  const { reload } = data;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const soon = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(reload, 250);
  };
  const live = useLiveEvents(watch, { onEvent: soon, onStale: soon });
  useEffect(() => {
    if (live.status === 'live') return;
    const t = setInterval(reload, 15_000);
    return () => clearInterval(t);
  }, [live.status, reload]);
  useEffect(() => () => clearTimeout(timer.current), []);
  return data;
}
