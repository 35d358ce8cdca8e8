/**
 * Which replica does the per-cluster work (issue 19's signals, issue 22's plugin watchers): every cluster is
 * owned by exactly one live replica at a time, through a lease per cluster (`<purpose>:<clusterId>`). Each
 * replica also keeps a presence lease (`<purpose>-replica:<holder>`), so it can take its fair share,
 * ceil(clusters / live replicas): a new replica receives clusters as others give their extra ones up, and
 * a replica that dies (stops renewing) has its clusters taken by the others within one TTL. Stopping
 * releases everything at once, so a rolling restart hands over without waiting for expiry.
 */
import type { Logger } from 'pino';
import type { LeaseStore } from './lease-store.js';

export type OwnershipListener = (clusterId: string) => void | Promise<void>;

export interface ClusterOwnership {
  /** This replica's name in the leases. */
  readonly holder: string;
  owns(clusterId: string): boolean;
  owned(): string[];
  /** `acquired`: this replica starts the cluster's work; `released`: it must stop (another may start). */
  on(event: 'acquired' | 'released', listener: OwnershipListener): () => void;
  /** One pass: renew, give up extras, take free clusters up to the fair share (the timer calls it). */
  tick(): Promise<void>;
  start(): void;
  /** Stops the timer and releases every lease (others take over at once). */
  stop(): Promise<void>;
}

export interface ClusterOwnershipOptions {
  leases: LeaseStore;
  /** The registered clusters' ids (every replica sees the same table). */
  clusters: () => Promise<string[]>;
  holder: string;
  /** What the leases are for, e.g. `signals`: several kinds of work can be spread independently. */
  purpose: string;
  logger: Logger;
  /** How long a lease lasts without renewal: the handover time after a replica dies (default 15 s). */
  ttlMs?: number;
  /** How often leases are renewed and taken (default ttl / 3). */
  intervalMs?: number;
}

export function createClusterOwnership(options: ClusterOwnershipOptions): ClusterOwnership {
  const { leases, holder, purpose, logger } = options;
  const ttlMs = options.ttlMs ?? 15_000;
  const intervalMs = options.intervalMs ?? Math.max(100, Math.floor(ttlMs / 3));
  const key = (clusterId: string) => `${purpose}:${clusterId}`;
  const presence = `${purpose}-replica:`;
  const mine = new Set<string>();
  const listeners = { acquired: new Set<OwnershipListener>(), released: new Set<OwnershipListener>() };
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const log = logger.child({ component: 'ownership', purpose });

  async function emit(event: 'acquired' | 'released', clusterId: string): Promise<void> {
    if (event === 'acquired') mine.add(clusterId);
    else mine.delete(clusterId);
    log.info({ clusterId, holder }, event === 'acquired' ? 'cluster acquired' : 'cluster released');
    for (const l of listeners[event]) {
      try {
        await l(clusterId);
      } catch (err) {
        log.error({ err, clusterId, event }, 'ownership listener failed');
      }
    }
  }

  async function pass(): Promise<void> {
    await leases.acquire(`${presence}${holder}`, holder, ttlMs);
    const all = (await options.clusters()).sort();
    const replicas = Math.max(1, await leases.countLive(presence));
    const share = Math.ceil(all.length / replicas);
    // Clusters that are gone, or that this replica lost (it paused past the TTL and another took them).
    for (const id of [...mine]) {
      if (!all.includes(id) || !(await leases.acquire(key(id), holder, ttlMs))) {
        if (all.includes(id)) log.warn({ clusterId: id }, 'cluster lease lost to another replica');
        else await leases.release(key(id), holder);
        await emit('released', id);
      }
    }
    // More than the fair share (a replica joined): give the extras up, others take them on their next pass.
    for (const id of [...mine].sort().slice(share)) {
      await leases.release(key(id), holder);
      await emit('released', id);
    }
    for (const id of all) {
      if (mine.size >= share) break;
      if (mine.has(id)) continue;
      if (await leases.acquire(key(id), holder, ttlMs)) await emit('acquired', id);
    }
  }

  const tick = () => {
    // One pass at a time: a slow database must not stack passes.
    running ??= pass()
      .catch((err) => log.error({ err }, 'ownership pass failed'))
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  return {
    holder,
    owns: (id) => mine.has(id),
    owned: () => [...mine].sort(),
    on(event, listener) {
      listeners[event].add(listener);
      return () => listeners[event].delete(listener);
    },
    tick,
    start() {
      if (timer) return;
      void tick();
      timer = setInterval(() => void tick(), intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
      for (const id of [...mine]) {
        await leases.release(key(id), holder).catch(() => undefined);
        await emit('released', id);
      }
      await leases.release(`${presence}${holder}`, holder).catch(() => undefined);
    },
  };
}
