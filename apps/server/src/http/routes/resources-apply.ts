/** `POST /api/clusters/{id}/apply?dryRun=`: multi-document YAML, server-side apply, per object action and diff. */
import { AppError, applyQuerySchema, parseInput, SECRETS_READ } from '@argus/contracts';
import type { FastifyInstance } from 'fastify';
import { accessFor } from '../../clusters/access.js';
import { applyObjects, planApply } from '../../clusters/apply-service.js';
import type { ClusterModule } from '../../clusters/cluster-module.js';
import { isSecretsResource } from '../../clusters/secret-redaction.js';

export async function applyRoutes(app: FastifyInstance, opts: { module: ClusterModule }): Promise<void> {
  const { clusters, discovery } = opts.module;
  app.addContentTypeParser(
    ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'],
    { parseAs: 'string' },
    (_r, body, done) => done(null, body),
  );

  app.post<{ Params: { clusterId: string }; Querystring: Record<string, string> }>(
    '/api/clusters/:clusterId/apply',
    // Every object's namespace is authorised below, before any is applied.
    { config: { permission: { resource: 'resources', action: 'write' }, checksNamespace: true } },
    async (request) => {
      const { clusterId } = request.params;
      const q = parseInput(applyQuerySchema, request.query, 'query');
      const body = request.body as unknown;
      const text =
        typeof body === 'string'
          ? body
          : typeof (body as { yaml?: unknown })?.yaml === 'string'
            ? (body as { yaml: string }).yaml
            : undefined;
      if (text === undefined)
        throw new AppError('VALIDATION_FAILED', 'Send YAML (Content-Type: application/yaml) or {"yaml": "…"}');
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
