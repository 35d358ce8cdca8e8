'use client';
import type {
  PluginDetailTabProps,
  PluginFrontend,
  PluginPageProps,
  PluginWidgetProps,
} from '@argus/plugin-sdk/frontend';
import { Skeleton } from '@argus/ui';
import { type ComponentType, useEffect, useState } from 'react';
import { PLUGIN_FRONTENDS } from '@/lib/plugins';
import { ErrorAlert } from './ErrorAlert';
import { PluginBoundary } from './PluginBoundary';

type Kind = 'pages' | 'widgets' | 'detailTabs';
type PropsOf<K extends Kind> = K extends 'pages'
  ? PluginPageProps
  : K extends 'detailTabs'
    ? PluginDetailTabProps
    : PluginWidgetProps;
const NOUN: Record<Kind, string> = { pages: 'page', widgets: 'widget', detailTabs: 'detail tab' };

const cache = new Map<string, Promise<ComponentType<never>>>();

/** Loads one of a plugin's components on first use (and only then), keyed by plugin, kind and id. */
function load(pluginId: string, kind: Kind, id: string): Promise<ComponentType<never>> {
  const key = `${pluginId}/${kind}/${id}`;
  let p = cache.get(key);
  if (!p) {
    const loader = PLUGIN_FRONTENDS[pluginId];
    p = (async () => {
      if (!loader) throw new Error(`The web UI has no frontend for plugin "${pluginId}".`);
      const frontend: PluginFrontend = (await loader()).default;
      const lazy = frontend[kind]?.[id];
      if (!lazy) throw new Error(`Plugin "${pluginId}" has no ${NOUN[kind]} "${id}".`);
      return (await lazy()).default as ComponentType<never>;
    })();
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

export function PluginView<K extends Kind>({ kind, id, props }: { kind: K; id: string; props: PropsOf<K> }) {
  const [state, setState] = useState<{ Comp?: ComponentType<Record<string, unknown>>; error?: Error }>({});
  useEffect(() => {
    let live = true;
    setState({});
    load(props.pluginId, kind, id).then(
      (Comp) => live && setState({ Comp: Comp as unknown as ComponentType<Record<string, unknown>> }),
      (error: Error) => live && setState({ error }),
    );
    return () => {
      live = false;
    };
  }, [props.pluginId, kind, id]);
  if (state.error) return <ErrorAlert error={state.error} title="Could not load the plugin" />;
  if (!state.Comp) return <Skeleton className="h-24 w-full" />;
  const { Comp } = state;
  return (
    <PluginBoundary pluginId={props.pluginId}>
      <Comp {...(props as unknown as Record<string, unknown>)} />
    </PluginBoundary>
  );
}
