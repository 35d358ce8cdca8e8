/** Registers the cluster module and its routes on the app; closes it with the app. */
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import type { Database } from '../db/types.js';
import type { AgentBridge } from '../grpc/agent-module.js';
import { clusterRoutes } from '../http/routes/clusters.js';
import { kubectlGatewayRoutes } from '../http/routes/kubectl-gateway.js';
import { resourceRoutes } from '../http/routes/resources.js';
import { applyRoutes } from '../http/routes/resources-apply.js';
import { globalResourceRoutes } from '../http/routes/resources-global.js';
import { logRoutes } from '../http/routes/resources-logs.js';
import type { SecretBox } from '../secrets/secret-box.js';
import { type ClusterModule, createClusterModule } from './cluster-module.js';

export async function registerClusters(
  app: FastifyInstance,
  deps: { config: Config; db: Database; secrets: SecretBox; logger: Logger; agents?: AgentBridge },
): Promise<ClusterModule> {
  const module = createClusterModule(deps);
  app.addHook('onReady', () => module.start());
  app.addHook('onClose', () => module.close());
  await app.register(clusterRoutes, { module });
  await app.register(resourceRoutes, { module });
  await app.register(applyRoutes, { module });
  await app.register(logRoutes, { module });
  await app.register(globalResourceRoutes, { module });
  await app.register(kubectlGatewayRoutes, { module });
  return module;
}
