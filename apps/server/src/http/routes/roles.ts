import {
  assignRoleRequestSchema,
  createRoleRequestSchema,
  idSchema,
  parseInput,
  updateRoleRequestSchema,
} from '@argus/contracts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { RolesService } from '../../auth/roles-service.js';
import { principalOf } from './auth.js';

const roleParams = z.object({ id: z.string().min(1).max(100) });
const assignmentParams = z.object({ id: idSchema });

/** Roles (built-in ones are read-only) and role assignments. */
export async function roleRoutes(app: FastifyInstance, deps: { roles: RolesService }): Promise<void> {
  const { roles } = deps;
  const read = { resource: 'roles', action: 'read' };
  const write = { resource: 'roles', action: 'write' };

  app.get('/api/roles', { config: { permission: read } }, async () => ({ items: await roles.list() }));

  app.post('/api/roles', { config: { permission: write, auditAction: 'role.create' } }, async (request, reply) => {
    const input = parseInput(createRoleRequestSchema, request.body, 'role');
    reply.status(201);
    return roles.create(input);
  });

  app.post(
    '/api/roles/assign',
    { config: { permission: write, auditAction: 'role.assign' } },
    async (request, reply) => {
      const input = parseInput(assignRoleRequestSchema, request.body, 'role assignment');
      reply.status(201);
      return roles.assign(input, principalOf(request).userId);
    },
  );

  app.delete(
    '/api/roles/assignments/:id',
    { config: { permission: write, auditAction: 'role.unassign' } },
    async (request, reply) => {
      await roles.unassign(parseInput(assignmentParams, request.params, 'path').id);
      reply.status(204);
    },
  );

  app.get('/api/roles/:id', { config: { permission: read } }, async (request) =>
    roles.get(parseInput(roleParams, request.params, 'path').id),
  );

  const update = async (request: { params: unknown; body: unknown }) =>
    roles.update(
      parseInput(roleParams, request.params, 'path').id,
      parseInput(updateRoleRequestSchema, request.body, 'role update'),
    );
  app.put('/api/roles/:id', { config: { permission: write, auditAction: 'role.update' } }, update);
  app.patch('/api/roles/:id', { config: { permission: write, auditAction: 'role.update' } }, update);

  app.delete(
    '/api/roles/:id',
    { config: { permission: { resource: 'roles', action: 'delete' }, auditAction: 'role.delete' } },
    async (request, reply) => {
      await roles.remove(parseInput(roleParams, request.params, 'path').id);
      reply.status(204);
    },
  );
}
