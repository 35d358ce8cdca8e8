/**
 * Signals for every registered cluster, all the time, computed once across replicas: a lease per cluster
 * (apps/server/src/ownership) decides which replica watches it; on `acquired` the cluster's analyzers start on
 * its watch caches, on `released` they stop. Every `evalIntervalMs` the owner reconciles the cluster's alerts
 * with its signals and flushes the alert groups that are due.
 */
import type { Logger } from 'pino';
import type { CacheManager } from '../../clusters/cache-manager.js';
import type { Discovery } from '../../clusters/discovery.js';
import type { Database } from '../../db/types.js';
import { type ClusterOwnership, createClusterOwnership } from '../../ownership/cluster-ownership.js';
import { createLeaseStore } from '../../ownership/lease-store.js';
import type { AlertEngine } from '../alerts/alert-engine.js';
import { type ClusterSignals, createClusterSignals, type OperatorHealthKind } from './cluster-signals.js';

export interface SignalsService {
  readonly ownership: ClusterOwnership;
  /** The clusters this replica watches whose signals are complete. */
  watching(): string[];
  /** One evaluation pass now (the timer calls it; tests too). */
  evaluate(): Promise<void>;
  start(): void;
  stop(): Promise<void>;
}

export interface SignalsServiceDeps {
  db: Database;
  caches: CacheManager;
  discovery: Discovery;
  engine: AlertEngine;
  logger: Logger;
  /** This replica's name in the leases. */
  holder: string;
  leaseTtlMs: number;
  evalIntervalMs: number;
  certExpiryMs: number;
  recentMs: number;
  resyncMs: number;
  operatorKinds?: () => readonly OperatorHealthKind[];
}

export function createSignalsService(deps: SignalsServiceDeps): SignalsService {
  const log = deps.logger.child({ component: 'signals' });
  const ownership = createClusterOwnership({
    leases: createLeaseStore(deps.db),
    clusters: async () =>
      (await deps.db.query<{ id: string }>('SELECT id::text FROM clusters ORDER BY id')).rows.map((r) => r.id),
    holder: deps.holder,
    purpose: 'signals',
    logger: deps.logger,
    ttlMs: deps.leaseTtlMs,
  });
  const clusters = new Map<string, ClusterSignals>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let lastPrune = 0;

  ownership.on('acquired', (clusterId) => {
    clusters.get(clusterId)?.stop();
    clusters.set(
      clusterId,
      createClusterSignals({
        clusterId,
        caches: deps.caches,
        discovery: deps.discovery,
        logger: deps.logger,
        certExpiryMs: deps.certExpiryMs,
        recentMs: deps.recentMs,
        resyncMs: deps.resyncMs,
        operatorKinds: deps.operatorKinds?.() ?? [],
      }),
    );
  });
  ownership.on('released', (clusterId) => {
    clusters.get(clusterId)?.stop();
    clusters.delete(clusterId);
  });

  async function pass(): Promise<void> {
    for (const [clusterId, signals] of clusters) {
      // Until every cache is synced the signals are incomplete: reconciling then would resolve live alerts.
      if (!signals.ready() || !ownership.owns(clusterId)) continue;
      try {
        await deps.engine.reconcileCluster(clusterId, signals.candidates());
      } catch (err) {
        // 23503: the cluster was removed meanwhile (its alerts went with it); the next ownership pass stops it.
        if ((err as { code?: string }).code === '23503')
          log.debug({ clusterId }, 'alert reconcile for a removed cluster');
        else log.error({ err, clusterId }, 'alert reconcile failed');
      }
    }
    await deps.engine.flushDue(ownership.owned());
    if (Date.now() - lastPrune > 3_600_000) {
      lastPrune = Date.now();
      await deps.engine.prune();
    }
  }

  const evaluate = () => {
    running ??= pass()
      .catch((err) => log.error({ err }, 'signals pass failed'))
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  return {
    ownership,
    watching: () => [...clusters].filter(([, s]) => s.ready()).map(([id]) => id),
    evaluate,
    start() {
      ownership.start();
      timer = setInterval(() => void evaluate(), deps.evalIntervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
      await ownership.stop();
      for (const s of clusters.values()) s.stop();
      clusters.clear();
    },
  };
}
