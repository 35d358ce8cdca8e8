/** Pod logs and merged workload logs, streamed as text/plain. */
import type { Readable } from 'node:stream';
import {
  AppError,
  kubeNameSchema,
  kubeNamespaceSchema,
  logsQuerySchema,
  parseInput,
  workloadLogsQuerySchema,
} from '@argus/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { accessFor } from '../../clusters/access.js';
import type { ClusterModule } from '../../clusters/cluster-module.js';
import { openPodLog } from '../../clusters/pod-logs.js';
import { workloadLogs, workloadSelector } from '../../clusters/workload-logs.js';

const podPathSchema = z.object({ namespace: kubeNamespaceSchema, pod: kubeNameSchema });
const logs = { permission: { resource: 'pods', action: 'logs' } } as const;

function sendStream(request: FastifyRequest, reply: FastifyReply, body: Readable, close: () => void) {
  request.raw.once('close', close);
  reply.header('Content-Type', 'text/plain; charset=utf-8');
  reply.header('Cache-Control', 'no-cache');
  reply.header('X-Content-Type-Options', 'nosniff');
  return reply.send(body);
}

export async function logRoutes(app: FastifyInstance, opts: { module: ClusterModule }): Promise<void> {
  const { clusters } = opts.module;

  app.get<{ Params: { clusterId: string; namespace: string; pod: string } }>(
    '/api/clusters/:clusterId/namespaces/:namespace/pods/:pod/logs',
    { config: logs },
    async (request, reply) => {
      const { clusterId } = request.params;
      const { namespace, pod } = parseInput(podPathSchema, request.params, 'path');
      await accessFor(request).require('pods', 'logs', { clusterId, namespace });
      const q = parseInput(logsQuerySchema, request.query, 'query');
      const log = await openPodLog(await clusters.connection(clusterId), namespace, pod, q);
      return sendStream(request, reply, log.body, log.close);
    },
  );

  app.get<{ Params: { clusterId: string } }>(
    '/api/clusters/:clusterId/logs',
    { config: logs },
    async (request, reply) => {
      const { clusterId } = request.params;
      const q = parseInput(workloadLogsQuerySchema, request.query, 'query');
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
