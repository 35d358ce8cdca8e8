/** Cluster registry routes: register (connects first), list, get, rename, delete, health. */
import { parseInput, registerClusterSchema, updateClusterSchema } from '@argus/contracts';
import type { FastifyInstance } from 'fastify';
import { accessFor } from '../../clusters/access.js';
import type { ClusterModule } from '../../clusters/cluster-module.js';

interface IdParams {
  clusterId: string;
}

export async function clusterRoutes(app: FastifyInstance, opts: { module: ClusterModule }): Promise<void> {
  const { clusters } = opts.module;

  app.post(
    '/api/clusters',
    { config: { permission: { resource: 'clusters', action: 'write' } } },
    async (request, reply) => {
      const access = accessFor(request);
      const input = parseInput(registerClusterSchema, request.body, 'cluster');
      const view = await clusters.register(input, { createdBy: access.principal.userId });
      return reply.status(201).send(view);
    },
  );

  app.get('/api/clusters', { config: { permission: { resource: 'clusters', action: 'read' } } }, async (request) => {
    const access = accessFor(request);
    const all = await clusters.list();
    const authorizer = request.server.authorizer;
    const visible = await Promise.all(
      all.map(
        async (c) =>
          (await authorizer.canAnywhere(access.principal, 'clusters', 'read', c.id)) ||
          (await authorizer.canAnywhere(access.principal, 'resources', 'read', c.id)),
      ),
    );
    return { clusters: all.filter((_, i) => visible[i]) };
  });

  app.get<{ Params: IdParams }>(
    '/api/clusters/:clusterId',
    { config: { permission: { resource: 'clusters', action: 'read' } } },
    async (request) => {
      await accessFor(request).require('clusters', 'read', { clusterId: request.params.clusterId });
      return clusters.get(request.params.clusterId);
    },
  );

  app.put<{ Params: IdParams }>(
    '/api/clusters/:clusterId',
    { config: { permission: { resource: 'clusters', action: 'write' } } },
    async (request) => {
      await accessFor(request).require('clusters', 'write', { clusterId: request.params.clusterId });
      return clusters.update(request.params.clusterId, parseInput(updateClusterSchema, request.body, 'cluster update'));
    },
  );

  app.delete<{ Params: IdParams }>(
    '/api/clusters/:clusterId',
    { config: { permission: { resource: 'clusters', action: 'delete' } } },
    async (request, reply) => {
      await accessFor(request).require('clusters', 'delete', { clusterId: request.params.clusterId });
      await clusters.remove(request.params.clusterId);
      return reply.status(204).send();
    },
  );

  app.get<{ Params: IdParams }>(
    '/api/clusters/:clusterId/health',
    { config: { permission: { resource: 'clusters', action: 'read' } } },
    async (request) => {
      await accessFor(request).require('clusters', 'read', { clusterId: request.params.clusterId });
      return clusters.checkHealth(request.params.clusterId);
    },
  );
}
