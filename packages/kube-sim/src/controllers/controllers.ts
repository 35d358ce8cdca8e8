/** createControllers: the simulation's control plane, driven by store changes and a clock. */
import type { KubeObject, ObjectStore, ResourceRef } from '../store/types.js';
import { createCalicoControllers } from './calico.js';
import { CALICO_IPPOOLS, CALICO_NODE_STATUSES } from './calico-refs.js';
import { createCephControllers } from './ceph.js';
import {
  CEPH_CLUSTERS,
  CEPH_OBJECT_STORE_USERS,
  CEPH_RADOS_NAMESPACES,
  CEPH_SUBVOLUME_GROUPS,
  OBJECT_BUCKET_CLAIMS,
} from './ceph-refs.js';
import { type Clock, systemClock } from './clock.js';
import { createCnpgBackupControllers } from './cnpg-backup.js';
import { createCnpgClusterController } from './cnpg-cluster.js';
import { reconcilePooler } from './cnpg-pooler.js';
import { reconcileDaemonSet } from './daemonset.js';
import { reconcileDeployment } from './deployment.js';
import { enqueueNamespaceDependents, NAMESPACE_DEPENDENCIES, reconcilePdb, reconcileQuota } from './disruption.js';
import { PDBS, RESOURCE_QUOTAS } from './disruption-refs.js';
import { createEventRecorder } from './events.js';
import { reconcileCronJob, reconcileJob } from './job.js';
import { reconcileScaledJob, reconcileScaledObject } from './keda.js';
import { createKubelet } from './kubelet.js';
import { createMariadbControllers } from './mariadb.js';
import { MARIADB_BACKUPS, MARIADB_MARIADBS, MARIADB_RESTORES } from './mariadb-refs.js';
import {
  CNPG_BACKUPS,
  CNPG_CLUSTERS,
  CNPG_POOLERS,
  CNPG_SCHEDULED_BACKUPS,
  CONTROLLED,
  KEDA_SCALED_JOBS,
  KEDA_SCALED_OBJECTS,
  keyOf,
} from './refs.js';
import { reconcileReplicaSet } from './replicaset.js';
import { createRevisionTracker } from './revisions.js';
import { createRuntime, DEFAULT_TIMINGS, type Timings } from './runtime.js';
import { createScheduler } from './scheduler.js';
import { reconcileStatefulSet } from './statefulset.js';

export interface ControllersOptions {
  store: ObjectStore;
  /** the simulation clock (default: real time) */
  clock?: Clock;
  /** how often (real ms) start() runs a tick; default 250 */
  tickMs?: number;
  timings?: Partial<Timings>;
  /** told of every failed reconcile (it is retried); default: ignored */
  onReconcileError?: (resource: string, name: string, err: unknown) => void;
}

export interface Controllers {
  /** subscribe to the store, sync everything, tick every tickMs */
  start(): void;
  stop(): void;
  /** one round: due timers, then the queue until it is empty; returns how many items ran */
  tick(): number;
  /**
   * For tests with a manual clock: tick, then jump the clock to the next timer and tick again,
   * until nothing is left before `untilMs` (absolute) or `maxRounds` rounds.
   */
  settle(untilMs: number, maxRounds?: number): void;
}

export function createControllers(options: ControllersOptions): Controllers {
  const store = options.store;
  const clock = options.clock ?? systemClock;
  const timings: Timings = { ...DEFAULT_TIMINGS, ...(options.timings ?? {}) };
  const events = createEventRecorder(store, clock);
  const rt = createRuntime(store, clock, events, timings);
  const scheduler = createScheduler(store);
  const kubelet = createKubelet(rt, scheduler);
  const stsRevisions = createRevisionTracker();
  const dsRevisions = createRevisionTracker();
  // the simulated operators (CloudNativePG, KEDA): they act once their custom resources exist
  const cnpgClusters = createCnpgClusterController(rt);
  const cnpgBackups = createCnpgBackupControllers(rt);
  const mariadb = createMariadbControllers(rt);
  const ceph = createCephControllers(rt);
  const calico = createCalicoControllers(rt);
  let unsubscribe: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  let synced = false;

  const handlers = new Map<string, (obj: KubeObject) => void>([
    ['apps/deployments', (o) => reconcileDeployment(rt, o)],
    ['apps/replicasets', (o) => reconcileReplicaSet(rt, o)],
    ['apps/statefulsets', (o) => reconcileStatefulSet(rt, o, stsRevisions)],
    ['apps/daemonsets', (o) => reconcileDaemonSet(rt, o, scheduler, dsRevisions)],
    ['batch/jobs', (o) => reconcileJob(rt, o)],
    ['batch/cronjobs', (o) => reconcileCronJob(rt, o)],
    ['/pods', (o) => kubelet.reconcile(o)],
    [keyOf(CNPG_CLUSTERS), (o) => cnpgClusters.reconcile(o)],
    [keyOf(CNPG_BACKUPS), (o) => cnpgBackups.reconcileBackup(o)],
    [keyOf(CNPG_SCHEDULED_BACKUPS), (o) => cnpgBackups.reconcileScheduledBackup(o)],
    [keyOf(CNPG_POOLERS), (o) => reconcilePooler(rt, o)],
    [keyOf(KEDA_SCALED_OBJECTS), (o) => reconcileScaledObject(rt, o)],
    [keyOf(KEDA_SCALED_JOBS), (o) => reconcileScaledJob(rt, o)],
    [keyOf(PDBS), (o) => reconcilePdb(rt, o)],
    [keyOf(RESOURCE_QUOTAS), (o) => reconcileQuota(rt, o)],
    [keyOf(MARIADB_MARIADBS), (o) => mariadb.reconcileMariaDB(o)],
    [keyOf(MARIADB_BACKUPS), (o) => mariadb.reconcileJobResource(MARIADB_BACKUPS, o)],
    [keyOf(MARIADB_RESTORES), (o) => mariadb.reconcileJobResource(MARIADB_RESTORES, o)],
    [keyOf(CEPH_CLUSTERS), (o) => ceph.reconcileCluster(o)],
    [keyOf(CEPH_OBJECT_STORE_USERS), (o) => ceph.reconcileUser(o)],
    [keyOf(CEPH_RADOS_NAMESPACES), (o) => ceph.reconcileRadosNamespace(o)],
    [keyOf(CEPH_SUBVOLUME_GROUPS), (o) => ceph.reconcileSubVolumeGroup(o)],
    [keyOf(OBJECT_BUCKET_CLAIMS), (o) => ceph.reconcileBucketClaim(o)],
    [keyOf(CALICO_IPPOOLS), (o) => calico.reconcilePool(o)],
    [keyOf(CALICO_NODE_STATUSES), (o) => calico.reconcileNodeStatus(o)],
  ]);

  const reconcile = (ref: ResourceRef, obj: KubeObject): void => {
    try {
      handlers.get(keyOf(ref))?.(obj);
    } catch (err) {
      options.onReconcileError?.(keyOf(ref), String(obj.metadata.name), err);
      // a conflicting write (someone else changed it): the change's event brings it back
      rt.enqueue(ref, obj.metadata.namespace, obj.metadata.name as string);
    }
  };

  const subscribe = (): void => {
    if (unsubscribe) return;
    const own = store.subscribe((ev) => rt.observe(ev), {
      resourceKeys: CONTROLLED.map(keyOf),
    });
    // budgets and quotas follow the pods (and counted objects) of their namespace
    const dependents = store.subscribe((ev) => enqueueNamespaceDependents(rt, ev.object.metadata.namespace), {
      resourceKeys: NAMESPACE_DEPENDENCIES.map(keyOf),
    });
    unsubscribe = () => {
      own();
      dependents();
    };
    if (!synced) {
      rt.resync();
      synced = true;
    }
  };

  const tick = (): number => {
    subscribe();
    let total = 0;
    // a conflict re-enqueues: bound the rounds so one bad object cannot spin
    for (let round = 0; round < 5; round++) {
      const n = rt.drain(reconcile);
      total += n;
      if (n === 0) break;
    }
    return total;
  };

  return {
    start() {
      subscribe();
      tick();
      if (!timer) {
        timer = setInterval(tick, options.tickMs ?? 250);
        timer.unref?.();
      }
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      unsubscribe?.();
      unsubscribe = undefined;
      synced = false; // changes while stopped are picked up by a resync on the next start/tick
    },
    tick,
    settle(untilMs, maxRounds = 1000) {
      const manual = clock as Clock & { set?: (ms: number) => void };
      tick();
      for (let i = 0; i < maxRounds; i++) {
        const next = rt.nextTimer();
        if (next === undefined || next > untilMs || !manual.set) break;
        if (next > clock.now()) manual.set(next);
        tick();
      }
      if (manual.set && clock.now() < untilMs) manual.set(untilMs);
      tick();
    },
  };
}
