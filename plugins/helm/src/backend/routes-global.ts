/**
 * GET /api/plugins/helm/releases: the latest revision of every release the caller may read, across
 * the clusters where the plugin is enabled. A cluster that cannot be read is reported, not fatal.
 *
 * The SDK's RouteContext does not (yet) say which clusters a global route covers, nor check RBAC on
 * another cluster: this reads `clusterIds` from the context and passes `clusterId` in can()'s scope,
 * the two additions asked of the engine (see GlobalRouteContext).
 */
import { AppError } from '@argus/contracts';
import type { ClusterAccess, PluginRouter, RouteContext } from '@argus/plugin-sdk';
import { RESOURCE } from './access.js';
import { createReleaseStore } from './release-store.js';
import { releaseSummary } from './release-views.js';
import { listQuery } from './schemas.js';

/** What a global route needs from the engine beyond RouteContext. */
export interface GlobalRouteExtras {
  /** The clusters where the plugin is enabled and the caller holds some role. */
  clusterIds?: string[];
}
type GlobalCan = (
  resource: string,
  action: string,
  scope: { clusterId: string; namespace?: string },
) => Promise<boolean>;

export function registerGlobalRoutes(router: PluginRouter, clusters: ClusterAccess): void {
  router.route({
    method: 'GET',
    path: '/releases',
    scope: 'global',
    query: listQuery,
    async handler(ctx: RouteContext<{ namespace?: string }, undefined> & GlobalRouteExtras) {
      if (!ctx.clusterIds)
        throw new AppError('UNAVAILABLE', 'the plugin engine does not name the clusters of a global route');
      const can = ctx.can as unknown as GlobalCan;
      const items: (ReturnType<typeof releaseSummary> & { cluster_id: string; cluster_name: string })[] = [];
      const errors: { cluster_id: string; message: string }[] = [];
      await Promise.all(
        ctx.clusterIds.map(async (clusterId) => {
          try {
            const [cluster, releases] = await Promise.all([
              clusters.get(clusterId),
              createReleaseStore(clusters.client(clusterId)).listLatest(ctx.query.namespace),
            ]);
            const allowed = new Map<string, boolean>();
            for (const r of releases) {
              if (!allowed.has(r.namespace))
                allowed.set(r.namespace, await can(RESOURCE, 'read', { clusterId, namespace: r.namespace }));
              if (allowed.get(r.namespace))
                items.push({ cluster_id: clusterId, cluster_name: cluster.name, ...releaseSummary(r) });
            }
          } catch (err) {
            errors.push({ cluster_id: clusterId, message: err instanceof Error ? err.message : String(err) });
          }
        }),
      );
      items.sort(
        (a, b) =>
          a.cluster_name.localeCompare(b.cluster_name) ||
          a.namespace.localeCompare(b.namespace) ||
          a.name.localeCompare(b.name),
      );
      return { items, errors };
    },
  });
}
