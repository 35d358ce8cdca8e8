import { setupInitRequestSchema, setupInitResponseSchema, setupStatusResponseSchema } from '@argus/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { SetupService } from '../../auth/setup-service.js';
import { setAuditIdentity } from '../middleware/audit.js';

export async function setupRoutes(fastify: FastifyInstance, deps: { setup: SetupService }): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/setup/status',
    {
      config: { permission: 'public' },
      schema: { summary: 'Whether the first admin exists', response: { 200: setupStatusResponseSchema } },
    },
    async () => ({ completed: await deps.setup.isCompleted() }),
  );

  app.post(
    '/api/setup/init',
    {
      config: { permission: 'public', auditAction: 'setup.init' },
      schema: {
        summary: 'Create the first admin (once); answers its tokens',
        body: setupInitRequestSchema,
        response: { 201: setupInitResponseSchema },
      },
    },
    async (request, reply) => {
      const created = await deps.setup.init(request.body, {
        userAgent: request.headers['user-agent'],
        ip: request.ip,
      });
      setAuditIdentity(request, created.id, created.email);
      return reply.status(201).send(created);
    },
  );
}
