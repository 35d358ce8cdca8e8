/**
 * GET /api/plugins/helm/releases: the latest revision of every release the caller may read, across
 * the clusters where the plugin is enabled. A cluster that cannot be read is reported, not fatal.
 */
import type { ClusterAccess, PluginRouter } from '@argus/plugin-sdk';
import { RESOURCE } from './access.js';
import { createReleaseStore } from './release-store.js';
import { releaseSummary } from './release-views.js';
import { globalReleaseListSchema, listQuery } from './schemas.js';

type Item = ReturnType<typeof releaseSummary> & { cluster_id: string; cluster_name: string };

export function registerGlobalRoutes(router: PluginRouter, clusters: ClusterAccess): void {
  router.route({
    method: 'GET',
    path: '/releases',
    scope: 'global',
    query: listQuery,
    responses: { 200: globalReleaseListSchema },
    async handler(ctx) {
      const items: Item[] = [];
      const errors: { cluster_id: string; message: string }[] = [];
      const readable = [];
      for (const c of await ctx.enabledClusters())
        if (await ctx.can(RESOURCE, 'read', { clusterId: c.id })) readable.push(c);
      await Promise.all(
        readable.map(async (cluster) => {
          try {
            const releases = await createReleaseStore(clusters.client(cluster.id)).listLatest(ctx.query.namespace);
            const allowed = new Map<string, boolean>();
            for (const r of releases) {
              if (!allowed.has(r.namespace))
                allowed.set(
                  r.namespace,
                  await ctx.can(RESOURCE, 'read', { clusterId: cluster.id, namespace: r.namespace }),
                );
              if (allowed.get(r.namespace))
                items.push({ cluster_id: cluster.id, cluster_name: cluster.name, ...releaseSummary(r) });
            }
          } catch (err) {
            errors.push({ cluster_id: cluster.id, message: err instanceof Error ? err.message : String(err) });
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
