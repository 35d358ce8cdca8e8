/**
 * The plugin API: `GET /api/plugins` (manifests and state), per cluster enable/disable, and the per-cluster
 * configuration (validated by the plugin's own schema).
 */
import {
  type PluginInfo,
  type PluginState,
  pluginConfigRequestSchema,
  pluginConfigResponseSchema,
  pluginConfigUpdateResponseSchema,
  pluginListSchema,
  pluginParamsSchema,
  pluginStateSchema,
  pluginToggleRequestSchema,
} from '@argus/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Authorizer } from '../../auth/types.js';
import { accessFor } from '../../clusters/access.js';
import type { ClusterModule } from '../../clusters/cluster-module.js';
import type { PluginEngine } from '../../plugin-engine/plugin-engine.js';

interface PluginParams {
  clusterId: string;
  plugin: string;
}

export async function pluginRoutes(
  fastify: FastifyInstance,
  opts: { engine: PluginEngine; clusters: ClusterModule; authorizer: Authorizer },
): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { engine } = opts;

  const list = {
    config: { permission: { resource: 'plugins', action: 'read' } },
    schema: {
      summary: 'The registered plugins: manifest, state, failures, and where each is enabled (clusters you can see)',
      response: { 200: pluginListSchema },
    },
  } as const;
  app.get('/api/plugins', list, async (request) => {
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
          available: await engine.isAvailable(p, c.id),
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
    app.post(
      `/api/clusters/:clusterId/plugins/:plugin/${action}`,
      {
        config: { permission: { resource: 'plugins', action: 'write' } },
        schema: {
          summary: `${action === 'enable' ? 'Enable' : 'Disable'} a plugin on a cluster`,
          params: pluginParamsSchema,
          body: pluginToggleRequestSchema,
          response: { 200: pluginStateSchema },
        },
      },
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

  app.get(
    '/api/clusters/:clusterId/plugins/:plugin/config',
    {
      config: configure,
      schema: {
        summary: "A plugin's configuration for a cluster, and its JSON Schema",
        params: pluginParamsSchema,
        response: { 200: pluginConfigResponseSchema },
      },
    },
    async (request) => {
      const { p, store, reply } = await configOf(request.params);
      // A plugin's configuration is an object (its schema's output).
      const config = (store ? await store.get(request.params.clusterId) : {}) as Record<string, unknown>;
      return { ...reply, config, schema: p.manifest?.config_schema ?? null };
    },
  );

  app.put(
    '/api/clusters/:clusterId/plugins/:plugin/config',
    {
      config: configure,
      schema: {
        summary: "Set a plugin's configuration for a cluster (validated by the plugin's schema)",
        params: pluginParamsSchema,
        body: pluginConfigRequestSchema,
        response: { 200: pluginConfigUpdateResponseSchema },
      },
    },
    async (request) => {
      const { store, reply } = await configOf(request.params);
      if (!store) return { ...reply, config: {} };
      await store.set(request.params.clusterId, request.body ?? {});
      return { ...reply, config: (await store.get(request.params.clusterId)) as Record<string, unknown> };
    },
  );
}
