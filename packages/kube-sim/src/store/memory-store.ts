/** The in-memory ObjectStore. See types.ts for the contract. */
import { alreadyExists, conflict, invalid, notFound, STALE_MESSAGE, StoreError } from './errors.js';
import { createEventHub } from './event-hub.js';
import { createGarbageCollector } from './gc.js';
import type { Bucket, StoreInternals } from './internals.js';
import { createLister } from './lister.js';
import { defaultUid, objKey, randomSuffix, sameContent, specChanged, validateName } from './meta.js';
import {
  type DeleteResult,
  type KubeObject,
  type ObjectStore,
  type ResourceRef,
  resourceKey,
  type StoreEvent,
  type StoreOptions,
} from './types.js';

function bound(keys: string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((keys[mid] as string) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** keeps the cached sorted key list in step without re-sorting (it is private to the store) */
function insertSorted(bucket: Bucket, key: string): void {
  if (bucket.sorted) bucket.sorted.splice(bound(bucket.sorted, key), 0, key);
}

function removeSorted(bucket: Bucket, key: string): void {
  if (!bucket.sorted) return;
  const i = bound(bucket.sorted, key);
  if (bucket.sorted[i] === key) bucket.sorted.splice(i, 1);
}

const NAMESPACES: ResourceRef = {
  group: '',
  version: 'v1',
  resource: 'namespaces',
  kind: 'Namespace',
  namespaced: false,
};

export function createStore(options: StoreOptions & { enforceNamespaces?: boolean } = {}): ObjectStore {
  const now = options.now ?? (() => new Date());
  const newUid = options.uid ?? defaultUid;
  const enforceNamespaces = options.enforceNamespaces ?? true;
  const hub = createEventHub(options.historySize ?? 20_000);
  const buckets = new Map<string, Bucket>();
  const uidIndex = new Map<string, { bucket: Bucket; key: string }>();
  const dependents = new Map<string, Set<string>>(); // owner uid -> dependent uids
  const nsCounts = new Map<string, number>();
  let rv = 0;

  const timestamp = (): string => `${now().toISOString().slice(0, 19)}Z`;

  function bucketFor(ref: ResourceRef): Bucket {
    const key = resourceKey(ref);
    let b = buckets.get(key);
    if (!b) {
      b = { key, ref, objects: new Map(), sorted: null, sortedObjects: null };
      buckets.set(key, b);
    }
    return b;
  }

  function nsOf(ref: ResourceRef, namespace: string | undefined): string {
    return ref.namespaced === false ? '' : (namespace ?? '');
  }

  function index(obj: KubeObject, bucket: Bucket, key: string, prev: KubeObject | undefined): void {
    const uid = obj.metadata.uid as string;
    if (!prev) {
      uidIndex.set(uid, { bucket, key });
      const ns = obj.metadata.namespace;
      if (ns) nsCounts.set(ns, (nsCounts.get(ns) ?? 0) + 1);
    }
    const before = new Set((prev?.metadata.ownerReferences ?? []).map((o) => o.uid));
    const after = new Set((obj.metadata.ownerReferences ?? []).map((o) => o.uid));
    for (const o of before) if (!after.has(o)) dependents.get(o)?.delete(uid);
    for (const o of after) {
      if (before.has(o)) continue;
      let s = dependents.get(o);
      if (!s) {
        s = new Set();
        dependents.set(o, s);
      }
      s.add(uid);
    }
  }

  function unindex(obj: KubeObject): void {
    const uid = obj.metadata.uid as string;
    uidIndex.delete(uid);
    for (const o of obj.metadata.ownerReferences ?? []) dependents.get(o.uid)?.delete(uid);
    const ns = obj.metadata.namespace;
    if (ns) nsCounts.set(ns, (nsCounts.get(ns) ?? 1) - 1);
  }

  function emit(type: StoreEvent['type'], bucket: Bucket, object: KubeObject, prev: KubeObject | undefined): void {
    hub.publish({ type, resourceKey: bucket.key, object, rv: Number(object.metadata.resourceVersion), prev }, true);
  }

  function put(
    bucket: Bucket,
    key: string,
    obj: KubeObject,
    prev: KubeObject | undefined,
    type: 'ADDED' | 'MODIFIED',
  ): void {
    bucket.objects.set(key, obj);
    bucket.sortedObjects = null;
    if (!prev) insertSorted(bucket, key);
    index(obj, bucket, key, prev);
    emit(type, bucket, obj, prev);
  }

  /** Removes an object for good (no finalizers left), then lets the GC follow. */
  function removeNow(bucket: Bucket, key: string, obj: KubeObject): KubeObject {
    const gone: KubeObject = { ...obj, metadata: { ...obj.metadata, resourceVersion: String(++rv) } };
    bucket.objects.delete(key);
    removeSorted(bucket, key);
    bucket.sortedObjects = null;
    unindex(obj);
    emit('DELETED', bucket, gone, obj);
    gc.afterRemoval(gone);
    return gone;
  }

  function checkNamespace(ref: ResourceRef, ns: string): void {
    if (!enforceNamespaces || ref.namespaced === false) return;
    const nsObj = buckets.get(resourceKey(NAMESPACES))?.objects.get(objKey('', ns));
    if (!nsObj) throw notFound('', 'namespaces', ns);
    if (nsObj.metadata.deletionTimestamp) {
      throw new StoreError(
        403,
        'Forbidden',
        `${ref.group ? `${ref.resource}.${ref.group}` : ref.resource} is forbidden: unable to create new content in namespace ${ns} because it is being terminated`,
        { name: ns, kind: 'namespaces' },
      );
    }
  }

  /** `trusted` (bulk loads): keep a given uid, creationTimestamp and generation. */
  function prepareNew(ref: ResourceRef, input: KubeObject, clone: boolean, trusted = false): KubeObject {
    const obj = clone ? structuredClone(input) : input;
    const meta = obj.metadata ?? {};
    obj.metadata = meta;
    if (ref.namespaced === false) delete meta.namespace;
    else if (!meta.namespace) meta.namespace = 'default';
    if (!meta.name && meta.generateName) meta.name = `${meta.generateName}${randomSuffix()}`;
    if (!trusted || !meta.uid) meta.uid = newUid();
    meta.resourceVersion = String(++rv);
    if (!trusted || !meta.creationTimestamp) meta.creationTimestamp = timestamp();
    if (trusted && meta.generation !== undefined) {
      // keep
    } else if ('spec' in obj) meta.generation = 1;
    else delete meta.generation;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    return obj;
  }

  const internals: StoreInternals = {
    buckets,
    uidIndex,
    dependents,
    nsCounts,
    removeNow,
    nextRv: () => ++rv,
    timestamp,
    put,
  };
  const gc = createGarbageCollector(internals, () => store);
  const lister = createLister(() => rv);

  const store: ObjectStore = {
    currentResourceVersion: () => rv,

    get(ref, namespace, name) {
      return buckets.get(resourceKey(ref))?.objects.get(objKey(nsOf(ref, namespace), name));
    },

    mustGet(ref, namespace, name) {
      const o = store.get(ref, namespace, name);
      if (!o) throw notFound(ref.group, ref.resource, name);
      return o;
    },

    create(ref, input, opts = {}) {
      const meta = input.metadata ?? {};
      const name = meta.name ?? '';
      if (!name && !meta.generateName) {
        throw invalid(ref.kind ?? ref.resource, ref.group, '', [
          {
            field: 'metadata.name',
            reason: 'FieldValueRequired',
            message: 'Required value: name or generateName is required',
          },
        ]);
      }
      validateName(
        ref.kind ?? ref.resource,
        ref.group,
        name,
        ref.group.includes('.') && !ref.group.endsWith('.k8s.io'),
        meta.generateName,
      );
      const ns = nsOf(ref, meta.namespace ?? (ref.namespaced === false ? undefined : 'default'));
      checkNamespace(ref, ns);
      const bucket = bucketFor(ref);
      if (name && bucket.objects.has(objKey(ns, name))) throw alreadyExists(ref.group, ref.resource, name);
      if (opts.dryRun) {
        const saved = rv;
        const obj = prepareNew(ref, input, true);
        rv = saved;
        obj.metadata.resourceVersion = '';
        delete obj.metadata.uid;
        return obj;
      }
      const obj = prepareNew(ref, input, true);
      const key = objKey(ns, obj.metadata.name as string);
      if (bucket.objects.has(key)) throw alreadyExists(ref.group, ref.resource, obj.metadata.name as string);
      put(bucket, key, obj, undefined, 'ADDED');
      return obj;
    },

    update(ref, input, opts = {}) {
      const name = input.metadata?.name ?? '';
      const ns = nsOf(ref, input.metadata?.namespace ?? (ref.namespaced === false ? undefined : 'default'));
      const bucket = bucketFor(ref);
      const key = objKey(ns, name);
      const prev = bucket.objects.get(key);
      if (!prev) {
        if (opts.allowCreate && opts.subresource !== 'status') {
          const copy = structuredClone(input);
          delete copy.metadata.resourceVersion;
          return store.create(ref, copy, opts);
        }
        throw notFound(ref.group, ref.resource, name);
      }
      const want = input.metadata.resourceVersion;
      if (want && want !== prev.metadata.resourceVersion) throw conflict(ref.group, ref.resource, name, STALE_MESSAGE);
      if (input.metadata.uid && input.metadata.uid !== prev.metadata.uid) {
        throw conflict(
          ref.group,
          ref.resource,
          name,
          `Precondition failed: UID in precondition: ${input.metadata.uid}, UID in object meta: ${prev.metadata.uid}`,
        );
      }
      let next: KubeObject;
      if (opts.subresource === 'status') {
        next = { ...prev, metadata: { ...prev.metadata }, status: structuredClone(input.status) };
        if (input.status === undefined) delete next.status;
      } else {
        next = structuredClone(input);
        if (opts.preserveStatus) {
          if (prev.status === undefined) delete next.status;
          else next.status = prev.status;
        }
      }
      const meta = next.metadata;
      meta.name = name;
      if (ref.namespaced === false) delete meta.namespace;
      else meta.namespace = ns;
      meta.uid = prev.metadata.uid;
      meta.creationTimestamp = prev.metadata.creationTimestamp;
      if (prev.metadata.deletionTimestamp) {
        meta.deletionTimestamp = prev.metadata.deletionTimestamp;
        meta.deletionGracePeriodSeconds = prev.metadata.deletionGracePeriodSeconds;
      } else {
        delete meta.deletionTimestamp;
        delete meta.deletionGracePeriodSeconds;
      }
      if (meta.managedFields === undefined && prev.metadata.managedFields)
        meta.managedFields = prev.metadata.managedFields;
      if (prev.metadata.generation !== undefined || 'spec' in next) {
        const g = prev.metadata.generation ?? 1;
        meta.generation = specChanged(prev, next) ? g + 1 : g;
      }
      meta.resourceVersion = prev.metadata.resourceVersion;
      if (sameContent(prev, next)) return prev;
      if (opts.dryRun) return next;
      meta.resourceVersion = String(++rv);
      const finalizersGone = (meta.finalizers ?? []).length === 0;
      if (meta.deletionTimestamp && finalizersGone && !gc.blocksRemoval(next, bucket.key)) {
        bucket.objects.set(key, next);
        bucket.sortedObjects = null;
        return removeNow(bucket, key, next);
      }
      put(bucket, key, next, prev, 'MODIFIED');
      return next;
    },

    delete(ref, namespace, name, opts = {}): DeleteResult {
      const bucket = bucketFor(ref);
      const key = objKey(nsOf(ref, namespace), name);
      const obj = bucket.objects.get(key);
      if (!obj) throw notFound(ref.group, ref.resource, name);
      const pre = opts.preconditions;
      if (pre?.uid && pre.uid !== obj.metadata.uid) {
        throw conflict(
          ref.group,
          ref.resource,
          name,
          `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${obj.metadata.uid}`,
        );
      }
      if (pre?.resourceVersion && pre.resourceVersion !== obj.metadata.resourceVersion) {
        throw conflict(
          ref.group,
          ref.resource,
          name,
          `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${obj.metadata.resourceVersion}`,
        );
      }
      if (opts.dryRun) return { object: obj, removed: (obj.metadata.finalizers ?? []).length === 0 };
      return gc.delete(bucket, key, obj, opts.propagationPolicy ?? gc.defaultPolicy(ref));
    },

    list(ref, opts = {}) {
      const bucket = buckets.get(resourceKey(ref));
      return lister.list(bucket, ref, opts);
    },

    watch(ref, opts, send) {
      const key = resourceKey(ref);
      const stop = hub.addWatch(
        key,
        { ...opts, namespace: ref.namespaced === false ? undefined : opts.namespace },
        rv,
        () => store.list(ref, { namespace: ref.namespaced === false ? undefined : opts.namespace }).items,
        send,
      );
      return { stop };
    },

    subscribe(listener, filter) {
      return hub.subscribe(listener, filter);
    },

    bulkLoad(ref, objs, opts = {}) {
      const bucket = bucketFor(ref);
      for (const input of objs) {
        const obj = prepareNew(ref, input, false, true);
        const key = objKey(obj.metadata.namespace, obj.metadata.name as string);
        const prev = bucket.objects.get(key);
        if (prev) unindex(prev);
        bucket.objects.set(key, obj);
        index(obj, bucket, key, undefined);
        if (opts.emit) emit('ADDED', bucket, obj, undefined);
      }
      bucket.sorted = null;
      bucket.sortedObjects = null;
      if (!opts.emit) hub.compactTo(rv);
    },

    dropResource(ref) {
      const bucket = buckets.get(resourceKey(ref));
      if (!bucket) return;
      for (const [key, obj] of [...bucket.objects]) removeNow(bucket, key, obj);
      buckets.delete(bucket.key);
    },

    resourceKeys: () => [...buckets.keys()].filter((k) => (buckets.get(k)?.objects.size ?? 0) > 0),

    count(ref) {
      if (ref) return buckets.get(resourceKey(ref))?.objects.size ?? 0;
      let n = 0;
      for (const b of buckets.values()) n += b.objects.size;
      return n;
    },
  };
  return store;
}
