/** The controllers' shared machinery: a work queue, timers on the injected clock, an owner index. */
import type { KubeObject, ObjectStore, ResourceRef, StoreEvent } from '../store/types.js';
import type { Clock } from './clock.js';
import type { EventRecorder } from './events.js';
import {
  CNPG_CLUSTERS,
  CNPG_POOLERS,
  CONTROLLED,
  CRONJOBS,
  controllerOf,
  DAEMONSETS,
  DEPLOYMENTS,
  JOBS,
  keyOf,
  REPLICASETS,
  STATEFULSETS,
} from './refs.js';

export interface Timings {
  /** ContainerCreating → Running (clock ms after scheduling) */
  startMs: number;
  /** Running → Succeeded for pods of a Job (or annotation kube-sim/run-seconds) */
  jobRunMs: number;
  /** Running → crash for pods marked kube-sim/crash (or annotation kube-sim/crash-after-seconds) */
  crashAfterMs: number;
  /** first CrashLoopBackOff delay; doubles per restart up to maxBackoffMs */
  backoffMs: number;
  maxBackoffMs: number;
  /** retry interval for pods that could not be scheduled (and operators waiting on something) */
  retryMs: number;
  /**
   * One step of a simulated operator's procedure: a CNPG Backup pending → running, a switchover,
   * one pod deleted by hibernation.
   */
  operatorStepMs: number;
  /** how long a CNPG Backup stays running before it completes */
  backupRunMs: number;
}

export const DEFAULT_TIMINGS: Timings = {
  startMs: 1500,
  jobRunMs: 4000,
  crashAfterMs: 45_000,
  backoffMs: 10_000,
  maxBackoffMs: 40_000,
  retryMs: 5000,
  operatorStepMs: 2000,
  backupRunMs: 4000,
};

export interface ControllerContext {
  store: ObjectStore;
  clock: Clock;
  events: EventRecorder;
  timings: Timings;
  /** live objects of `ref` whose controller owner has this uid */
  owned(ownerUid: string, ref: ResourceRef): KubeObject[];
  enqueue(ref: ResourceRef, namespace: string | undefined, name: string): void;
  /** reconcile the object again once the clock reaches `at` (epoch ms) */
  at(time: number, ref: ResourceRef, namespace: string | undefined, name: string): void;
  /** pods this kubelet brought up (a pod with a status it did not write is left alone) */
  managed: Set<string>;
}

/** Owners whose children's changes requeue them, by `${group}/${kind}`. */
const OWNER_KINDS: Record<string, ResourceRef> = Object.fromEntries(
  [DEPLOYMENTS, REPLICASETS, STATEFULSETS, DAEMONSETS, JOBS, CRONJOBS, CNPG_CLUSTERS, CNPG_POOLERS].map((r) => [
    `${r.group}/${r.kind}`,
    r,
  ]),
);
const WORKLOAD_KINDS = new Map(
  [DEPLOYMENTS, REPLICASETS, STATEFULSETS, DAEMONSETS, JOBS, CRONJOBS].map((r) => [r.kind, r]),
);
const ownerResource = (owner: { apiVersion?: string; kind: string }): ResourceRef | undefined => {
  // an ownerReference without apiVersion (hand-written test data) is taken for a workload kind
  if (!owner.apiVersion) return WORKLOAD_KINDS.get(owner.kind);
  const slash = owner.apiVersion.indexOf('/');
  return OWNER_KINDS[`${slash < 0 ? '' : owner.apiVersion.slice(0, slash)}/${owner.kind}`];
};

const REFS = new Map(CONTROLLED.map((r) => [keyOf(r), r]));

export interface Runtime extends ControllerContext {
  /** feed a store event: index it, enqueue it and its controller */
  observe(ev: StoreEvent): void;
  /** index and enqueue every object of the controlled kinds */
  resync(): void;
  /** move due timers to the queue, then drain it; returns how many items ran */
  drain(reconcile: (ref: ResourceRef, obj: KubeObject) => void, maxItems?: number): number;
  /** earliest pending timer, if any */
  nextTimer(): number | undefined;
}

export function createRuntime(store: ObjectStore, clock: Clock, events: EventRecorder, timings: Timings): Runtime {
  const queue = new Map<string, { ref: ResourceRef; namespace: string; name: string }>();
  const timers = new Map<string, { time: number; ref: ResourceRef; namespace: string; name: string }>();
  // owner uid → (child resource key + namespace/name) ; child uid → owner uid
  const children = new Map<string, Map<string, { ref: ResourceRef; namespace: string; name: string }>>();
  const ownerOfChild = new Map<string, string>();

  const qkey = (ref: ResourceRef, namespace: string, name: string): string => `${keyOf(ref)}|${namespace}|${name}`;

  const enqueue = (ref: ResourceRef, namespace: string | undefined, name: string): void => {
    const ns = namespace ?? '';
    queue.set(qkey(ref, ns, name), { ref, namespace: ns, name });
  };

  const index = (ref: ResourceRef, obj: KubeObject, deleted: boolean): void => {
    const uid = obj.metadata.uid ?? '';
    const owner = controllerOf(obj);
    const before = ownerOfChild.get(uid);
    const entryKey = qkey(ref, obj.metadata.namespace ?? '', obj.metadata.name ?? '');
    if (before && (deleted || before !== owner?.uid)) {
      children.get(before)?.delete(entryKey);
      ownerOfChild.delete(uid);
    }
    if (deleted || !owner) return;
    let set = children.get(owner.uid);
    if (!set) {
      set = new Map();
      children.set(owner.uid, set);
    }
    set.set(entryKey, { ref, namespace: obj.metadata.namespace ?? '', name: obj.metadata.name ?? '' });
    ownerOfChild.set(uid, owner.uid);
  };

  const observe = (ev: StoreEvent): void => {
    const ref = REFS.get(ev.resourceKey);
    if (!ref) return;
    index(ref, ev.object, ev.type === 'DELETED');
    const ns = ev.object.metadata.namespace;
    if (ev.type !== 'DELETED') enqueue(ref, ns, ev.object.metadata.name ?? '');
    const owner = controllerOf(ev.object);
    const ownerRef = owner ? ownerResource(owner) : undefined;
    if (owner && ownerRef) enqueue(ownerRef, ns, owner.name);
  };

  return {
    store,
    clock,
    events,
    timings,
    managed: new Set(),
    enqueue,
    at(time, ref, namespace, name) {
      const k = qkey(ref, namespace ?? '', name);
      const existing = timers.get(k);
      if (!existing || existing.time > time) timers.set(k, { time, ref, namespace: namespace ?? '', name });
    },
    owned(ownerUid, ref) {
      const out: KubeObject[] = [];
      for (const c of children.get(ownerUid)?.values() ?? []) {
        if (keyOf(c.ref) !== keyOf(ref)) continue;
        const obj = store.get(c.ref, c.namespace, c.name);
        if (obj && controllerOf(obj)?.uid === ownerUid) out.push(obj);
      }
      return out;
    },
    observe,
    resync() {
      for (const ref of CONTROLLED) {
        for (const obj of store.list(ref).items) {
          index(ref, obj, false);
          enqueue(ref, obj.metadata.namespace, obj.metadata.name ?? '');
        }
      }
    },
    drain(reconcile, maxItems = 100_000) {
      const now = clock.now();
      for (const [k, t] of timers) {
        if (t.time <= now) {
          timers.delete(k);
          enqueue(t.ref, t.namespace, t.name);
        }
      }
      let n = 0;
      // take the queue in batches: what a batch enqueues runs in the next one
      while (queue.size > 0 && n < maxItems) {
        const batch = [...queue.values()];
        queue.clear();
        for (const item of batch) {
          const obj = store.get(item.ref, item.namespace || undefined, item.name);
          n++;
          if (obj) reconcile(item.ref, obj);
        }
      }
      return n;
    },
    nextTimer() {
      let min: number | undefined;
      for (const t of timers.values()) if (min === undefined || t.time < min) min = t.time;
      return min;
    },
  };
}
