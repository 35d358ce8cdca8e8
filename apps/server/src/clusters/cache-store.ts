/**
 * The objects of one watch cache and its read API. Readers get CachedObjects (cached-object.ts): the
 * indexed fields and the JSON without parsing, the parsed object on demand — the representation stays
 * behind that interface. A sorted snapshot (and label indexes over it) is kept and brought up to date from the
 * changes since, when next read (a copy: whoever reads the previous snapshot keeps it unchanged).
 */
import {
  type AllowedNamespaces,
  buildLabelIndex,
  type CacheListQuery,
  type CachePage,
  type CacheView,
  type LabelIndex,
  queryItems,
  startAfter,
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

/** A change since the snapshot was built: applied to a copy of it instead of sorting every object again. */
type Change = { kind: 'put'; entry: CachedObject } | { kind: 'remove'; key: string };

/** Past this many changes (or an eighth of the objects), the next snapshot is sorted from scratch. */
const MAX_CHANGES = 1_024;

/** The position of `key` in entries sorted by key, or where it would go (`found` false). */
function locate(entries: readonly CachedObject[], key: string): { at: number; found: boolean } {
  const after = startAfter(entries, key);
  return after > 0 && entries[after - 1]!.key === key ? { at: after - 1, found: true } : { at: after, found: false };
}

/**
 * The next snapshot from the last one and the changes since: a copy (readers of the old one keep it) with
 * changed objects replaced in place, new ones inserted and removed ones cut at their sorted position. A
 * label index survives when only objects whose value of that label did not change were replaced (positions
 * then stay); an insertion or removal shifts positions, so every index is rebuilt on demand.
 */
function advance(s: Snapshot, changes: readonly Change[]): Snapshot {
  const entries = s.entries.slice();
  let shifted = false;
  const stale = new Set<string>();
  for (const c of changes) {
    const { at, found } = locate(entries, c.kind === 'put' ? c.entry.key : c.key);
    if (c.kind === 'remove') {
      if (found) {
        entries.splice(at, 1);
        shifted = true;
      }
    } else if (found) {
      const old = entries[at]!;
      entries[at] = c.entry;
      if (old.labels !== c.entry.labels)
        for (const label of s.labels.keys()) if (old.labels[label] !== c.entry.labels[label]) stale.add(label);
    } else {
      entries.splice(at, 0, c.entry);
      shifted = true;
    }
  }
  const labels = new Map<string, LabelIndex>();
  if (!shifted) for (const [label, index] of s.labels) if (!stale.has(label)) labels.set(label, index);
  return { entries, labels };
}

export function createCacheStore(type: CachedKind): CacheStore {
  let items = new Map<string, CachedObject>();
  let pool = createInternPool();
  let snapshot: Snapshot | undefined;
  /** Changes not yet in `snapshot`; undefined when the next snapshot must be sorted from scratch. */
  let changes: Change[] | undefined = [];
  let totalBytes = 0;

  function current(): Snapshot {
    if (snapshot && changes && changes.length > 0) snapshot = advance(snapshot, changes);
    else if (!snapshot || !changes) {
      const entries = [...items.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      snapshot = { entries, labels: new Map() };
    }
    changes = [];
    return snapshot;
  }

  function changed(c: Change): void {
    if (!snapshot || !changes) return;
    if (changes.length >= MAX_CHANGES || changes.length * 8 > snapshot.entries.length) changes = undefined;
    else changes.push(c);
  }

  function reset(): void {
    snapshot = undefined;
    changes = [];
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
      changed({ kind: 'put', entry });
      return prev;
    },
    remove(key) {
      const prev = items.get(key);
      if (!prev) return undefined;
      totalBytes -= prev.bytes;
      items.delete(key);
      changed({ kind: 'remove', key });
      return prev;
    },
    values: () => items.values(),
    replaceAll(entries) {
      items = entries;
      totalBytes = 0;
      for (const e of entries.values()) totalBytes += e.bytes;
      reset();
    },
    clear() {
      items = new Map();
      pool = createInternPool();
      totalBytes = 0;
      reset();
    },
  };
}
