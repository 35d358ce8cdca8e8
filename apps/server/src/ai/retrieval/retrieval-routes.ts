import {
  createRunbookRequestSchema,
  idParamsSchema,
  knowledgeSearchQuerySchema,
  knowledgeSearchResponseSchema,
  runbookListSchema,
  runbookSchema,
} from '@argus/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { noBody } from '../../http/openapi/responses.js';
import { principalOf } from '../../http/routes/auth.js';
import type { ScopedRetrieval } from './scoped-search.js';

/**
 * Runbooks (admins: `settings` read/write) and knowledge search (any signed-in user; CRD schemas only of the
 * clusters the caller may read).
 */
export async function retrievalRoutes(fastify: FastifyInstance, deps: { retrieval: ScopedRetrieval }): Promise<void> {
  const { retrieval } = deps;
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const read = { resource: 'settings', action: 'read' };
  const write = { resource: 'settings', action: 'write' };

  app.get(
    '/api/ai/runbooks',
    {
      config: { permission: read },
      schema: { summary: 'Runbooks the assistant searches (admin)', response: { 200: runbookListSchema } },
    },
    async () => ({ items: await retrieval.runbooks.list() }),
  );

  app.post(
    '/api/ai/runbooks',
    {
      config: { permission: write, auditAction: 'ai.runbook_create' },
      schema: {
        summary: 'Upload a Markdown runbook (credentials are redacted; indexed by heading)',
        body: createRunbookRequestSchema,
        response: { 201: runbookSchema },
      },
    },
    async (request, reply) => {
      const runbook = await retrieval.runbooks.create(request.body, principalOf(request).userId);
      reply.status(201);
      return runbook;
    },
  );

  app.delete(
    '/api/ai/runbooks/:id',
    {
      config: { permission: write, auditAction: 'ai.runbook_delete' },
      schema: { summary: 'Delete a runbook and its index', params: idParamsSchema, response: { 204: noBody() } },
    },
    async (request, reply) => {
      await retrieval.runbooks.remove(request.params.id);
      reply.status(204);
    },
  );

  app.get(
    '/api/ai/knowledge/search',
    {
      config: { permission: 'authenticated' },
      schema: {
        summary: 'Search the knowledge base, runbooks and the CRD schemas of clusters the caller may read',
        querystring: knowledgeSearchQuerySchema,
        response: { 200: knowledgeSearchResponseSchema },
      },
    },
    async (request) => {
      const { q, limit, mode } = request.query;
      return retrieval.searchFor(principalOf(request), q, { limit, mode });
    },
  );
}
