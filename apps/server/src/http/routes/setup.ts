import { parseInput, type SetupStatusResponse, setupInitRequestSchema } from '@argus/contracts';
import type { FastifyInstance } from 'fastify';
import type { SetupService } from '../../auth/setup-service.js';
import { setAuditIdentity } from '../middleware/audit.js';

export async function setupRoutes(app: FastifyInstance, deps: { setup: SetupService }): Promise<void> {
  app.get(
    '/api/setup/status',
    { config: { permission: 'public' } },
    async (): Promise<SetupStatusResponse> => ({
      completed: await deps.setup.isCompleted(),
    }),
  );

  app.post(
    '/api/setup/init',
    { config: { permission: 'public', auditAction: 'setup.init' } },
    async (request, reply) => {
      const input = parseInput(setupInitRequestSchema, request.body, 'setup request');
      const created = await deps.setup.init(input, { userAgent: request.headers['user-agent'], ip: request.ip });
      setAuditIdentity(request, created.id, created.email);
      reply.status(201);
      return created;
    },
  );
}
