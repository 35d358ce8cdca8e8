import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError, type ReadinessResponse, readinessResponseSchema } from '@argus/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Broker } from '../../broker/broker.js';
import { migrationStatus } from '../../db/migration.js';
import { embeddingIsVector } from '../../db/migrations/0101-ai-retrieval.js';
import { migrations } from '../../db/migrations/index.js';
import type { Database } from '../../db/types.js';
import type { Metrics } from '../../metrics/create-metrics.js';
import { textResponse } from '../openapi/responses.js';

export interface HealthDeps {
  db: Database;
  metrics: Metrics;
  /** METRICS_TOKEN: when set, /metrics requires `Authorization: Bearer <token>`; unset, it is public. */
  metricsToken?: string | undefined;
  /** The event broker, once created (its outage is reported as degraded, never as not ready). */
  broker?: () => Pick<Broker, 'kind' | 'health'> | undefined;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Whether an Authorization header carries the bearer token, compared in constant time (digests: equal length). */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? '');
  return timingSafeEqual(digest(match?.[1] ?? ''), digest(token)) && match !== null;
}

export async function healthRoutes(fastify: FastifyInstance, deps: HealthDeps): Promise<void> {
  const { db, metrics, metricsToken } = deps;
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/healthz',
    {
      config: { permission: 'public' },
      schema: { summary: 'Liveness', response: { 200: z.object({ status: z.literal('ok') }) } },
    },
    async () => ({ status: 'ok' as const }),
  );

  const readiness = {
    config: { permission: 'public' },
    schema: {
      summary: 'Readiness: database reachable and migrated (503 otherwise), pgvector status',
      response: { 200: readinessResponseSchema, 503: readinessResponseSchema },
    },
  } as const;
  app.get('/readyz', readiness, async (_request, reply) => {
    const body: ReadinessResponse = {
      status: 'ready',
      checks: {
        database: { status: 'ok', driver: db.driver },
        retrieval: { status: 'available', mode: 'hybrid' },
      },
    };
    try {
      const status = await migrationStatus(db, migrations);
      body.checks.database.migrations = status;
      if (status.applied < migrations.length) {
        body.status = 'not_ready';
        body.checks.database.status = 'error';
        body.checks.database.message = `migrations pending: ${status.applied} of ${migrations.length} applied`;
      }
      if (!(await embeddingIsVector(db))) {
        body.checks.retrieval = {
          status: 'degraded',
          mode: 'fulltext',
          message:
            'the pgvector extension is not installed in this database: AI retrieval uses full-text search only (no vector similarity)',
        };
      }
    } catch (err) {
      body.status = 'not_ready';
      body.checks.database.status = 'error';
      body.checks.database.message = `database unreachable: ${(err as Error).message}`;
    }
    const broker = deps.broker?.();
    if (broker) {
      const h = broker.health();
      body.checks.broker = { status: h.status, kind: broker.kind, ...(h.detail ? { message: h.detail } : {}) };
    }
    reply.status(body.status === 'ready' ? 200 : 503);
    return body;
  });

  const metricsRoute = {
    config: { permission: 'public' },
    schema: {
      summary: 'Prometheus metrics (text exposition format); with METRICS_TOKEN set, that bearer token is required',
      response: { 200: textResponse('Prometheus text exposition format') },
    },
  } as const;
  app.get('/metrics', metricsRoute, async (request, reply) => {
    if (metricsToken && !bearerMatches(request.headers.authorization, metricsToken)) {
      throw new AppError('UNAUTHENTICATED', 'GET /metrics requires Authorization: Bearer <METRICS_TOKEN>', {
        headers: { 'WWW-Authenticate': 'Bearer realm="metrics"' },
      });
    }
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
