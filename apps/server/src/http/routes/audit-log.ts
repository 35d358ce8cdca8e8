import { auditLogQuerySchema, auditLogResponseSchema } from '@argus/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { queryAuditLog } from '../../audit/audit-query.js';
import type { Database } from '../../db/types.js';

export async function auditLogRoutes(fastify: FastifyInstance, deps: { db: Database }): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/audit-log',
    {
      config: { permission: { resource: 'audit', action: 'read' } },
      schema: {
        summary: 'The audit log, newest first, filtered and paged by cursor',
        querystring: auditLogQuerySchema,
        response: { 200: auditLogResponseSchema },
      },
    },
    async (request) => queryAuditLog(deps.db, request.query),
  );
}
