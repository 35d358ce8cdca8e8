/** `POST /api/clusters/{id}/apply?dryRun=`: multi-document YAML, server-side apply, per object action and diff. */
import {
  applyQuerySchema,
  applyRequestSchema,
  applyResponseSchema,
  clusterParamsSchema,
  SECRETS_READ,
} from '@argus/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { accessFor } from '../../clusters/access.js';
import { applyObjects, planApply } from '../../clusters/apply-service.js';
import type { ClusterModule } from '../../clusters/cluster-module.js';
import { isSecretsResource } from '../../clusters/secret-redaction.js';

export async function applyRoutes(fastify: FastifyInstance, opts: { module: ClusterModule }): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { clusters, discovery } = opts.module;
  app.addContentTypeParser(
    ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'],
    { parseAs: 'string' },
    (_r, body, done) => done(null, body),
  );

  app.post(
    '/api/clusters/:clusterId/apply',
    {
      // Every object's namespace is authorised below, before any is applied.
      config: { permission: { resource: 'resources', action: 'write' }, checksNamespace: true },
      schema: {
        summary: 'Server-side apply of multi-document YAML: per object its action and a diff (?dryRun=true to preview)',
        params: clusterParamsSchema,
        querystring: applyQuerySchema,
        body: applyRequestSchema,
        consumes: ['application/yaml', 'application/json'],
        response: { 200: applyResponseSchema },
      },
    },
    async (request) => {
      const { clusterId } = request.params;
      const q = request.query;
      const body = request.body;
      const text = typeof body === 'string' ? body : body.yaml;
      await clusters.resolve(clusterId);
      const planned = await planApply(discovery, clusterId, text, q.namespace ?? 'default');
      const access = accessFor(request);
      // Every object is authorised before any is applied.
      for (const p of planned) await access.require('resources', 'write', { clusterId, namespace: p.namespace });
      // A Secret's diff would show its live values: only where the caller may read them.
      const secrets = planned.some((p) => isSecretsResource(p.info))
        ? await access.where(clusterId, SECRETS_READ.resource, SECRETS_READ.action)
        : 'all';
      const results = await applyObjects(await clusters.connection(clusterId), planned, {
        dryRun: q.dryRun,
        force: q.force,
        secrets,
      });
      return { dry_run: q.dryRun, results };
    },
  );
}
