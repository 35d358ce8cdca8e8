/**
 * The plugin API: `GET /api/plugins` (manifests and state), per cluster enable/disable, and the per-cluster
 * configuration (validated by the plugin's own schema).
 */
import type { PluginInfo, PluginState } from '@argus/contracts';
import type { FastifyInstance } from 'fastify';
import type { Authorizer } from '../../auth/types.js';
import { accessFor } from '../../clusters/access.js';
import type { ClusterModule } from '../../clusters/cluster-module.js';
import type { PluginEngine } from '../../plugin-engine/plugin-engine.js';

interface PluginParams {
  clusterId: string;
  plugin: string;
}

export async function pluginRoutes(
  app: FastifyInstance,
  opts: { engine: PluginEngine; clusters: ClusterModule; authorizer: Authorizer },
): Promise<void> {
  const { engine } = opts;

  app.get('/api/plugins', { config: { permission: { resource: 'plugins', action: 'read' } } }, async (request) => {
    const { principal } = accessFor(request);
    const all = await opts.clusters.clusters.list();
    const clusters = [];
    for (const c of all) if (await opts.authorizer.canAnywhere(principal, 'plugins', 'read', c.id)) clusters.push(c);
    const plugins: PluginInfo[] = [];
    for (const p of engine.list()) {
      const states = [];
      for (const c of clusters)
        states.push({
          id: c.id,
          name: c.name,
          enabled: await engine.isEnabled(p, c.id),
          watchers: engine.watching(p.id, c.id),
        });
      plugins.push({
        id: p.id,
        name: p.manifest?.name ?? p.id,
        version: p.manifest?.version ?? '',
        description: p.manifest?.description ?? '',
        status: p.status,
        error: p.error ?? null,
        failures: { count: p.failures.count, last: p.failures.last ?? null },
        manifest: (p.manifest as Record<string, unknown> | undefined) ?? null,
        clusters: states,
      });
    }
    return { plugins };
  });

  for (const action of ['enable', 'disable'] as const) {
    app.post<{ Params: PluginParams }>(
      `/api/clusters/:clusterId/plugins/:plugin/${action}`,
      { config: { permission: { resource: 'plugins', action: 'write' } } },
      async (request): Promise<PluginState> => {
        const { clusterId, plugin } = request.params;
        await engine.setEnabled(plugin, clusterId, action === 'enable');
        return { plugin, cluster_id: clusterId, enabled: action === 'enable' };
      },
    );
  }

  // Configuration can point a plugin at other servers and hold their credentials (a Prometheus URL):
  // reading and writing it is `plugins:configure`, which no built-in role but admin has (operators may
  // switch plugins on and off, not re-point them).
  const configure = { permission: { resource: 'plugins', action: 'configure' } } as const;
  /** The plugin's config store for an existing cluster (undefined when the plugin takes no config). */
  async function configOf(params: PluginParams) {
    const p = engine.get(params.plugin);
    await opts.clusters.clusters.get(params.clusterId);
    return { p, store: p.services.config, reply: { plugin: params.plugin, cluster_id: params.clusterId } };
  }

  app.get<{ Params: PluginParams }>(
    '/api/clusters/:clusterId/plugins/:plugin/config',
    { config: configure },
    async (request) => {
      const { p, store, reply } = await configOf(request.params);
      const config = store ? await store.get(request.params.clusterId) : {};
      return { ...reply, config, schema: p.manifest?.config_schema ?? null };
    },
  );

  app.put<{ Params: PluginParams }>(
    '/api/clusters/:clusterId/plugins/:plugin/config',
    { config: configure },
    async (request) => {
      const { store, reply } = await configOf(request.params);
      if (!store) return { ...reply, config: {} };
      await store.set(request.params.clusterId, request.body ?? {});
      return { ...reply, config: await store.get(request.params.clusterId) };
    },
  );
}
