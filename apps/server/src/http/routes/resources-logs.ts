/** Pod logs and merged workload logs, streamed as text/plain. */
import type { Readable } from 'node:stream';
import {
  AppError,
  clusterParamsSchema,
  kubeNameSchema,
  kubeNamespaceSchema,
  logsQuerySchema,
  workloadLogsQuerySchema,
} from '@argus/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { accessFor } from '../../clusters/access.js';
import type { ClusterModule } from '../../clusters/cluster-module.js';
import { openPodLog } from '../../clusters/pod-logs.js';
import { workloadLogs, workloadSelector } from '../../clusters/workload-logs.js';
import { textResponse } from '../openapi/responses.js';

const podPathSchema = clusterParamsSchema.extend({ namespace: kubeNamespaceSchema, pod: kubeNameSchema });
const logs = { permission: { resource: 'pods', action: 'logs' } } as const;

function sendStream(request: FastifyRequest, reply: FastifyReply, body: Readable, close: () => void) {
  request.raw.once('close', close);
  reply.header('Content-Type', 'text/plain; charset=utf-8');
  reply.header('Cache-Control', 'no-cache');
  reply.header('X-Content-Type-Options', 'nosniff');
  return reply.send(body);
}

export async function logRoutes(fastify: FastifyInstance, opts: { module: ClusterModule }): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { clusters } = opts.module;

  app.get(
    '/api/clusters/:clusterId/namespaces/:namespace/pods/:pod/logs',
    {
      config: logs,
      schema: {
        summary: "A pod's log as text/plain; with follow=true it streams until the container stops",
        params: podPathSchema,
        querystring: logsQuerySchema,
        response: { 200: textResponse('The log lines (streamed with follow=true)') },
      },
    },
    async (request, reply) => {
      const { clusterId, namespace, pod } = request.params;
      await accessFor(request).require('pods', 'logs', { clusterId, namespace });
      const q = request.query;
      const log = await openPodLog(await clusters.connection(clusterId), namespace, pod, q);
      return sendStream(request, reply, log.body, log.close);
    },
  );

  app.get(
    '/api/clusters/:clusterId/logs',
    {
      config: logs,
      schema: {
        summary:
          "The merged logs of a workload's pods (workload=kind/name or labelSelector=), each line prefixed [pod/container]",
        description:
          'Exactly one of workload and labelSelector (400 otherwise). With follow=true, pods that start later are followed too.',
        params: clusterParamsSchema,
        querystring: workloadLogsQuerySchema,
        response: { 200: textResponse('The log lines, each prefixed [pod/container] (streamed with follow=true)') },
      },
    },
    async (request, reply) => {
      const { clusterId } = request.params;
      const q = request.query;
      await accessFor(request).require('pods', 'logs', { clusterId, namespace: q.namespace });
      if (!q.workload === !q.labelSelector)
        throw new AppError('VALIDATION_FAILED', 'Give exactly one of workload=kind/name or labelSelector=');
      await clusters.resolve(clusterId);
      const conn = await clusters.connection(clusterId);
      const selector = q.workload ? await workloadSelector(conn, q.namespace, q.workload) : q.labelSelector!;
      const merged = await workloadLogs(
        { conn, caches: opts.module.caches, discovery: opts.module.discovery, clusterId, logger: opts.module.logger },
        q.namespace,
        selector,
        q,
      );
      return sendStream(request, reply, merged.stream, merged.close);
    },
  );
}
