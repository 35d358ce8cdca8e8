/** Cluster registry routes: register (connects first), list, get, rename, delete, health. */
import {
  clusterHealthSchema,
  clusterListResponseSchema,
  clusterParamsSchema,
  clusterSchema,
  registerClusterSchema,
  updateClusterSchema,
} from '@argus/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { accessFor } from '../../clusters/access.js';
import type { ClusterModule } from '../../clusters/cluster-module.js';
import { noBody } from '../openapi/responses.js';

/** A 204 answer: no body. */
const noContent = noBody();

export async function clusterRoutes(fastify: FastifyInstance, opts: { module: ClusterModule }): Promise<void> {
  const { clusters } = opts.module;
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/clusters',
    {
      config: { permission: { resource: 'clusters', action: 'write' } },
      schema: {
        summary: 'Register a cluster from a kubeconfig (connects to it first)',
        body: registerClusterSchema,
        response: { 201: clusterSchema },
      },
    },
    async (request, reply) => {
      const access = accessFor(request);
      const view = await clusters.register(request.body, { createdBy: access.principal.userId });
      return reply.status(201).send(view);
    },
  );

  app.get(
    '/api/clusters',
    {
      config: { permission: { resource: 'clusters', action: 'read' } },
      schema: {
        summary: 'The clusters the caller may see (clusters:read or resources:read in them)',
        response: { 200: clusterListResponseSchema },
      },
    },
    async (request) => {
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
    },
  );

  app.get(
    '/api/clusters/:clusterId',
    {
      config: { permission: { resource: 'clusters', action: 'read' } },
      schema: { summary: 'One cluster', params: clusterParamsSchema, response: { 200: clusterSchema } },
    },
    async (request) => {
      await accessFor(request).require('clusters', 'read', { clusterId: request.params.clusterId });
      return clusters.get(request.params.clusterId);
    },
  );

  app.put(
    '/api/clusters/:clusterId',
    {
      config: { permission: { resource: 'clusters', action: 'write' } },
      schema: {
        summary: 'Rename a cluster, or switch impersonation of Argus users on the gateway',
        params: clusterParamsSchema,
        body: updateClusterSchema,
        response: { 200: clusterSchema },
      },
    },
    async (request) => {
      await accessFor(request).require('clusters', 'write', { clusterId: request.params.clusterId });
      return clusters.update(request.params.clusterId, request.body);
    },
  );

  app.delete(
    '/api/clusters/:clusterId',
    {
      config: { permission: { resource: 'clusters', action: 'delete' } },
      schema: { summary: 'Delete a cluster', params: clusterParamsSchema, response: { 204: noContent } },
    },
    async (request, reply) => {
      await accessFor(request).require('clusters', 'delete', { clusterId: request.params.clusterId });
      await clusters.remove(request.params.clusterId);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/clusters/:clusterId/health',
    {
      config: { permission: { resource: 'clusters', action: 'read' } },
      schema: {
        summary: "Check a cluster's connection now",
        params: clusterParamsSchema,
        response: { 200: clusterHealthSchema },
      },
    },
    async (request) => {
      await accessFor(request).require('clusters', 'read', { clusterId: request.params.clusterId });
      return clusters.checkHealth(request.params.clusterId);
    },
  );
}
