/**
 * How the watch cache keeps one object: its JSON text and the few fields that lists, selectors, RBAC
 * filtering, search and the WebSocket hub read, so none of them parses it. The parsed object is made on
 * demand (`object()`) and kept in a small LRU shared by every cache (docs/benchmarks.md, "memory").
 *
 * The text is a V8 string: JSON of ASCII-only objects is a one-byte string, 1 byte per character, and
 * `Buffer.byteLength` flattens it once (JSON.stringify returns a tree of parts). Label sets, owner
 * references and the indexed field values are interned per cache: the pods of one ReplicaSet share them.
 */
import { type KubeObject, pathValue } from './selectors.js';

export interface OwnerReference {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly uid: string;
  readonly controller?: boolean;
  readonly blockOwnerDeletion?: boolean;
}

/** A cached object, read without parsing it. Immutable: a change of the object is a new CachedObject. */
export interface CachedObject {
  /** `namespace/name` (`/name` when cluster-scoped): the cache's key and sort order. */
  readonly key: string;
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace: string | undefined;
  readonly name: string;
  /** Frozen and shared between objects; empty when the object has none. */
  readonly labels: Readonly<Record<string, string>>;
  readonly resourceVersion: string | undefined;
  readonly uid: string | undefined;
  /** Frozen and shared between objects; empty when the object has none. */
  readonly ownerReferences: readonly OwnerReference[];
  /** The object as JSON (`JSON.stringify(object())`), for answers built by concatenation. */
  readonly json: string;
  /** The length of `json` in UTF-8 bytes. */
  readonly bytes: number;
  /** A field as a fieldSelector compares it: indexed fields (per kind) without parsing, others parsed. */
  field(path: string): string | undefined;
  /** The parsed object: made on demand, shared by every caller until evicted — never modify it. */
  object(): KubeObject;
  /** Writes `json` as UTF-8 into `buf` at `offset`; returns the byte count (`bytes`). */
  writeJson(buf: Buffer, offset: number): number;
}

/** What every object of one cache shares: its type and the field paths indexed for its kind. */
export interface CachedKind {
  readonly apiVersion: string;
  readonly kind: string;
  readonly paths: readonly string[];
  /** Whether the indexed values repeat across objects (so interning the tuple pays). */
  readonly shared: boolean;
}

/** The fields the API server supports in field selectors, per kind, that are worth keeping unparsed. */
const INDEXED: Record<string, { paths: string[]; shared: boolean }> = {
  'v1/Pod': {
    paths: ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'status.phase'],
    shared: true,
  },
  'v1/Event': {
    paths: [
      'involvedObject.kind',
      'involvedObject.namespace',
      'involvedObject.name',
      'involvedObject.uid',
      'reason',
      'type',
    ],
    shared: false,
  },
  'v1/Secret': { paths: ['type'], shared: true },
  'v1/Node': { paths: ['spec.unschedulable'], shared: true },
  'v1/Namespace': { paths: ['status.phase'], shared: true },
  'apps/v1/ReplicaSet': { paths: ['status.replicas'], shared: true },
  'batch/v1/Job': { paths: ['status.successful'], shared: true },
};

export function cachedKind(apiVersion: string, kind: string): CachedKind {
  const indexed = INDEXED[`${apiVersion}/${kind}`];
  return { apiVersion, kind, paths: indexed?.paths ?? [], shared: indexed?.shared ?? true };
}

/** Interned values of one cache; each table is cleared when it outgrows `max` (sharing is only an optimisation). */
export interface InternPool {
  namespace(ns: string | undefined): string | undefined;
  labels(labels: Record<string, string> | undefined): Readonly<Record<string, string>>;
  owners(refs: OwnerReference[] | undefined): readonly OwnerReference[];
  fields(values: Array<string | undefined>): readonly (string | undefined)[];
}

const NO_LABELS: Readonly<Record<string, string>> = Object.freeze({});
const NO_OWNERS: readonly OwnerReference[] = Object.freeze([]);
const NO_FIELDS: readonly (string | undefined)[] = Object.freeze([]);

type Flat = Readonly<Record<string, unknown>>;

/** A 32-bit FNV-1a hash of a string, continuing from `h`. */
function hashText(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return Math.imul(h ^ 0xff, 0x01000193);
}

/** Hash of a flat record (labels, one owner reference): its keys and values, in order. */
function hashFlat(h: number, r: Flat): number {
  for (const k in r) h = hashText(hashText(h, k), String(r[k]));
  return h;
}

/** Same keys in the same order, same primitive values. */
function sameFlat(a: Flat, b: Flat): boolean {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i] as string;
    if (k !== kb[i] || a[k] !== b[k]) return false;
  }
  return true;
}

/**
 * One interned table, keyed by a hash of the value rather than by its text: a text key would be a string kept
 * beside every value, and most ReplicaSets' and Deployments' label sets and owner lists are their own. A hash
 * that matches a different value (a collision) gets an unshared copy. Cleared when it outgrows `max`.
 */
function table<T>(max: number, same: (stored: T, value: T) => boolean): (hash: number, value: T, make: () => T) => T {
  const map = new Map<number, T>();
  return (hash, value, make) => {
    const stored = map.get(hash);
    if (stored !== undefined) return same(stored, value) ? stored : make();
    if (map.size >= max) map.clear();
    const made = make();
    map.set(hash, made);
    return made;
  };
}

const FNV = 0x811c9dc5;

export function createInternPool(max = 20_000): InternPool {
  const namespaces = new Map<string, string>();
  const labelSets = table<Flat>(max, sameFlat);
  const ownerSets = table<readonly Flat[]>(
    max,
    (a, b) => a.length === b.length && a.every((r, i) => sameFlat(r, b[i]!)),
  );
  const fieldSets = table<readonly (string | undefined)[]>(
    max,
    (a, b) => a.length === b.length && a.every((v, i) => v === b[i]),
  );
  return {
    namespace(ns) {
      if (ns === undefined) return undefined;
      const stored = namespaces.get(ns);
      if (stored !== undefined) return stored;
      if (namespaces.size >= max) namespaces.clear();
      namespaces.set(ns, ns);
      return ns;
    },
    labels(labels) {
      if (!labels) return NO_LABELS;
      const hash = hashFlat(FNV, labels);
      if (hash === FNV && Object.keys(labels).length === 0) return NO_LABELS;
      return labelSets(hash, labels, () => Object.freeze({ ...labels })) as Readonly<Record<string, string>>;
    },
    owners(refs) {
      if (!Array.isArray(refs) || refs.length === 0) return NO_OWNERS;
      let hash = FNV;
      for (const r of refs) hash = hashFlat(hash, r as unknown as Flat);
      return ownerSets(hash, refs as unknown as Flat[], () =>
        Object.freeze(refs.map((r) => Object.freeze({ ...r }))),
      ) as unknown as readonly OwnerReference[];
    },
    fields(values) {
      if (values.length === 0) return NO_FIELDS;
      let hash = FNV;
      for (const v of values) hash = v === undefined ? Math.imul(hash ^ 0x101, 0x01000193) : hashText(hash, v);
      return fieldSets(hash, values, () => Object.freeze(values));
    },
  };
}

/** No interning (objects made one at a time, e.g. a redacted view). */
export const NO_POOL: InternPool = {
  namespace: (ns) => ns,
  labels: (labels) => (labels ? Object.freeze({ ...labels }) : NO_LABELS),
  owners: (refs) =>
    Array.isArray(refs) && refs.length ? Object.freeze(refs.map((r) => Object.freeze({ ...r }))) : NO_OWNERS,
  fields: (values) => (values.length ? Object.freeze(values) : NO_FIELDS),
};

// Parsed objects, most recently used last: enough for an event's fan-out (every listener of one change
// gets the same object, parsed once) without keeping a parsed copy of the whole cache.
const PARSED_MAX = 256;
const parsed = new Map<CachedObject, KubeObject>();

function remember(entry: CachedObject, obj: KubeObject): void {
  parsed.delete(entry);
  parsed.set(entry, obj);
  if (parsed.size > PARSED_MAX) parsed.delete(parsed.keys().next().value as CachedObject);
}

// A class, not a factory: 30,000 cached objects share one set of methods instead of a closure each.
class StoredObject implements CachedObject {
  constructor(
    readonly key: string,
    readonly namespace: string | undefined,
    readonly name: string,
    readonly labels: Readonly<Record<string, string>>,
    readonly resourceVersion: string | undefined,
    readonly ownerReferences: readonly OwnerReference[],
    readonly json: string,
    readonly bytes: number,
    private readonly type: CachedKind,
    private readonly values: readonly (string | undefined)[],
  ) {}

  get apiVersion(): string {
    return this.type.apiVersion;
  }

  get kind(): string {
    return this.type.kind;
  }

  /** Read from the object (only the broker's event ids use it): not a string of its own on every cached object. */
  get uid(): string | undefined {
    const uid = this.object().metadata.uid;
    return typeof uid === 'string' ? uid : undefined;
  }

  field(path: string): string | undefined {
    if (path === 'metadata.name') return this.name;
    if (path === 'metadata.namespace') return this.namespace;
    const i = this.type.paths.indexOf(path);
    return i >= 0 ? this.values[i] : pathValue(this.object(), path);
  }

  object(): KubeObject {
    const obj = parsed.get(this) ?? (JSON.parse(this.json) as KubeObject);
    remember(this, obj);
    return obj;
  }

  writeJson(buf: Buffer, offset: number): number {
    // ASCII JSON (byte count = character count) is copied as is; anything else is encoded.
    return buf.write(this.json, offset, this.bytes === this.json.length ? 'latin1' : 'utf8');
  }
}

/**
 * `namespace/name`. Joined, not concatenated: `a + '/' + b` is a rope (two cons strings) that V8 flattens into a
 * third string the first time the key is hashed, and a cached object keeps all of them; join makes one flat string.
 */
export const keyOf = (o: { metadata: { namespace?: string | undefined; name: string } }): string =>
  [o.metadata.namespace ?? '', o.metadata.name].join('/');

/**
 * The cached form of an object (its apiVersion and kind already set). `parsedNow`: keep `obj` as the
 * parsed object for a while (a watch event's listeners then read it without parsing the JSON again).
 */
export function cacheObject(obj: KubeObject, type: CachedKind, pool: InternPool, parsedNow = false): CachedObject {
  const json = JSON.stringify(obj);
  const m = obj.metadata;
  const values = type.paths.map((p) => pathValue(obj, p));
  const entry = new StoredObject(
    keyOf(obj),
    pool.namespace(m.namespace),
    m.name,
    pool.labels(m.labels),
    m.resourceVersion,
    pool.owners(m.ownerReferences as OwnerReference[] | undefined),
    json,
    Buffer.byteLength(json),
    type,
    type.shared ? pool.fields(values) : values.length ? values : NO_FIELDS,
  );
  if (parsedNow) remember(entry, obj);
  return entry;
}

/** Writes a list answer: head, the objects' JSON separated by commas, tail — one allocation, no re-serialising. */
export function joinJson(head: string, items: readonly CachedObject[], tail: string): Buffer {
  let total = Buffer.byteLength(head) + Buffer.byteLength(tail) + Math.max(items.length - 1, 0);
  for (const e of items) total += e.bytes;
  const buf = Buffer.allocUnsafe(total);
  let at = buf.write(head, 0);
  for (let i = 0; i < items.length; i++) {
    if (i > 0) buf[at++] = 0x2c;
    at += items[i]!.writeJson(buf, at);
  }
  at += buf.write(tail, at);
  return at === total ? buf : buf.subarray(0, at);
}
