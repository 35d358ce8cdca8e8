import {
  createUserRequestSchema,
  idParamsSchema,
  updateUserRequestSchema,
  userListResponseSchema,
  userSchema,
} from '@argus/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { UsersService } from '../../auth/users-service.js';
import { noBody } from '../openapi/responses.js';
import { principalOf } from './auth.js';

/** A 204 answer: no body. */
const noContent = noBody();

/** Local user administration (admin only through the users:* permissions). */
export async function userRoutes(fastify: FastifyInstance, deps: { users: UsersService }): Promise<void> {
  const { users } = deps;
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const read = { resource: 'users', action: 'read' };
  const write = { resource: 'users', action: 'write' };

  app.get(
    '/api/users',
    { config: { permission: read }, schema: { summary: 'List users', response: { 200: userListResponseSchema } } },
    async () => ({ items: await users.list() }),
  );

  app.post(
    '/api/users',
    {
      config: { permission: write, auditAction: 'user.create' },
      schema: {
        summary: 'Create a local user (optionally with a global role)',
        body: createUserRequestSchema,
        response: { 201: userSchema },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return users.create(request.body, principalOf(request).userId);
    },
  );

  app.get(
    '/api/users/:id',
    {
      config: { permission: read },
      schema: { summary: 'One user', params: idParamsSchema, response: { 200: userSchema } },
    },
    async (request) => users.get(request.params.id),
  );

  app.route({
    method: ['PUT', 'PATCH'],
    url: '/api/users/:id',
    config: { permission: write, auditAction: 'user.update' },
    schema: {
      summary: 'Update a user: email, name, password, is_active (PUT and PATCH alike)',
      params: idParamsSchema,
      body: updateUserRequestSchema,
      response: { 200: userSchema },
    },
    handler: async (request) => users.update(request.params.id, request.body),
  });

  app.delete(
    '/api/users/:id',
    {
      config: { permission: { resource: 'users', action: 'delete' }, auditAction: 'user.delete' },
      schema: { summary: 'Delete a user', params: idParamsSchema, response: { 204: noContent } },
    },
    async (request, reply) => {
      await users.remove(request.params.id);
      reply.status(204);
    },
  );
}
