import {
  assignmentSchema,
  assignRoleRequestSchema,
  createRoleRequestSchema,
  idParamsSchema,
  roleListResponseSchema,
  roleParamsSchema,
  roleSchema,
  updateRoleRequestSchema,
} from '@argus/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { RolesService } from '../../auth/roles-service.js';
import { noBody } from '../openapi/responses.js';
import { principalOf } from './auth.js';

/** A 204 answer: no body. */
const noContent = noBody();

/** Roles (built-in ones are read-only) and role assignments. */
export async function roleRoutes(fastify: FastifyInstance, deps: { roles: RolesService }): Promise<void> {
  const { roles } = deps;
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const read = { resource: 'roles', action: 'read' };
  const write = { resource: 'roles', action: 'write' };

  app.get(
    '/api/roles',
    { config: { permission: read }, schema: { summary: 'List roles', response: { 200: roleListResponseSchema } } },
    async () => ({ items: await roles.list() }),
  );

  app.post(
    '/api/roles',
    {
      config: { permission: write, auditAction: 'role.create' },
      schema: { summary: 'Create a custom role', body: createRoleRequestSchema, response: { 201: roleSchema } },
    },
    async (request, reply) => {
      reply.status(201);
      return roles.create(request.body);
    },
  );

  app.post(
    '/api/roles/assign',
    {
      config: { permission: write, auditAction: 'role.assign' },
      schema: {
        summary: 'Assign a role to a user, globally or in a cluster or namespace',
        body: assignRoleRequestSchema,
        response: { 201: assignmentSchema },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return roles.assign(request.body, principalOf(request).userId);
    },
  );

  app.delete(
    '/api/roles/assignments/:id',
    {
      config: { permission: write, auditAction: 'role.unassign' },
      schema: { summary: 'Remove a role assignment', params: idParamsSchema, response: { 204: noContent } },
    },
    async (request, reply) => {
      await roles.unassign(request.params.id);
      reply.status(204);
    },
  );

  app.get(
    '/api/roles/:id',
    {
      config: { permission: read },
      schema: { summary: 'One role (by id or name)', params: roleParamsSchema, response: { 200: roleSchema } },
    },
    async (request) => roles.get(request.params.id),
  );

  app.route({
    method: ['PUT', 'PATCH'],
    url: '/api/roles/:id',
    config: { permission: write, auditAction: 'role.update' },
    schema: {
      summary: "Update a custom role's description or permissions (PUT and PATCH alike)",
      params: roleParamsSchema,
      body: updateRoleRequestSchema,
      response: { 200: roleSchema },
    },
    handler: async (request) => roles.update(request.params.id, request.body),
  });

  app.delete(
    '/api/roles/:id',
    {
      config: { permission: { resource: 'roles', action: 'delete' }, auditAction: 'role.delete' },
      schema: { summary: 'Delete a custom role', params: roleParamsSchema, response: { 204: noContent } },
    },
    async (request, reply) => {
      await roles.remove(request.params.id);
      reply.status(204);
    },
  );
}
