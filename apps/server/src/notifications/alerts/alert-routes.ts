/**
 * `/api/alerts`: the alerts the caller may see (only those on objects they may read), the Alertmanager
 * webhook (public route, authenticated by the source's bearer token), and the sources (admin).
 */
import {
  AppError,
  alertListQuerySchema,
  alertListResponseSchema,
  alertmanagerWebhookResponseSchema,
  alertmanagerWebhookSchema,
  alertSourceListResponseSchema,
  createAlertSourceRequestSchema,
  createdAlertSourceSchema,
  idParamsSchema,
} from '@argus/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/types.js';
import { principalOf } from '../../http/routes/auth.js';
import type { AlertEngine } from './alert-engine.js';
import { listAlerts } from './alert-query.js';
import type { AlertSourceStore } from './alert-sources.js';
import { ingestAlertmanager } from './alertmanager.js';

export interface AlertRouteDeps {
  db: Database;
  engine: AlertEngine;
  sources: AlertSourceStore;
}

/** Alertmanager posts at most a few hundred alerts per message; bigger bodies are refused (413). */
const WEBHOOK_BODY_LIMIT = 1024 * 1024;

export async function alertRoutes(fastify: FastifyInstance, deps: AlertRouteDeps): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/alerts',
    {
      config: { permission: { resource: 'resources', action: 'read' } },
      schema: {
        summary: 'Alerts (open ones by default), only on objects the caller may read',
        querystring: alertListQuerySchema,
        response: { 200: alertListResponseSchema },
      },
    },
    async (request) => ({
      items: await listAlerts(deps.db, fastify.authorizer, principalOf(request), request.query),
    }),
  );

  app.post(
    '/api/alerts/alertmanager',
    {
      bodyLimit: WEBHOOK_BODY_LIMIT,
      config: { permission: 'public', auditAction: 'alerts.alertmanager' },
      schema: {
        summary: "Alertmanager's webhook (JSON version 4), with a source's token: `Authorization: Bearer <token>`",
        headers: z.object({ authorization: z.string().max(1000).optional() }).loose(),
        body: alertmanagerWebhookSchema,
        response: { 200: alertmanagerWebhookResponseSchema },
      },
    },
    async (request) => {
      const header = request.headers.authorization ?? '';
      const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
      const source = token ? await deps.sources.authenticate(token) : undefined;
      if (!source)
        throw new AppError(
          'UNAUTHENTICATED',
          'An alert source token is required: Authorization: Bearer <token> (create one at /api/alerts/sources)',
        );
      return { accepted: await ingestAlertmanager(deps, source, request.body) };
    },
  );

  app.get(
    '/api/alerts/sources',
    {
      config: { permission: { resource: 'settings', action: 'read' } },
      schema: { summary: 'Alertmanager webhook sources', response: { 200: alertSourceListResponseSchema } },
    },
    async () => ({ items: await deps.sources.list() }),
  );

  app.post(
    '/api/alerts/sources',
    {
      config: { permission: { resource: 'settings', action: 'write' }, auditAction: 'alerts.source_create' },
      schema: {
        summary: 'Create an Alertmanager source (its token is shown in this answer only)',
        body: createAlertSourceRequestSchema,
        response: { 201: createdAlertSourceSchema },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return deps.sources.create(request.body.name, principalOf(request).userId);
    },
  );

  app.delete(
    '/api/alerts/sources/:id',
    {
      config: { permission: { resource: 'settings', action: 'write' }, auditAction: 'alerts.source_delete' },
      schema: {
        summary: 'Delete an Alertmanager source (its token stops working)',
        params: idParamsSchema,
        response: { 204: z.undefined().describe('No content') },
      },
    },
    async (request, reply) => {
      await deps.sources.remove(request.params.id);
      reply.status(204);
    },
  );
}
