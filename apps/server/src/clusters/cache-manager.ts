/**
 * Watch caches per cluster and resource: started on first use, shared by lists, search and event
 * subscribers, stopped when idle, bounded by an object count per cache and a byte budget overall.
 */
import type { Logger } from 'pino';
import type { ClusterConnection } from './connection.js';
import type { ResourceInfo } from './discovery.js';
import { type CacheListener, createWatchCache, type WatchCache, type WatchCacheStats } from './watch-cache.js';

export interface CacheManagerOptions {
  connection: (clusterId: string) => Promise<ClusterConnection>;
  logger: Logger;
  idleMs: number;
  maxObjectsPerCache: number;
  maxBytes: number;
  syncTimeoutMs: number;
}

export interface CacheManager {
  /** A synced cache, or undefined when the resource cannot be cached (not listable/watchable, over budget). Throws the cluster's error. */
  synced(clusterId: string, info: ResourceInfo): Promise<WatchCache | undefined>;
  /** A cache already running and synced, without starting one (serving an object while the cluster is away). */
  peek(clusterId: string, info: ResourceInfo): WatchCache | undefined;
  /** Live events for a cluster's resource (starts the cache; it stays while subscribed). */
  onEvent(clusterId: string, info: ResourceInfo, listener: CacheListener): () => void;
  stats(): { caches: Array<WatchCacheStats & { cluster: string }>; objects: number; bytes: number; maxBytes: number };
  stopCluster(clusterId: string): void;
  sweep(): void;
  close(): void;
}

const keyFor = (clusterId: string, r: ResourceInfo) => `${clusterId}|${r.group}|${r.version}|${r.resource}`;

export function cacheable(r: ResourceInfo): boolean {
  return r.verbs.includes('list') && r.verbs.includes('watch');
}

export function createCacheManager(opts: CacheManagerOptions): CacheManager {
  const caches = new Map<string, { clusterId: string; cache: Promise<WatchCache> }>();
  // Resolved caches by their promise, so stats() and sweep() stay synchronous.
  const settled = new WeakMap<Promise<WatchCache>, WatchCache>();
  const log = opts.logger.child({ component: 'watch-cache' });
  const timer = setInterval(() => manager.sweep(), Math.max(1_000, Math.min(opts.idleMs / 2, 30_000)));
  timer.unref();

  function start(clusterId: string, info: ResourceInfo): Promise<WatchCache> {
    const key = keyFor(clusterId, info);
    const existing = caches.get(key);
    if (existing) return existing.cache;
    const cache = (async () => {
      const conn = await opts.connection(clusterId);
      log.debug({ clusterId, resource: info.resource }, 'watch cache started');
      return createWatchCache(conn, info, { maxObjects: opts.maxObjectsPerCache, pageSize: 1000, logger: log });
    })();
    caches.set(key, { clusterId, cache });
    cache.then((c) => settled.set(cache, c)).catch(() => caches.delete(key));
    return cache;
  }

  // Synchronous, over the caches that exist (one still starting holds nothing yet): every read of a synced cache
  // checks the budget, and a promise per cache per read (80 caches × 10 clusters for one cross-cluster page) was
  // a measurable part of that page.
  function totalBytes(): number {
    let n = 0;
    for (const entry of caches.values()) n += settled.get(entry.cache)?.bytes() ?? 0;
    return n;
  }

  const manager: CacheManager = {
    async synced(clusterId, info) {
      if (!cacheable(info)) return undefined;
      const cache = await start(clusterId, info);
      if (cache.state === 'overflow') return undefined;
      if (cache.state === 'stopped') {
        caches.delete(keyFor(clusterId, info));
        return manager.synced(clusterId, info);
      }
      try {
        await cache.ready(opts.syncTimeoutMs);
      } catch (err) {
        if ((cache.state as WatchCache['state']) === 'overflow') return undefined;
        throw err;
      }
      // Over the byte budget: this cache goes (largest consumers are the ones that overflow first).
      if (totalBytes() > opts.maxBytes && cache.subscribers() === 0) {
        log.warn(
          { clusterId, resource: info.resource, bytes: cache.bytes(), maxBytes: opts.maxBytes },
          'watch cache over the memory budget: stopped',
        );
        cache.stop();
        caches.delete(keyFor(clusterId, info));
        return undefined;
      }
      return cache;
    },
    peek(clusterId, info) {
      const entry = caches.get(keyFor(clusterId, info));
      const c = entry ? settled.get(entry.cache) : undefined;
      return c?.state === 'synced' ? c : undefined;
    },
    onEvent(clusterId, info, listener) {
      let unsubscribe: (() => void) | undefined;
      let cancelled = false;
      start(clusterId, info)
        .then((cache) => {
          if (!cancelled) unsubscribe = cache.subscribe(listener);
        })
        .catch((err) => log.warn({ clusterId, resource: info.resource, err: (err as Error).message }, 'cannot watch'));
      return () => {
        cancelled = true;
        unsubscribe?.();
      };
    },
    stats() {
      const out: Array<WatchCacheStats & { cluster: string }> = [];
      // Settled caches only (a pending start has nothing in memory yet).
      for (const { clusterId, cache } of caches.values()) {
        const c = settled.get(cache);
        if (c) out.push({ cluster: clusterId, ...c.stats() });
      }
      return {
        caches: out,
        objects: out.reduce((n, c) => n + c.objects, 0),
        bytes: out.reduce((n, c) => n + c.bytes, 0),
        maxBytes: opts.maxBytes,
      };
    },
    stopCluster(clusterId) {
      for (const [key, entry] of caches) {
        if (entry.clusterId !== clusterId) continue;
        caches.delete(key);
        entry.cache.then((c) => c.stop()).catch(() => undefined);
      }
    },
    sweep() {
      const now = Date.now();
      for (const [key, entry] of caches) {
        const c = settled.get(entry.cache);
        if (!c) continue;
        if (c.state === 'stopped' || (c.subscribers() === 0 && now - c.lastUsed > opts.idleMs)) {
          caches.delete(key);
          c.stop();
          log.debug({ clusterId: entry.clusterId, resource: c.info.resource }, 'idle watch cache stopped');
        }
      }
    },
    close() {
      clearInterval(timer);
      for (const entry of caches.values()) entry.cache.then((c) => c.stop()).catch(() => undefined);
      caches.clear();
    },
  };

  return manager;
}
