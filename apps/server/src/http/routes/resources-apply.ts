/** `POST /api/clusters/{id}/apply?dryRun=`: multi-document YAML, server-side apply, per object action and diff. */
import { AppError, applyQuerySchema, parseInput } from '@argus/contracts';
import type { FastifyInstance } from 'fastify';
import { accessFor } from '../../clusters/access.js';
import { applyObjects, planApply } from '../../clusters/apply-service.js';
import type { ClusterModule } from '../../clusters/cluster-module.js';

export async function applyRoutes(app: FastifyInstance, opts: { module: ClusterModule }): Promise<void> {
  const { clusters, discovery } = opts.module;
  app.addContentTypeParser(
    ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'],
    { parseAs: 'string' },
    (_r, body, done) => done(null, body),
  );

  app.post<{ Params: { clusterId: string }; Querystring: Record<string, string> }>(
    '/api/clusters/:clusterId/apply',
    { config: { permission: { resource: 'resources', action: 'write' } } },
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
      const planned = await planApply(
        discovery,
        clusterId,
        text,
        (request.query as { namespace?: string }).namespace ?? 'default',
      );
      const access = accessFor(request);
      // Every object is authorised before any is applied.
      for (const p of planned) await access.require('resources', 'write', { clusterId, namespace: p.namespace });
      const results = await applyObjects(await clusters.connection(clusterId), planned, {
        dryRun: q.dryRun,
        force: q.force,
      });
      return { dry_run: q.dryRun, results };
    },
  );
}
