/**
 * One informer: a cluster-wide list-then-watch of one resource type kept in memory. Lists in pages,
 * watches from the list's resourceVersion with bookmarks, re-watches from the last version when a
 * watch ends, relists on 410 Gone (emitting the differences), and backs off on errors.
 * Objects are stored without metadata.managedFields, each with its JSON text (serialised once, when it
 * arrives, so a list is written by joining those texts); the JSON size is counted (`bytes`).
 */
import type { Logger } from 'pino';
import type { ClusterConnection } from './connection.js';
import { type ResourceInfo, resourcePath } from './discovery.js';
import { jsonLines } from './json-lines.js';
import { kubeError } from './kube-errors.js';
import type { KubeObject } from './selectors.js';

export type CacheEventType = 'ADDED' | 'MODIFIED' | 'DELETED';
export interface CacheEvent {
  type: CacheEventType;
  object: KubeObject;
}
export type CacheListener = (ev: CacheEvent) => void;

/** A cached object and its JSON as UTF-8 bytes (`JSON.stringify(obj)`, computed once per version). */
export interface CachedEntry {
  key: string;
  obj: KubeObject;
  json: Buffer;
}

/** Positions (ascending) in sortedEntries() of the objects whose label has each value. */
export type LabelIndex = Map<string, number[]>;

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

export interface WatchCache {
  readonly info: ResourceInfo;
  state: 'starting' | 'synced' | 'error' | 'overflow' | 'stopped';
  lastError: Error | undefined;
  resourceVersion: string;
  lastUsed: number;
  /** Resolves once synced; rejects with the last error on timeout or failure. */
  ready(timeoutMs: number): Promise<void>;
  /** Objects sorted by namespace/name (a snapshot reused until the next change). */
  sorted(): KubeObject[];
  /** The same snapshot as entries with their JSON text. */
  sortedEntries(): CachedEntry[];
  /** An index of sortedEntries() by the value of one label, built on first use and kept with the snapshot. */
  labelIndex(label: string): LabelIndex;
  get(namespace: string | undefined, name: string): KubeObject | undefined;
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

export const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

interface Stored {
  obj: KubeObject;
  json: Buffer;
  size: number;
}

function stored(obj: KubeObject): Stored {
  const json = Buffer.from(JSON.stringify(obj));
  return { obj, json, size: json.length };
}

interface Snapshot {
  entries: CachedEntry[];
  objects: KubeObject[] | undefined;
  labels: Map<string, LabelIndex>;
}

function slim(o: KubeObject): KubeObject {
  if (o.metadata.managedFields === undefined) return o;
  const { managedFields: _drop, ...metadata } = o.metadata;
  return { ...o, metadata: metadata as KubeObject['metadata'] };
}

export function createWatchCache(conn: ClusterConnection, info: ResourceInfo, opts: WatchCacheOptions): WatchCache {
  const items = new Map<string, Stored>();
  const listeners = new Set<CacheListener>();
  const apiVersion = info.group ? `${info.group}/${info.version}` : info.version;
  let snapshot: Snapshot | undefined;
  let totalBytes = 0;
  let relists = 0;
  let stopped = false;
  let current: { close(): void } | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let backoff = 500;
  let readyWaiters: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];

  const cache: WatchCache = {
    info,
    state: 'starting',
    lastError: undefined,
    resourceVersion: '',
    lastUsed: Date.now(),
    ready(timeoutMs) {
      cache.lastUsed = Date.now();
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
    sorted() {
      const s = currentSnapshot();
      s.objects ??= s.entries.map((e) => e.obj);
      return s.objects;
    },
    sortedEntries: () => currentSnapshot().entries,
    labelIndex(label) {
      const s = currentSnapshot();
      let index = s.labels.get(label);
      if (!index) {
        index = new Map();
        for (let i = 0; i < s.entries.length; i++) {
          const value = s.entries[i]!.obj.metadata.labels?.[label];
          if (value === undefined) continue;
          const at = index.get(value);
          if (at) at.push(i);
          else index.set(value, [i]);
        }
        s.labels.set(label, index);
      }
      return index;
    },
    get(namespace, name) {
      cache.lastUsed = Date.now();
      return items.get(`${namespace ?? ''}/${name}`)?.obj;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        cache.lastUsed = Date.now();
      };
    },
    subscribers: () => listeners.size,
    bytes: () => totalBytes,
    stats() {
      return {
        resource: `${info.resource}${info.group ? `.${info.group}` : ''}`,
        state: cache.state,
        objects: items.size,
        bytes: totalBytes,
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
      items.clear();
      snapshot = undefined;
      totalBytes = 0;
      for (const w of readyWaiters) w.reject(new Error('cache stopped'));
      readyWaiters = [];
    },
  };

  function currentSnapshot(): Snapshot {
    cache.lastUsed = Date.now();
    if (!snapshot) {
      const entries = [...items.entries()]
        .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
        .map(([key, v]) => ({ key, obj: v.obj, json: v.json }));
      snapshot = { entries, objects: undefined, labels: new Map() };
    }
    return snapshot;
  }

  function emit(type: CacheEventType, object: KubeObject): void {
    for (const l of listeners) {
      try {
        l({ type, object });
      } catch (err) {
        opts.logger.warn({ err }, 'watch cache listener failed');
      }
    }
  }

  function put(obj: KubeObject): boolean {
    const key = keyOf(obj);
    const prev = items.get(key);
    const next = stored(obj);
    totalBytes += next.size - (prev?.size ?? 0);
    items.set(key, next);
    snapshot = undefined;
    return prev !== undefined;
  }

  function remove(obj: KubeObject): void {
    const key = keyOf(obj);
    const prev = items.get(key);
    if (!prev) return;
    totalBytes -= prev.size;
    items.delete(key);
    snapshot = undefined;
  }

  function overflow(): void {
    cache.state = 'overflow';
    cache.lastError = new Error(`more than ${opts.maxObjects} ${info.resource}: not cached, served by the API server`);
    current?.close();
    items.clear();
    totalBytes = 0;
    snapshot = undefined;
    for (const w of readyWaiters) w.reject(cache.lastError);
    readyWaiters = [];
  }

  async function list(): Promise<void> {
    const fresh = new Map<string, Stored>();
    let cont = '';
    let rv = '';
    do {
      const q = new URLSearchParams({ limit: String(opts.pageSize) });
      if (cont) q.set('continue', cont);
      const res = await conn.request({ path: `${resourcePath(info)}?${q}`, timeoutMs: 60_000 });
      if (res.status !== 200) throw kubeError(res.status, res.body);
      const body = res.json<{ items: KubeObject[]; metadata: { resourceVersion?: string; continue?: string } }>();
      for (const raw of body.items) {
        const obj = slim({ ...raw, apiVersion, kind: info.kind });
        fresh.set(keyOf(obj), stored(obj));
      }
      if (fresh.size > opts.maxObjects) return overflow();
      cont = body.metadata.continue ?? '';
      rv = body.metadata.resourceVersion ?? rv;
    } while (cont && !stopped);
    if (stopped) return;
    const firstSync = cache.state === 'starting';
    // Relist: tell subscribers what changed while we were not watching.
    if (!firstSync) {
      for (const [key, old] of items) if (!fresh.has(key)) emit('DELETED', old.obj);
      for (const [key, v] of fresh) {
        const old = items.get(key);
        if (!old) emit('ADDED', v.obj);
        else if (old.obj.metadata.resourceVersion !== v.obj.metadata.resourceVersion) emit('MODIFIED', v.obj);
      }
    }
    items.clear();
    totalBytes = 0;
    for (const [key, v] of fresh) {
      items.set(key, v);
      totalBytes += v.size;
    }
    snapshot = undefined;
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
      const obj = slim({ ...ev.object, apiVersion, kind: info.kind });
      if (ev.type === 'DELETED') {
        remove(obj);
        emit('DELETED', obj);
      } else {
        const existed = put(obj);
        if (items.size > opts.maxObjects) {
          overflow();
          return 'again';
        }
        emit(existed ? 'MODIFIED' : 'ADDED', obj);
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
