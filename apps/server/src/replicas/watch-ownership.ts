/**
 * Which replica does the per-cluster work derived from watch events that must happen once across replicas:
 * publishing the WebSocket hub's events to the broker (`argus.cluster-events`) and running plugins' watchers.
 * With PostgreSQL it is the cluster ownership of `ownership/` (purpose `watchers`); with the embedded database
 * there is one replica, which owns every cluster. Each replica still serves its own WebSocket clients from its
 * own watch caches whatever it owns.
 */
import type { Logger } from 'pino';
import type { Database } from '../db/types.js';
import { createClusterOwnership, type OwnershipListener } from '../ownership/cluster-ownership.js';
import { createLeaseStore } from '../ownership/lease-store.js';

/** What the hub's event producer and the plugin engine need to know. */
export interface WatchOwnership {
  readonly holder: string;
  owns(clusterId: string): boolean;
  on(event: 'acquired' | 'released', listener: OwnershipListener): () => void;
  /** Takes this replica's share now (at start, and when a cluster was added). */
  tick(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export const WATCHERS_PURPOSE = 'watchers';

export function createWatchOwnership(deps: {
  db: Database;
  logger: Logger;
  holder: string;
  /** The registered clusters' ids. */
  clusters: () => Promise<string[]>;
  ttlMs: number;
}): WatchOwnership {
  if (deps.db.driver !== 'postgres') {
    return {
      holder: deps.holder,
      owns: () => true,
      on: () => () => undefined,
      tick: async () => undefined,
      start: async () => undefined,
      stop: async () => undefined,
    };
  }
  const ownership = createClusterOwnership({
    leases: createLeaseStore(deps.db),
    clusters: deps.clusters,
    holder: deps.holder,
    purpose: WATCHERS_PURPOSE,
    logger: deps.logger,
    ttlMs: deps.ttlMs,
  });
  return {
    holder: deps.holder,
    owns: (id) => ownership.owns(id),
    on: (event, listener) => ownership.on(event, listener),
    tick: () => ownership.tick(),
    async start() {
      // The first share is taken before the server answers, so a lone replica owns its clusters from the start.
      await ownership.tick();
      ownership.start();
    },
    stop: () => ownership.stop(),
  };
}
