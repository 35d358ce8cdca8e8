/**
 * Wires issue 19's alert side into the app: the signals service (per-cluster ownership, analyzers, alert
 * engine) started and stopped with the app, the `/api/alerts` routes, and audit events to the outbox.
 */
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { AuditStore } from '../../audit/audit-store.js';
import type { ClusterModule } from '../../clusters/cluster-module.js';
import type { Config } from '../../config/load-config.js';
import type { Database } from '../../db/types.js';
import { createNotificationOutbox } from '../pipeline/outbox.js';
import type { OperatorHealthKind } from '../signals/cluster-signals.js';
import { createSignalsService, type SignalsService } from '../signals/signals-service.js';
import type { NotificationOutbox } from '../types.js';
import { type AlertEngine, createAlertEngine } from './alert-engine.js';
import { alertRoutes } from './alert-routes.js';
import { createAlertSourceStore } from './alert-sources.js';
import { forwardAuditEvents } from './audit-events.js';

export interface AlertsDeps {
  config: Config;
  db: Database;
  logger: Logger;
  clusters: ClusterModule;
  audit: AuditStore;
  /** This replica's name in the leases. */
  holder: string;
  outbox?: NotificationOutbox;
  operatorKinds?: () => readonly OperatorHealthKind[];
  /** Prometheus metrics: clusters watched here, group notifications sent. */
  registry?: Registry;
}

export interface Alerts {
  engine: AlertEngine;
  signals: SignalsService;
}

export async function registerAlerts(app: FastifyInstance, deps: AlertsDeps): Promise<Alerts> {
  const { config, db } = deps;
  const logger = deps.logger.child({ component: 'alerts' });
  const outbox = deps.outbox ?? createNotificationOutbox();
  const registers = deps.registry ? [deps.registry] : [];
  const notified = new Counter({
    name: 'argus_alert_group_notifications_total',
    help: 'Alert group notifications this replica sent to the outbox, by state (firing, resolved)',
    labelNames: ['state'] as const,
    registers,
  });
  const engine = createAlertEngine({
    db,
    outbox,
    logger,
    onNotified: (event) => notified.inc({ state: event.state }),
    groupBy: {
      cluster: config.NOTIFY_GROUP_BY.includes('cluster'),
      namespace: config.NOTIFY_GROUP_BY.includes('namespace'),
    },
    timings: {
      graceSeconds: config.ALERT_GRACE_SECONDS,
      resolveDelaySeconds: config.ALERT_RESOLVE_DELAY_SECONDS,
      groupWaitSeconds: config.NOTIFY_GROUP_WAIT_SECONDS,
      groupIntervalSeconds: config.NOTIFY_GROUP_INTERVAL_SECONDS,
      repeatIntervalSeconds: config.NOTIFY_REPEAT_INTERVAL_SECONDS,
      retentionDays: config.ALERT_RETENTION_DAYS,
    },
  });
  const signals = createSignalsService({
    db,
    caches: deps.clusters.caches,
    discovery: deps.clusters.discovery,
    engine,
    logger,
    holder: deps.holder,
    leaseTtlMs: config.SIGNALS_LEASE_TTL_MS,
    evalIntervalMs: config.SIGNALS_EVAL_INTERVAL_MS,
    certExpiryMs: config.ALERT_CERT_EXPIRY_DAYS * 86_400_000,
    recentMs: 15 * 60_000,
    resyncMs: 60_000,
    ...(deps.operatorKinds ? { operatorKinds: deps.operatorKinds } : {}),
  });
  new Gauge({
    name: 'argus_signals_clusters_watched',
    help: 'Clusters whose signals this replica computes (it holds their lease and their caches are synced)',
    registers,
    collect() {
      this.set(signals.watching().length);
    },
  });
  // A cluster added here is watched at once, not at the next ownership pass.
  deps.clusters.clusters.onAdded(() => void signals.ownership.tick());
  const unforward = forwardAuditEvents({ audit: deps.audit, db, outbox, logger });
  app.addHook('onReady', () => signals.start());
  app.addHook('onClose', async () => {
    unforward();
    await signals.stop();
  });
  await app.register(alertRoutes, { db, engine, sources: createAlertSourceStore(db) });
  return { engine, signals };
}
