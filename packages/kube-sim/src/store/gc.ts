/**
 * Deletion: finalizers (deletionTimestamp until they are gone), namespace termination and
 * ownerReference garbage collection (Background, Foreground, Orphan), done synchronously.
 */
import type { Bucket, StoreInternals } from './internals.js';
import { objKey } from './meta.js';
import type { DeleteResult, KubeObject, ObjectStore, PropagationPolicy, ResourceRef } from './types.js';

const FOREGROUND = 'foregroundDeletion';
const NS_BUCKET = '/namespaces';

export interface GarbageCollector {
  defaultPolicy(ref: ResourceRef): PropagationPolicy;
  delete(bucket: Bucket, key: string, obj: KubeObject, policy: PropagationPolicy): DeleteResult;
  afterRemoval(gone: KubeObject): void;
  /** true when an object with no finalizers must still wait (a namespace with content) */
  blocksRemoval(obj: KubeObject, bucketKey: string): boolean;
}

export function createGarbageCollector(s: StoreInternals, _store: () => ObjectStore): GarbageCollector {
  function lookup(uid: string): { bucket: Bucket; key: string; obj: KubeObject } | undefined {
    const at = s.uidIndex.get(uid);
    if (!at) return undefined;
    const obj = at.bucket.objects.get(at.key);
    return obj ? { ...at, obj } : undefined;
  }

  function liveDependents(uid: string): string[] {
    return [...(s.dependents.get(uid) ?? [])].filter((d) => s.uidIndex.has(d));
  }

  function write(bucket: Bucket, key: string, prev: KubeObject, next: KubeObject): KubeObject {
    next.metadata.resourceVersion = String(s.nextRv());
    s.put(bucket, key, next, prev, 'MODIFIED');
    return next;
  }

  function markDeleting(bucket: Bucket, key: string, obj: KubeObject, extraFinalizer?: string): KubeObject {
    const finalizers = [...(obj.metadata.finalizers ?? [])];
    if (extraFinalizer && !finalizers.includes(extraFinalizer)) finalizers.push(extraFinalizer);
    if (obj.metadata.deletionTimestamp && finalizers.length === (obj.metadata.finalizers ?? []).length) return obj;
    const next: KubeObject = {
      ...obj,
      metadata: {
        ...obj.metadata,
        finalizers,
        deletionTimestamp: obj.metadata.deletionTimestamp ?? s.timestamp(),
        deletionGracePeriodSeconds: 0,
        generation: (obj.metadata.generation ?? 0) + (obj.metadata.deletionTimestamp ? 0 : 1),
      },
    };
    if (obj.metadata.generation === undefined) delete next.metadata.generation;
    if (finalizers.length === 0) delete next.metadata.finalizers;
    return write(bucket, key, obj, next);
  }

  function current(bucket: Bucket, key: string): KubeObject | undefined {
    return bucket.objects.get(key);
  }

  function deleteNamespace(bucket: Bucket, key: string, obj: KubeObject): DeleteResult {
    const name = obj.metadata.name as string;
    let marked = obj;
    if (!obj.metadata.deletionTimestamp) {
      marked = {
        ...obj,
        metadata: { ...obj.metadata, deletionTimestamp: s.timestamp(), deletionGracePeriodSeconds: 0 },
        status: { ...((obj.status as Record<string, unknown>) ?? {}), phase: 'Terminating' },
      };
      write(bucket, key, obj, marked);
    }
    for (const b of [...s.buckets.values()]) {
      if (b.ref.namespaced === false || b.key === NS_BUCKET) continue;
      for (const [k, o] of [...b.objects]) {
        if (o.metadata.namespace === name && b.objects.get(k) === o) collector.delete(b, k, o, 'Background');
      }
    }
    const now = current(bucket, key);
    if (now && !collector.blocksRemoval(now, bucket.key) && (now.metadata.finalizers ?? []).length === 0) {
      return { object: s.removeNow(bucket, key, now), removed: true };
    }
    return { object: now ?? marked, removed: now === undefined };
  }

  const collector: GarbageCollector = {
    defaultPolicy: () => 'Background',

    blocksRemoval(obj, bucketKey) {
      const name = obj.metadata.name as string;
      return bucketKey === NS_BUCKET && (s.nsCounts.get(name) ?? 0) > 0;
    },

    delete(bucket, key, obj, policy) {
      if (bucket.key === NS_BUCKET) return deleteNamespace(bucket, key, obj);
      const uid = obj.metadata.uid as string;
      if (policy === 'Orphan') {
        for (const d of liveDependents(uid)) {
          const dep = lookup(d);
          if (!dep) continue;
          const refs = (dep.obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
          const next: KubeObject = { ...dep.obj, metadata: { ...dep.obj.metadata, ownerReferences: refs } };
          if (refs.length === 0) delete next.metadata.ownerReferences;
          write(dep.bucket, dep.key, dep.obj, next);
        }
      }
      const deps = policy === 'Foreground' ? liveDependents(uid) : [];
      const finalizers = obj.metadata.finalizers ?? [];
      if (finalizers.length > 0 || deps.length > 0) {
        const marked = markDeleting(bucket, key, obj, deps.length > 0 ? FOREGROUND : undefined);
        for (const d of deps) {
          const dep = lookup(d);
          if (dep) collector.delete(dep.bucket, dep.key, dep.obj, 'Foreground');
        }
        const now = current(bucket, key);
        return { object: now ?? marked, removed: now === undefined };
      }
      return { object: s.removeNow(bucket, key, obj), removed: true };
    },

    afterRemoval(gone) {
      const uid = gone.metadata.uid as string;
      // background collection of dependents whose owners are all gone
      for (const d of liveDependents(uid)) {
        const dep = lookup(d);
        if (!dep) continue;
        const owners = dep.obj.metadata.ownerReferences ?? [];
        if (owners.some((o) => o.uid !== uid && s.uidIndex.has(o.uid))) continue;
        collector.delete(dep.bucket, dep.key, dep.obj, 'Background');
      }
      s.dependents.delete(uid);
      // owners waiting in foreground deletion
      for (const o of gone.metadata.ownerReferences ?? []) {
        const owner = lookup(o.uid);
        if (!owner?.obj.metadata.deletionTimestamp) continue;
        if (!(owner.obj.metadata.finalizers ?? []).includes(FOREGROUND)) continue;
        if (liveDependents(o.uid).length > 0) continue;
        const finalizers = (owner.obj.metadata.finalizers ?? []).filter((f) => f !== FOREGROUND);
        if (finalizers.length === 0) s.removeNow(owner.bucket, owner.key, owner.obj);
        else
          write(owner.bucket, owner.key, owner.obj, { ...owner.obj, metadata: { ...owner.obj.metadata, finalizers } });
      }
      // a terminating namespace goes once it is empty
      const ns = gone.metadata.namespace;
      if (ns && (s.nsCounts.get(ns) ?? 0) === 0) {
        const nsBucket = s.buckets.get(NS_BUCKET);
        const nsKey = objKey('', ns);
        const nsObj = nsBucket?.objects.get(nsKey);
        if (nsBucket && nsObj?.metadata.deletionTimestamp && (nsObj.metadata.finalizers ?? []).length === 0) {
          s.removeNow(nsBucket, nsKey, nsObj);
        }
      }
    },
  };
  return collector;
}
