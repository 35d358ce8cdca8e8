'use client';
import type { DetailObject, PluginDetailTabProps } from '@argus/plugin-sdk/frontend';
import { useRouter } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { useClusters } from '@/hooks/use-clusters';
import { usePermissions } from '@/hooks/use-permissions';
import { usePlugins } from '@/hooks/use-plugins';
import type { KubeObject } from '@/lib/kube';
import { detailTabsFor, pluginApi } from '@/lib/plugins';
import type { ApiResource } from '@/lib/resources';
import { PluginView } from './PluginView';

/** The plugins' tabs for this kind on this cluster (manifest `detail_tabs`; enabled and available plugins only). */
export function usePluginDetailTabs(clusterId: string, r: ApiResource | undefined) {
  const plugins = usePlugins();
  return useMemo(
    () => (r && plugins.data ? detailTabsFor(plugins.data, clusterId, r) : []),
    [plugins.data, clusterId, r],
  );
}

/** One plugin's tab on the generic detail page: its component, loaded lazily, with the object as a prop. */
export function PluginDetailTab({
  pluginId,
  tabId,
  clusterId,
  object,
  resource,
  reload,
}: {
  pluginId: string;
  tabId: string;
  clusterId: string;
  object: KubeObject;
  resource: ApiResource;
  reload: () => void;
}) {
  const router = useRouter();
  const clusters = useClusters();
  const { can } = usePermissions();
  const api = useMemo(() => pluginApi(pluginId, clusterId), [pluginId, clusterId]);
  const navigate = useCallback(
    (path: string) =>
      router.push(
        `/clusters/${encodeURIComponent(clusterId)}/plugins/${pluginId}${path.startsWith('/') ? path : `/${path}`}`,
      ),
    [router, clusterId, pluginId],
  );
  const props: PluginDetailTabProps = {
    pluginId,
    clusterId,
    clusterName: clusters.data?.find((c) => c.id === clusterId)?.name ?? '',
    api,
    can: (res, action, namespace) => can(res, action, { clusterId, ...(namespace ? { namespace } : {}) }, !namespace),
    object: object as DetailObject,
    resource: {
      group: resource.group,
      version: resource.version,
      resource: resource.resource,
      kind: resource.kind,
      namespaced: resource.namespaced,
    },
    reload,
    navigate,
  };
  return <PluginView kind="detailTabs" id={tabId} props={props} />;
}
