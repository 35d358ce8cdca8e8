/** Builds the plugin engine with the built-in plugins, mounts their routes and the plugin API, and runs their lifecycle with the app. */
import type { PluginDefinition, PluginPrincipal } from '@argus/plugin-sdk';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Identity } from '../auth/create-identity.js';
import type { Principal } from '../auth/types.js';
import type { ClusterModule } from '../clusters/cluster-module.js';
import type { Config } from '../config/load-config.js';
import { pluginRoutes } from '../http/routes/plugins.js';
import { createOutboundGuard, type OutboundGuard } from '../outbound/outbound-guard.js';
import type { WatchOwnership } from '../replicas/watch-ownership.js';
import type { SecretBox } from '../secrets/secret-box.js';
import { loadBuiltinPlugins } from './builtin-plugins.js';
import { createGatewayKubeconfigs } from './gateway-kubeconfig.js';
import { hostTools } from './host-tools.js';
import { mountPluginRoutes } from './mount-routes.js';
import { createPluginEngine, type PluginEngine } from './plugin-engine.js';
import { createPluginStateStore } from './plugin-state.js';

export async function registerPlugins(
  app: FastifyInstance,
  deps: {
    config: Config;
    logger: Logger;
    clusters: ClusterModule;
    identity: Identity;
    secrets: SecretBox;
    /** Tests pass their own plugins; the server runs the built-in ones. */
    definitions?: readonly PluginDefinition[];
    /** The SSRF guard for URLs users choose; by default one allowing OUTBOUND_ALLOWED_CIDRS. */
    outbound?: OutboundGuard;
    /** Several replicas: plugins' watchers run on the cluster's owner only. */
    ownership?: WatchOwnership;
  },
): Promise<PluginEngine> {
  const principals = new WeakMap<PluginPrincipal, Principal>();
  const gateway = createGatewayKubeconfigs({ app, apiKeys: deps.identity.apiKeys });
  const engine = createPluginEngine({
    definitions: deps.definitions ?? (await loadBuiltinPlugins()),
    authorizer: deps.identity.authorizer,
    logger: deps.logger,
    state: createPluginStateStore(deps.clusters.db, deps.secrets),
    clusters: deps.clusters,
    ...(deps.ownership ? { ownership: deps.ownership } : {}),
    gateway,
    principals,
    host: hostTools({ helmPath: deps.config.HELM_PATH }),
    outbound:
      deps.outbound ?? createOutboundGuard({ allowedCidrs: deps.config.OUTBOUND_ALLOWED_CIDRS, logger: deps.logger }),
  });
  await engine.load();
  await mountPluginRoutes(app, {
    engine,
    clusters: deps.clusters,
    authorizer: deps.identity.authorizer,
    principals,
    uploadLimitBytes: deps.config.PLUGIN_UPLOAD_LIMIT_BYTES,
  });
  await app.register(pluginRoutes, { engine, clusters: deps.clusters, authorizer: deps.identity.authorizer });
  app.addHook('onReady', () => engine.start());
  app.addHook('onClose', async () => {
    await engine.close();
    await gateway.close();
  });
  return engine;
}
