/**
 * One informer: a cluster-wide list-then-watch of one resource type kept in memory. Lists in pages,
 * watches from the list's resourceVersion with bookmarks, re-watches from the last version when a
 * watch ends, relists on 410 Gone (emitting the differences), and backs off on errors.
 * Objects are stored without metadata.managedFields, as CachedObjects (cached-object.ts: the JSON text
 * and a few indexed fields; parsed on demand), and read through the CacheReader API (cache-store.ts);
 * the JSON size is counted (`bytes`).
 */
import type { Logger } from 'pino';
import { type CacheReader, createCacheStore } from './cache-store.js';
import { type CachedObject, cachedKind } from './cached-object.js';
import type { ClusterConnection } from './connection.js';
import { type ResourceInfo, resourcePath } from './discovery.js';
import { jsonLines } from './json-lines.js';
import { kubeError } from './kube-errors.js';
import type { KubeObject } from './selectors.js';

export { keyOf } from './cached-object.js';

export type CacheEventType = 'ADDED' | 'MODIFIED' | 'DELETED';
/**
 * A change, shared by every listener. `entry.object()` parses at most once per change for all of them
 * (watch events hand their already parsed object to the parsed-object LRU).
 */
export interface CacheEvent {
  type: CacheEventType;
  entry: CachedObject;
}
export type CacheListener = (ev: CacheEvent) => void;

export interface WatchCacheStats {
  resource: string;
  state: WatchCache['state'];
  objects: number;
  bytes: number;
  resourceVersion: string;
  relists: number;
  subscribers: number;
  idleMs: number;
}

export interface WatchCache extends CacheReader {
  readonly info: ResourceInfo;
  state: 'starting' | 'synced' | 'error' | 'overflow' | 'stopped';
  lastError: Error | undefined;
  resourceVersion: string;
  lastUsed: number;
  /** Resolves once synced; rejects with the last error on timeout or failure. */
  ready(timeoutMs: number): Promise<void>;
  subscribe(listener: CacheListener): () => void;
  subscribers(): number;
  stats(): WatchCacheStats;
  bytes(): number;
  stop(): void;
}

export interface WatchCacheOptions {
  maxObjects: number;
  pageSize: number;
  logger: Logger;
}

function slim(o: KubeObject): KubeObject {
  if (o.metadata.managedFields === undefined) return o;
  const { managedFields: _drop, ...metadata } = o.metadata;
  return { ...o, metadata: metadata as KubeObject['metadata'] };
}

export function createWatchCache(conn: ClusterConnection, info: ResourceInfo, opts: WatchCacheOptions): WatchCache {
  const apiVersion = info.group ? `${info.group}/${info.version}` : info.version;
  const store = createCacheStore(cachedKind(apiVersion, info.kind));
  const listeners = new Set<CacheListener>();
  let relists = 0;
  let stopped = false;
  let current: { close(): void } | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let backoff = 500;
  let readyWaiters: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];
  const touch = () => {
    cache.lastUsed = Date.now();
  };

  const cache: WatchCache = {
    info,
    state: 'starting',
    lastError: undefined,
    resourceVersion: '',
    lastUsed: Date.now(),
    ready(timeoutMs) {
      touch();
      if (cache.state === 'synced') return Promise.resolve();
      if (cache.state === 'overflow' || cache.state === 'stopped')
        return Promise.reject(cache.lastError ?? new Error(`cache ${cache.state}`));
      return new Promise((resolve, reject) => {
        const w = { resolve, reject };
        readyWaiters.push(w);
        setTimeout(() => {
          readyWaiters = readyWaiters.filter((x) => x !== w);
          reject(cache.lastError ?? new Error(`${info.resource} cache not synced within ${timeoutMs} ms`));
        }, timeoutMs).unref();
      });
    },
    size: () => store.size(),
    get(namespace, name) {
      touch();
      return store.get(namespace, name);
    },
    list(q, allowed = 'all') {
      touch();
      return store.list(q, allowed, cache.resourceVersion);
    },
    iterate() {
      touch();
      return store.iterate();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        touch();
      };
    },
    subscribers: () => listeners.size,
    bytes: () => store.bytes(),
    stats() {
      return {
        resource: `${info.resource}${info.group ? `.${info.group}` : ''}`,
        state: cache.state,
        objects: store.size(),
        bytes: store.bytes(),
        resourceVersion: cache.resourceVersion,
        relists,
        subscribers: listeners.size,
        idleMs: Date.now() - cache.lastUsed,
      };
    },
    stop() {
      stopped = true;
      cache.state = 'stopped';
      current?.close();
      if (retryTimer) clearTimeout(retryTimer);
      store.clear();
      for (const w of readyWaiters) w.reject(new Error('cache stopped'));
      readyWaiters = [];
    },
  };

  function emit(type: CacheEventType, entry: CachedObject): void {
    const ev: CacheEvent = { type, entry };
    for (const l of listeners) {
      try {
        l(ev);
      } catch (err) {
        opts.logger.warn({ err }, 'watch cache listener failed');
      }
    }
  }

  function overflow(): void {
    cache.state = 'overflow';
    cache.lastError = new Error(`more than ${opts.maxObjects} ${info.resource}: not cached, served by the API server`);
    current?.close();
    store.clear();
    for (const w of readyWaiters) w.reject(cache.lastError);
    readyWaiters = [];
  }

  async function list(): Promise<void> {
    const fresh = new Map<string, CachedObject>();
    let cont = '';
    let rv = '';
    do {
      const q = new URLSearchParams({ limit: String(opts.pageSize) });
      if (cont) q.set('continue', cont);
      const res = await conn.request({ path: `${resourcePath(info)}?${q}`, timeoutMs: 60_000 });
      if (res.status !== 200) throw kubeError(res.status, res.body);
      const body = res.json<{ items: KubeObject[]; metadata: { resourceVersion?: string; continue?: string } }>();
      for (const raw of body.items) {
        const entry = store.make(slim({ ...raw, apiVersion, kind: info.kind }));
        fresh.set(entry.key, entry);
      }
      if (fresh.size > opts.maxObjects) return overflow();
      cont = body.metadata.continue ?? '';
      rv = body.metadata.resourceVersion ?? rv;
    } while (cont && !stopped);
    if (stopped) return;
    const firstSync = cache.state === 'starting';
    // Relist: tell subscribers what changed while we were not watching.
    if (!firstSync) {
      for (const old of store.values()) if (!fresh.has(old.key)) emit('DELETED', old);
      for (const v of fresh.values()) {
        const old = store.get(v.namespace, v.name);
        if (!old) emit('ADDED', v);
        else if (old.resourceVersion !== v.resourceVersion) emit('MODIFIED', v);
      }
    }
    store.replaceAll(fresh);
    cache.resourceVersion = rv;
    relists++;
    cache.state = 'synced';
    cache.lastError = undefined;
    for (const w of readyWaiters) w.resolve();
    readyWaiters = [];
  }

  /** Watches until the stream ends; returns 'relist' on 410. */
  async function watch(): Promise<'again' | 'relist'> {
    const q = new URLSearchParams({
      watch: '1',
      allowWatchBookmarks: 'true',
      resourceVersion: cache.resourceVersion,
      timeoutSeconds: String(240 + Math.floor(Math.random() * 120)),
    });
    const s = await conn.stream({ path: `${resourcePath(info)}?${q}`, timeoutMs: 15_000 });
    if (s.status === 410) {
      s.close();
      return 'relist';
    }
    if (s.status !== 200) {
      const chunks: Buffer[] = [];
      for await (const c of s.body) chunks.push(c as Buffer);
      throw kubeError(s.status, Buffer.concat(chunks));
    }
    current = s;
    backoff = 500;
    let outcome: 'again' | 'relist' = 'again';
    for await (const ev of jsonLines<{ type: string; object: KubeObject & { code?: number } }>(s.body)) {
      if (ev.type === 'ERROR') {
        if (ev.object.code === 410) outcome = 'relist';
        else opts.logger.warn({ resource: info.resource, status: ev.object }, 'watch error event');
        s.close();
        break;
      }
      const rv = ev.object.metadata?.resourceVersion;
      if (rv) cache.resourceVersion = rv;
      if (ev.type === 'BOOKMARK') continue;
      const entry = store.make(slim({ ...ev.object, apiVersion, kind: info.kind }), listeners.size > 0);
      if (ev.type === 'DELETED') {
        store.remove(entry.key);
        emit('DELETED', entry);
      } else {
        const existed = store.put(entry) !== undefined;
        if (store.size() > opts.maxObjects) {
          overflow();
          return 'again';
        }
        emit(existed ? 'MODIFIED' : 'ADDED', entry);
      }
    }
    current = undefined;
    return outcome;
  }

  async function run(): Promise<void> {
    let needList = true;
    while (!stopped && cache.state !== 'overflow') {
      try {
        if (needList) await list();
        if (stopped || cache.state !== 'synced') return;
        needList = (await watch()) === 'relist';
      } catch (err) {
        if (stopped) return;
        cache.lastError = err as Error;
        if (cache.state === 'starting') {
          cache.state = 'error';
          for (const w of readyWaiters) w.reject(err as Error);
          readyWaiters = [];
        }
        opts.logger.debug({ resource: info.resource, err: (err as Error).message }, 'watch cache retrying');
        await new Promise<void>((r) => {
          retryTimer = setTimeout(r, backoff);
        });
        backoff = Math.min(backoff * 2, 30_000);
        // After an error we do not know what we missed: relist unless we are still synced.
        needList = cache.state !== 'synced';
        if (cache.state === 'error') cache.state = 'starting';
      }
    }
  }
  void run();
  return cache;
}
