/**
 * Operations on one object (issue 23 item 8): describe, revisions, rollback, scale, restart, trigger, node
 * cordon/uncordon/drain, and top. Thin: the work is the operations service's, whose writes go through the
 * kubectl gateway as the caller. Same RBAC and namespace handling as the object routes (resources.ts).
 */
import {
  clusterParamsSchema,
  cordonResponseSchema,
  describeResponseSchema,
  drainBlockedSchema,
  drainRequestSchema,
  drainResponseSchema,
  emptyBodySchema,
  errorBodySchema,
  kubeNameSchema,
  nodeTopResponseSchema,
  operationQuerySchema,
  podTopQuerySchema,
  podTopResponseSchema,
  resourcePathSchema,
  restartResponseSchema,
  revisionsResponseSchema,
  rollbackRequestSchema,
  rollbackResponseSchema,
  scaleRequestSchema,
  scaleResponseSchema,
  triggerResponseSchema,
} from '@argus/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { accessFor } from '../../clusters/access.js';
import type { ClusterModule } from '../../clusters/cluster-module.js';
import { DrainBlockedError } from '../../operations/drain.js';
import type { OperationsService, Target } from '../../operations/operations-service.js';

const BASE = '/api/clusters/:clusterId/resources/:group/:version/:resource/:name';
const NODE = '/api/clusters/:clusterId/resources/core/v1/nodes/:name';
const read = { permission: { resource: 'resources', action: 'read' } } as const;
// `?namespace=` names the object's namespace: the handler authorises exactly that one.
const write = { permission: { resource: 'resources', action: 'write' }, checksNamespace: true } as const;
// Nodes are cluster-scoped: cordon and drain need the permission on the whole cluster.
const clusterWrite = { permission: { resource: 'resources', action: 'write' } } as const;

const objectParams = resourcePathSchema
  .omit({ name: true })
  .extend(clusterParamsSchema.shape)
  .extend({ name: kubeNameSchema });
const nodeParams = clusterParamsSchema.extend({ name: kubeNameSchema });

export async function operationRoutes(
  fastify: FastifyInstance,
  opts: { module: ClusterModule; operations: OperationsService },
): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { clusters, resources } = opts.module;
  const ops = opts.operations;

  /** The object, once the caller may `action` where it lives (its namespace, or the cluster). */
  async function target(
    request: FastifyRequest,
    p: { clusterId: string; group: string; version: string; resource: string; name: string },
    action: 'read' | 'write',
    namespace: string | undefined,
  ): Promise<Target> {
    await clusters.resolve(p.clusterId);
    const info = await resources.info(p.clusterId, p.group, p.version, p.resource);
    const resource = action === 'read' && info.resource === 'events' && info.group === '' ? 'events' : 'resources';
    await accessFor(request).require(resource, action, {
      clusterId: p.clusterId,
      namespace: info.namespaced ? namespace : undefined,
    });
    return { clusterId: p.clusterId, info, namespace: info.namespaced ? namespace : undefined, name: p.name };
  }
  async function clusterWide(request: FastifyRequest, clusterId: string, action: 'read' | 'write') {
    await clusters.resolve(clusterId);
    await accessFor(request).require('resources', action, { clusterId });
  }

  app.get(
    `${BASE}/describe`,
    {
      config: read,
      schema: {
        summary: 'kubectl-describe-like text of one object: fields, conditions, events (Secrets: key sizes only)',
        params: objectParams,
        querystring: operationQuerySchema,
        response: { 200: describeResponseSchema },
      },
    },
    async (request) => {
      const t = await target(request, request.params, 'read', request.query.namespace);
      const withEvents = await accessFor(request).can('events', 'read', {
        clusterId: t.clusterId,
        ...(t.namespace ? { namespace: t.namespace } : {}),
      });
      return ops.describe(t, withEvents);
    },
  );

  app.get(
    `${BASE}/revisions`,
    {
      config: read,
      schema: {
        summary: 'Revision history of a Deployment (ReplicaSets), StatefulSet or DaemonSet (ControllerRevisions)',
        params: objectParams,
        querystring: operationQuerySchema,
        response: { 200: revisionsResponseSchema },
      },
    },
    async (request) => ops.revisions(await target(request, request.params, 'read', request.query.namespace)),
  );

  app.post(
    `${BASE}/rollback`,
    {
      config: write,
      schema: {
        summary: 'Roll back to a revision (default: the previous one), like kubectl rollout undo --to-revision',
        params: objectParams,
        querystring: operationQuerySchema,
        body: rollbackRequestSchema,
        response: { 200: rollbackResponseSchema },
      },
    },
    async (request) => {
      const t = await target(request, request.params, 'write', request.query.namespace);
      return ops.rollback(accessFor(request).principal, t, request.body?.revision);
    },
  );

  app.post(
    `${BASE}/scale`,
    {
      config: write,
      schema: {
        summary: 'Set the replicas through the scale subresource',
        params: objectParams,
        querystring: operationQuerySchema,
        body: scaleRequestSchema,
        response: { 200: scaleResponseSchema },
      },
    },
    async (request) => {
      const t = await target(request, request.params, 'write', request.query.namespace);
      return ops.scale(accessFor(request).principal, t, request.body.replicas);
    },
  );

  app.post(
    `${BASE}/restart`,
    {
      config: write,
      schema: {
        summary: 'Rolling restart of a Deployment, StatefulSet or DaemonSet (kubectl rollout restart)',
        params: objectParams,
        querystring: operationQuerySchema,
        body: emptyBodySchema,
        response: { 200: restartResponseSchema },
      },
    },
    async (request) => {
      const t = await target(request, request.params, 'write', request.query.namespace);
      return ops.restart(accessFor(request).principal, t);
    },
  );

  app.post(
    `${BASE}/trigger`,
    {
      config: write,
      schema: {
        summary: 'Run a CronJob now: a Job from its template (kubectl create job --from=cronjob/…)',
        params: objectParams,
        querystring: operationQuerySchema,
        body: emptyBodySchema,
        response: { 200: triggerResponseSchema },
      },
    },
    async (request) => {
      const t = await target(request, request.params, 'write', request.query.namespace);
      return ops.trigger(accessFor(request).principal, t);
    },
  );

  for (const [verb, unschedulable] of [
    ['cordon', true],
    ['uncordon', false],
  ] as const) {
    app.post(
      `${NODE}/${verb}`,
      {
        config: clusterWrite,
        schema: {
          summary: unschedulable ? 'Mark a node unschedulable' : 'Mark a node schedulable again',
          params: nodeParams,
          body: emptyBodySchema,
          response: { 200: cordonResponseSchema },
        },
      },
      async (request) => {
        const { clusterId, name } = request.params;
        await clusterWide(request, clusterId, 'write');
        return ops.cordon(accessFor(request).principal, clusterId, name, unschedulable);
      },
    );
  }

  app.post(
    `${NODE}/drain`,
    {
      config: clusterWrite,
      schema: {
        summary: 'Cordon a node and evict its pods through policy/v1 Eviction, respecting PodDisruptionBudgets',
        description:
          'Retries evictions a PodDisruptionBudget refuses (429) until timeout_seconds; then 409 DRAIN_BLOCKED ' +
          'with the pods left and why. The node stays cordoned either way.',
        params: nodeParams,
        body: drainRequestSchema,
        response: { 200: drainResponseSchema, 409: drainBlockedSchema },
      },
    },
    async (request, reply) => {
      const { clusterId, name } = request.params;
      await clusterWide(request, clusterId, 'write');
      try {
        const b = request.body ?? {};
        return await ops.drain(accessFor(request).principal, clusterId, name, {
          grace_period_seconds: b.grace_period_seconds,
          timeout_seconds: b.timeout_seconds ?? 60,
          ignore_daemonsets: b.ignore_daemonsets ?? true,
          delete_emptydir_data: b.delete_emptydir_data ?? false,
          force: b.force ?? false,
        });
      } catch (err) {
        if (!(err instanceof DrainBlockedError)) throw err;
        return reply.status(409).send({
          error: { code: err.code, message: err.message },
          blocked: err.blocked,
        });
      }
    },
  );

  app.get(
    '/api/clusters/:clusterId/top/pods',
    {
      config: read,
      schema: {
        summary: "Pods' CPU and memory usage (metrics.k8s.io) with requests and limits; yours only",
        description: 'available=false with a reason when the cluster serves no metrics.k8s.io (not an error).',
        params: clusterParamsSchema,
        querystring: podTopQuerySchema,
        response: { 200: podTopResponseSchema },
      },
    },
    async (request) => {
      const { clusterId } = request.params;
      await clusters.resolve(clusterId);
      const q = request.query;
      const allowed = await accessFor(request).namespaces(clusterId, 'resources', 'read', q.namespace);
      return ops.topPods(clusterId, allowed, q.namespace, { containers: q.containers ?? true });
    },
  );

  app.get(
    '/api/clusters/:clusterId/top/nodes',
    {
      config: read,
      schema: {
        summary: "Nodes' CPU and memory usage (metrics.k8s.io) with allocatable and capacity",
        description: 'available=false with a reason when the cluster serves no metrics.k8s.io (not an error).',
        params: clusterParamsSchema,
        response: { 200: nodeTopResponseSchema, 403: errorBodySchema },
      },
    },
    async (request) => {
      const { clusterId } = request.params;
      await clusterWide(request, clusterId, 'read');
      return ops.topNodes(clusterId);
    },
  );
}
