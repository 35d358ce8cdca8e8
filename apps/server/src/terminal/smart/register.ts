/** Builds the smart terminal's runner (as the user, through the kubectl gateway) and mounts its route. */
import type { FastifyInstance } from 'fastify';
import type { Identity } from '../../auth/create-identity.js';
import type { ClusterModule } from '../../clusters/cluster-module.js';
import { terminalRunRoutes } from '../../http/routes/terminal-run.js';
import type { OperationsService } from '../../operations/operations-service.js';
import { createGatewayKubeconfigs } from '../../plugin-engine/gateway-kubeconfig.js';
import type { SmartStreamFactory } from '../types.js';
import { createTerminalHistory } from './history.js';
import { createSmartRunner, type SmartRunner } from './run.js';
import { createSmartStreamFactory } from './stream.js';

export async function registerSmartTerminal(
  app: FastifyInstance,
  deps: { clusters: ClusterModule; identity: Identity; operations: OperationsService },
): Promise<{ runner: SmartRunner; stream: SmartStreamFactory }> {
  const gateway = createGatewayKubeconfigs({ app, apiKeys: deps.identity.apiKeys });
  const runner = createSmartRunner({
    module: deps.clusters,
    operations: deps.operations,
    authorizer: deps.identity.authorizer,
    asUser: (principal, clusterId, fn) => gateway.asUser(principal, clusterId, 'terminal', fn),
  });
  const history = createTerminalHistory(deps.clusters.db, deps.clusters.logger);
  await app.register(terminalRunRoutes, { runner, history, clusters: deps.clusters.clusters });
  app.addHook('onClose', () => gateway.close());
  return { runner, stream: createSmartStreamFactory({ module: deps.clusters, runner, gateway, history }) };
}
