/**
 * The objects of one watch cache and its read API. Readers get CachedObjects (cached-object.ts): the
 * indexed fields and the JSON without parsing, the parsed object on demand — the representation stays
 * behind that interface. A sorted snapshot (and label indexes over it) is kept until the next change.
 */
import {
  type AllowedNamespaces,
  buildLabelIndex,
  type CacheListQuery,
  type CachePage,
  type CacheView,
  type LabelIndex,
  queryItems,
} from './cache-query.js';
import { type CachedKind, type CachedObject, cacheObject, createInternPool } from './cached-object.js';
import type { KubeObject } from './selectors.js';

export type { AllowedNamespaces, CacheListQuery, CachePage } from './cache-query.js';

/** How every reader of a cache (lists, search, the hub, fleet, plugins) sees its objects. */
export interface CacheReader {
  /** The resourceVersion the cache is at. */
  readonly resourceVersion: string;
  /** How many objects the cache holds. */
  size(): number;
  get(namespace: string | undefined, name: string): CachedObject | undefined;
  /**
   * A page in key (namespace/name) order, filtered as the API server filters a list, and by the
   * namespaces the caller may read (default 'all'). Throws AppError BAD_REQUEST on a bad selector or token.
   */
  list(q: CacheListQuery, allowed?: AllowedNamespaces): CachePage;
  /** Every object in key order, from a snapshot: changes made while iterating are not seen. */
  iterate(): IterableIterator<CachedObject>;
}

export interface CacheStore {
  get(namespace: string | undefined, name: string): CachedObject | undefined;
  /** CacheReader.list at resourceVersion `rv`. */
  list(q: CacheListQuery, allowed: AllowedNamespaces, rv: string): CachePage;
  iterate(): IterableIterator<CachedObject>;
  size(): number;
  /** Total JSON bytes held. */
  bytes(): number;
  /** The cached form of an object (not stored). `parsedNow`: keep the parsed object for the event's listeners. */
  make(obj: KubeObject, parsedNow?: boolean): CachedObject;
  /** Stores an object; returns the version it replaced. */
  put(entry: CachedObject): CachedObject | undefined;
  /** Removes an object by key; returns what was stored. */
  remove(key: string): CachedObject | undefined;
  /** Every stored object, unordered. */
  values(): IterableIterator<CachedObject>;
  /** Replaces every object (a relist). */
  replaceAll(entries: Map<string, CachedObject>): void;
  clear(): void;
}

interface Snapshot {
  entries: CachedObject[];
  labels: Map<string, LabelIndex>;
}

export function createCacheStore(type: CachedKind): CacheStore {
  let items = new Map<string, CachedObject>();
  let pool = createInternPool();
  let snapshot: Snapshot | undefined;
  let totalBytes = 0;

  function current(): Snapshot {
    if (!snapshot) {
      const entries = [...items.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      snapshot = { entries, labels: new Map() };
    }
    return snapshot;
  }

  function view(rv: string): CacheView {
    const s = current();
    return {
      entries: s.entries,
      resourceVersion: rv,
      labelIndex(label) {
        let index = s.labels.get(label);
        if (!index) {
          index = buildLabelIndex(s.entries, label);
          s.labels.set(label, index);
        }
        return index;
      },
    };
  }

  return {
    get: (namespace, name) => items.get(`${namespace ?? ''}/${name}`),
    list: (q, allowed, rv) => queryItems(view(rv), q, allowed),
    iterate: () => current().entries[Symbol.iterator](),
    size: () => items.size,
    bytes: () => totalBytes,
    make: (obj, parsedNow = false) => cacheObject(obj, type, pool, parsedNow),
    put(entry) {
      const prev = items.get(entry.key);
      totalBytes += entry.bytes - (prev?.bytes ?? 0);
      items.set(entry.key, entry);
      snapshot = undefined;
      return prev;
    },
    remove(key) {
      const prev = items.get(key);
      if (!prev) return undefined;
      totalBytes -= prev.bytes;
      items.delete(key);
      snapshot = undefined;
      return prev;
    },
    values: () => items.values(),
    replaceAll(entries) {
      items = entries;
      totalBytes = 0;
      for (const e of entries.values()) totalBytes += e.bytes;
      snapshot = undefined;
    },
    clear() {
      items = new Map();
      pool = createInternPool();
      totalBytes = 0;
      snapshot = undefined;
    },
  };
}
