import type { ReadinessResponse } from '@argus/contracts';
import type { FastifyInstance } from 'fastify';
import { migrationStatus } from '../../db/migration.js';
import { migrations } from '../../db/migrations/index.js';
import type { Database } from '../../db/types.js';
import type { Metrics } from '../../metrics/create-metrics.js';

export interface HealthDeps {
  db: Database;
  metrics: Metrics;
}

export async function healthRoutes(app: FastifyInstance, deps: HealthDeps): Promise<void> {
  const { db, metrics } = deps;

  app.get('/healthz', { config: { permission: 'public' } }, async () => ({ status: 'ok' as const }));

  app.get('/readyz', { config: { permission: 'public' } }, async (_request, reply) => {
    const body: ReadinessResponse = {
      status: 'ready',
      checks: {
        database: { status: 'ok', driver: db.driver },
        retrieval: { status: 'available' },
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
      if (!(await db.hasExtension('vector'))) {
        body.checks.retrieval = {
          status: 'unavailable',
          message: 'the pgvector extension is not installed in this database; AI retrieval is disabled',
        };
      }
    } catch (err) {
      body.status = 'not_ready';
      body.checks.database.status = 'error';
      body.checks.database.message = `database unreachable: ${(err as Error).message}`;
    }
    reply.status(body.status === 'ready' ? 200 : 503);
    return body;
  });

  app.get('/metrics', { config: { permission: 'public' } }, async (_request, reply) => {
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
