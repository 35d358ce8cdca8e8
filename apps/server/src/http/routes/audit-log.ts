import { auditLogQuerySchema, parseInput } from '@argus/contracts';
import type { FastifyInstance } from 'fastify';
import { queryAuditLog } from '../../audit/audit-query.js';
import type { Database } from '../../db/types.js';

export async function auditLogRoutes(app: FastifyInstance, deps: { db: Database }): Promise<void> {
  app.get('/api/audit-log', { config: { permission: { resource: 'audit', action: 'read' } } }, async (request) =>
    queryAuditLog(deps.db, parseInput(auditLogQuerySchema, request.query, 'audit log query')),
  );
}
