/** Across clusters: merged lists (`/api/resources/…?clusters=`) and search by name (`/api/search?q=`). */
import {
  type CrossClusterList,
  crossClusterListSchema,
  crossClusterQuerySchema,
  resourcePathSchema,
  searchQuerySchema,
  searchResponseSchema,
} from '@argus/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { accessFor } from '../../clusters/access.js';
import type { ClusterModule } from '../../clusters/cluster-module.js';
import { listAcrossJson, search } from '../../clusters/fleet.js';

const read = { permission: { resource: 'resources', action: 'read' } } as const;

export async function globalResourceRoutes(fastify: FastifyInstance, opts: { module: ClusterModule }): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/resources/:group/:version/:resource',
    {
      config: read,
      schema: {
        summary: 'One kind across clusters (?clusters=a,b or all): objects tagged by cluster, per-cluster errors',
        params: resourcePathSchema.omit({ name: true }),
        querystring: crossClusterQuerySchema,
        response: { 200: crossClusterListSchema },
      },
    },
    // Each item is a listed object (apiVersion and kind always set) tagged with its cluster.
    // Sent as the JSON listAcrossJson assembles from the caches' stored JSON (nothing parsed per request).
    async (request, reply) => {
      const json = await listAcrossJson(opts.module.fleet, accessFor(request), request.params, request.query, (ok) => {
        // Clusters answered from the watch cache while unreachable (docs/api.md, "Stale answers").
        const stale = ok.flatMap((cluster) => {
          const mark = opts.module.staleness.of(cluster.id);
          return mark ? [{ cluster, since: mark.since, last_contact: mark.last_contact }] : [];
        });
        return stale.length ? { stale } : {};
      });
      return reply.type('application/json; charset=utf-8').send(json as unknown as CrossClusterList);
    },
  );

  app.get(
    '/api/search',
    {
      config: read,
      schema: {
        summary: 'Search objects by name across clusters (from the watch caches)',
        querystring: searchQuerySchema,
        response: { 200: searchResponseSchema },
      },
    },
    async (request) => search(opts.module.fleet, accessFor(request), request.query),
  );
}
