/** Builds the operations service (writes as the calling user through the kubectl gateway) and mounts its routes. */
import type { FastifyInstance } from 'fastify';
import type { Identity } from '../auth/create-identity.js';
import type { ClusterModule } from '../clusters/cluster-module.js';
import { operationRoutes } from '../http/routes/resources-operations.js';
import { createGatewayKubeconfigs } from '../plugin-engine/gateway-kubeconfig.js';
import { createOperationsService, type OperationsService } from './operations-service.js';

export async function registerOperations(
  app: FastifyInstance,
  deps: { clusters: ClusterModule; identity: Identity },
): Promise<OperationsService> {
  const gateway = createGatewayKubeconfigs({ app, apiKeys: deps.identity.apiKeys });
  const operations = createOperationsService({
    module: deps.clusters,
    asUser: (principal, clusterId, fn) => gateway.asUser(principal, clusterId, 'operations', fn),
  });
  await app.register(operationRoutes, { module: deps.clusters, operations });
  app.addHook('onClose', () => gateway.close());
  return operations;
}
