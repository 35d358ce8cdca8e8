import { createApiKeyRequestSchema, idSchema, parseInput } from '@argus/contracts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ApiKeyService } from '../../auth/api-keys.js';
import { principalOf } from './auth.js';

const idParams = z.object({ id: idSchema });

/** A user's own API keys. The key is in the 201 body only; afterwards only its prefix is shown. */
export async function apiKeyRoutes(app: FastifyInstance, deps: { apiKeys: ApiKeyService }): Promise<void> {
  app.post(
    '/api/auth/api-keys',
    { config: { permission: 'authenticated', auditAction: 'api_key.create' } },
    async (request, reply) => {
      const input = parseInput(createApiKeyRequestSchema, request.body, 'API key');
      reply.status(201);
      return deps.apiKeys.create(principalOf(request).userId, input);
    },
  );

  app.get('/api/auth/api-keys', { config: { permission: 'authenticated' } }, async (request) => ({
    items: await deps.apiKeys.list(principalOf(request).userId),
  }));

  app.delete(
    '/api/auth/api-keys/:id',
    { config: { permission: 'authenticated', auditAction: 'api_key.revoke' } },
    async (request, reply) => {
      const { id } = parseInput(idParams, request.params, 'path');
      await deps.apiKeys.revoke(principalOf(request).userId, id);
      reply.status(204);
    },
  );
}
