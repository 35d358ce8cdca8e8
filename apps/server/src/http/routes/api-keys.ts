import {
  apiKeyListResponseSchema,
  createApiKeyRequestSchema,
  createdApiKeySchema,
  idParamsSchema,
} from '@argus/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ApiKeyService } from '../../auth/api-keys.js';
import { noBody } from '../openapi/responses.js';
import { principalOf } from './auth.js';

/** A 204 answer: no body. */
const noContent = noBody();

/** A user's own API keys. The key is in the 201 body only; afterwards only its prefix is shown. */
export async function apiKeyRoutes(fastify: FastifyInstance, deps: { apiKeys: ApiKeyService }): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/auth/api-keys',
    {
      config: { permission: 'authenticated', auditAction: 'api_key.create' },
      schema: {
        summary: 'Create an API key for the caller (the key is shown in this answer only)',
        body: createApiKeyRequestSchema,
        response: { 201: createdApiKeySchema },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return deps.apiKeys.create(principalOf(request).userId, request.body);
    },
  );

  app.get(
    '/api/auth/api-keys',
    {
      config: { permission: 'authenticated' },
      schema: { summary: "The caller's API keys", response: { 200: apiKeyListResponseSchema } },
    },
    async (request) => ({ items: await deps.apiKeys.list(principalOf(request).userId) }),
  );

  app.delete(
    '/api/auth/api-keys/:id',
    {
      config: { permission: 'authenticated', auditAction: 'api_key.revoke' },
      schema: { summary: "Revoke one of the caller's API keys", params: idParamsSchema, response: { 204: noContent } },
    },
    async (request, reply) => {
      await deps.apiKeys.revoke(principalOf(request).userId, request.params.id);
      reply.status(204);
    },
  );
}
