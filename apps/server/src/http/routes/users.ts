import { createUserRequestSchema, idSchema, parseInput, updateUserRequestSchema } from '@argus/contracts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { UsersService } from '../../auth/users-service.js';
import { principalOf } from './auth.js';

const idParams = z.object({ id: idSchema });

/** Local user administration (admin only through the users:* permissions). */
export async function userRoutes(app: FastifyInstance, deps: { users: UsersService }): Promise<void> {
  const { users } = deps;
  const read = { resource: 'users', action: 'read' };
  const write = { resource: 'users', action: 'write' };

  app.get('/api/users', { config: { permission: read } }, async () => ({ items: await users.list() }));

  app.post('/api/users', { config: { permission: write, auditAction: 'user.create' } }, async (request, reply) => {
    const input = parseInput(createUserRequestSchema, request.body, 'user');
    reply.status(201);
    return users.create(input, principalOf(request).userId);
  });

  app.get('/api/users/:id', { config: { permission: read } }, async (request) =>
    users.get(parseInput(idParams, request.params, 'path').id),
  );

  const update = async (request: { params: unknown; body: unknown }) =>
    users.update(
      parseInput(idParams, request.params, 'path').id,
      parseInput(updateUserRequestSchema, request.body, 'user update'),
    );
  app.put('/api/users/:id', { config: { permission: write, auditAction: 'user.update' } }, update);
  app.patch('/api/users/:id', { config: { permission: write, auditAction: 'user.update' } }, update);

  app.delete(
    '/api/users/:id',
    { config: { permission: { resource: 'users', action: 'delete' }, auditAction: 'user.delete' } },
    async (request, reply) => {
      await users.remove(parseInput(idParams, request.params, 'path').id);
      reply.status(204);
    },
  );
}
