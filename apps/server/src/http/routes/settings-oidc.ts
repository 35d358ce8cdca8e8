import {
  AppError,
  idParamsSchema,
  oidcRoleMappingListResponseSchema,
  oidcRoleMappingRequestSchema,
  oidcRoleMappingSchema,
  oidcSettingsSchema,
  oidcTestFailureSchema,
  oidcTestRequestSchema,
  oidcTestResponseSchema,
  updateOidcSettingsRequestSchema,
} from '@argus/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { OidcService } from '../../auth/oidc/oidc-service.js';
import { noBody } from '../openapi/responses.js';

/** A 204 answer: no body. */
const noContent = noBody();

/**
 * OIDC settings (admins: `settings` read/write, a global-only resource). The client secret is write-only:
 * GET says `client_secret_set`. Mappings turn provider groups into role assignments at each login.
 */
export async function settingsOidcRoutes(fastify: FastifyInstance, deps: { oidc: OidcService }): Promise<void> {
  const { settings } = deps.oidc;
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const read = { resource: 'settings', action: 'read' };
  const write = { resource: 'settings', action: 'write' };

  app.get(
    '/api/settings/oidc',
    {
      config: { permission: read },
      schema: { summary: 'The OIDC settings (the client secret is write-only)', response: { 200: oidcSettingsSchema } },
    },
    async () => settings.get(),
  );

  app.put(
    '/api/settings/oidc',
    {
      config: { permission: write, auditAction: 'settings.oidc_update' },
      schema: {
        summary: 'Replace the OIDC settings',
        body: updateOidcSettingsRequestSchema,
        response: { 200: oidcSettingsSchema },
      },
    },
    async (request) => settings.put(request.body),
  );

  app.post(
    '/api/settings/oidc/test',
    {
      config: { permission: write, auditAction: 'settings.oidc_test' },
      schema: {
        summary: "Test discovery of the stored (or the given) provider; a provider's failure answers ok: false",
        body: oidcTestRequestSchema,
        response: {
          200: oidcTestResponseSchema,
          400: oidcTestFailureSchema,
          409: oidcTestFailureSchema,
          502: oidcTestFailureSchema,
        },
      },
    },
    async (request, reply) => {
      try {
        return await deps.oidc.testConnection(request.body);
      } catch (err) {
        if (!(err instanceof AppError) || !err.code.startsWith('OIDC_')) throw err;
        // The test ran and the provider failed it: the error body, with ok: false for the settings page. A
        // provider's fault is 502 here, never 401 (which would mean the admin's own session failed).
        request.log.info({ code: err.code }, 'OIDC connection test failed');
        // OIDC_* codes are 400, 401, 409 or 502 (contracts/errors.ts).
        reply.status((err.status === 401 ? 502 : err.status) as 400 | 409 | 502);
        return { ok: false as const, ...err.toBody() };
      }
    },
  );

  app.get(
    '/api/settings/oidc/mappings',
    {
      config: { permission: read },
      schema: { summary: 'Group → role mappings', response: { 200: oidcRoleMappingListResponseSchema } },
    },
    async () => ({ items: await settings.listMappings() }),
  );

  app.post(
    '/api/settings/oidc/mappings',
    {
      config: { permission: write, auditAction: 'settings.oidc_mapping_create' },
      schema: {
        summary: 'Map a provider group to a role (globally, or in a cluster or namespace)',
        body: oidcRoleMappingRequestSchema,
        response: { 201: oidcRoleMappingSchema },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return settings.createMapping(request.body);
    },
  );

  app.put(
    '/api/settings/oidc/mappings/:id',
    {
      config: { permission: write, auditAction: 'settings.oidc_mapping_update' },
      schema: {
        summary: 'Replace a group mapping',
        params: idParamsSchema,
        body: oidcRoleMappingRequestSchema,
        response: { 200: oidcRoleMappingSchema },
      },
    },
    async (request) => settings.updateMapping(request.params.id, request.body),
  );

  app.delete(
    '/api/settings/oidc/mappings/:id',
    {
      config: { permission: write, auditAction: 'settings.oidc_mapping_delete' },
      schema: { summary: 'Delete a group mapping', params: idParamsSchema, response: { 204: noContent } },
    },
    async (request, reply) => {
      await settings.deleteMapping(request.params.id);
      reply.status(204);
    },
  );
}
