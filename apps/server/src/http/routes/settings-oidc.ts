import {
  AppError,
  idSchema,
  oidcRoleMappingRequestSchema,
  oidcTestRequestSchema,
  parseInput,
  updateOidcSettingsRequestSchema,
} from '@argus/contracts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { OidcService } from '../../auth/oidc/oidc-service.js';

const mappingParams = z.object({ id: idSchema });

/**
 * OIDC settings (admins: `settings` read/write, a global-only resource). The client secret is write-only:
 * GET says `client_secret_set`. Mappings turn provider groups into role assignments at each login.
 */
export async function settingsOidcRoutes(app: FastifyInstance, deps: { oidc: OidcService }): Promise<void> {
  const { settings } = deps.oidc;
  const read = { resource: 'settings', action: 'read' };
  const write = { resource: 'settings', action: 'write' };

  app.get('/api/settings/oidc', { config: { permission: read } }, async () => settings.get());

  app.put(
    '/api/settings/oidc',
    { config: { permission: write, auditAction: 'settings.oidc_update' } },
    async (request) => settings.put(parseInput(updateOidcSettingsRequestSchema, request.body, 'OIDC settings')),
  );

  app.post(
    '/api/settings/oidc/test',
    { config: { permission: write, auditAction: 'settings.oidc_test' } },
    async (request, reply) => {
      const input = parseInput(oidcTestRequestSchema, request.body ?? undefined, 'OIDC connection test');
      try {
        return await deps.oidc.testConnection(input);
      } catch (err) {
        if (!(err instanceof AppError) || !err.code.startsWith('OIDC_')) throw err;
        // The test ran and the provider failed it: the error body, with ok: false for the settings page. A
        // provider's fault is 502 here, never 401 (which would mean the admin's own session failed).
        request.log.info({ code: err.code }, 'OIDC connection test failed');
        reply.status(err.status === 401 ? 502 : err.status);
        return { ok: false, ...err.toBody() };
      }
    },
  );

  app.get('/api/settings/oidc/mappings', { config: { permission: read } }, async () => ({
    items: await settings.listMappings(),
  }));

  app.post(
    '/api/settings/oidc/mappings',
    { config: { permission: write, auditAction: 'settings.oidc_mapping_create' } },
    async (request, reply) => {
      const input = parseInput(oidcRoleMappingRequestSchema, request.body, 'group mapping');
      reply.status(201);
      return settings.createMapping(input);
    },
  );

  app.put(
    '/api/settings/oidc/mappings/:id',
    { config: { permission: write, auditAction: 'settings.oidc_mapping_update' } },
    async (request) =>
      settings.updateMapping(
        parseInput(mappingParams, request.params, 'path').id,
        parseInput(oidcRoleMappingRequestSchema, request.body, 'group mapping'),
      ),
  );

  app.delete(
    '/api/settings/oidc/mappings/:id',
    { config: { permission: write, auditAction: 'settings.oidc_mapping_delete' } },
    async (request, reply) => {
      await settings.deleteMapping(parseInput(mappingParams, request.params, 'path').id);
      reply.status(204);
    },
  );
}
