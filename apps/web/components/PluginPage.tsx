'use client';
import type { PluginPageProps } from '@argus/plugin-sdk/frontend';
import { Skeleton } from '@argus/ui';
import { useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { useClusters } from '@/hooks/use-clusters';
import { usePermissions } from '@/hooks/use-permissions';
import { usePlugins } from '@/hooks/use-plugins';
import { enabledOn, manifestOf, matchPage, PLUGIN_FRONTENDS, pluginApi, pluginHref } from '@/lib/plugins';
import { ErrorAlert } from './ErrorAlert';
import { PluginView } from './PluginView';

function Notice({ children }: { children: React.ReactNode }) {
  return (
    <p role="status" className="rounded-md border p-4 text-sm text-muted-foreground">
      {children}
    </p>
  );
}

/** A plugin's page: `/clusters/{cluster}/plugins/{plugin}/…` (cluster pages) or `/plugins/{plugin}/…` (global). */
export function PluginPage({
  pluginId,
  clusterId,
  segments,
}: {
  pluginId: string;
  clusterId?: string;
  segments: string[];
}) {
  const plugins = usePlugins();
  const clusters = useClusters();
  const router = useRouter();
  const searchParams = useSearchParams();
  const { can } = usePermissions();
  const plugin = plugins.data?.find((p) => p.id === pluginId);
  const scope = clusterId ? 'cluster' : 'global';
  const match = plugin ? matchPage(manifestOf(plugin).pages, scope, segments) : undefined;
  const api = useMemo(() => pluginApi(pluginId, clusterId), [pluginId, clusterId]);
  const navigate = useCallback(
    (path: string) => {
      const base = clusterId
        ? `/clusters/${encodeURIComponent(clusterId)}/plugins/${pluginId}`
        : `/plugins/${pluginId}`;
      router.push(base + (path.startsWith('/') ? path : `/${path}`));
    },
    [router, clusterId, pluginId],
  );
  const check = useCallback(
    (resource: string, action: string, namespace?: string) =>
      can(resource, action, { ...(clusterId ? { clusterId } : {}), ...(namespace ? { namespace } : {}) }, !namespace),
    [can, clusterId],
  );
  if (plugins.error) return <ErrorAlert error={plugins.error} title="Could not load plugins" />;
  if (!plugins.data) return <Skeleton className="h-40 w-full" />;
  if (!plugin || !(pluginId in PLUGIN_FRONTENDS)) return <Notice>There is no plugin “{pluginId}”.</Notice>;
  if (clusterId && !enabledOn(plugin, clusterId))
    return (
      <Notice>
        {plugin.status === 'active'
          ? `${plugin.name} is disabled on this cluster.`
          : `${plugin.name} is not running: ${plugin.error ?? plugin.status}.`}
      </Notice>
    );
  if (!match) {
    const first = manifestOf(plugin).pages.find((p) => p.scope === scope);
    if (first && segments.length === 0) {
      router.replace(pluginHref(pluginId, first, clusterId));
      return null;
    }
    return <Notice>{plugin.name} has no page here.</Notice>;
  }
  const props: PluginPageProps = {
    pluginId,
    clusterId: clusterId ?? '',
    clusterName: clusters.data?.find((c) => c.id === clusterId)?.name ?? '',
    subpath: match.subpath,
    searchParams: new URLSearchParams(searchParams.toString()),
    navigate,
    can: check,
    api,
  };
  // The page draws its own heading (it knows what it shows: a list, one release, …).
  return <PluginView kind="pages" id={match.page.id} props={props} />;
}
