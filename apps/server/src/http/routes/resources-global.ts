/** Across clusters: merged lists (`/api/resources/…?clusters=`) and search by name (`/api/search?q=`). */
import { crossClusterQuerySchema, parseInput, resourcePathSchema, searchQuerySchema } from '@argus/contracts';
import type { FastifyInstance } from 'fastify';
import { accessFor } from '../../clusters/access.js';
import type { ClusterModule } from '../../clusters/cluster-module.js';
import { listAcross, search } from '../../clusters/fleet.js';

const read = { permission: { resource: 'resources', action: 'read' } } as const;

export async function globalResourceRoutes(app: FastifyInstance, opts: { module: ClusterModule }): Promise<void> {
  app.get('/api/resources/:group/:version/:resource', { config: read }, async (request) => {
    const p = parseInput(resourcePathSchema, request.params, 'path');
    const q = parseInput(crossClusterQuerySchema, request.query, 'query');
    return listAcross(opts.module.fleet, accessFor(request), p, q);
  });

  app.get('/api/search', { config: read }, async (request) => {
    const q = parseInput(searchQuerySchema, request.query, 'query');
    return search(opts.module.fleet, accessFor(request), q);
  });
}
