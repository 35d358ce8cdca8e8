/**
 * Scenario data model shared by the scenario generators and the kube-sim store.
 *
 * ## Contract with the store (please keep)
 * - Every object carries `metadata.uid`: a deterministic UUID derived from the scenario seed.
 *   ownerReferences point at these uids, so the store MUST keep a provided `metadata.uid` as-is
 *   (and only generate one when it is absent, e.g. for objects created by clients).
 * - `metadata.creationTimestamp` is set (RFC 3339, seconds precision) relative to the `now` passed in;
 *   the store should keep it when present. `resourceVersion` and `generation` are left to the store
 *   (`generation` may be present on CRs whose status mentions `observedGeneration`; keep it if so).
 * - `Scenario.crds` are CustomResourceDefinitions to register first. `Scenario.objects` are ordered so
 *   that Namespaces come first, then cluster-scoped objects, and every owner precedes its children:
 *   loading them in order never meets a dangling ownerReference or missing namespace.
 * - Secret `data` values are already base64 (as on the wire).
 */

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  generateName?: string;
  creationTimestamp?: string;
  generation?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
}

/** Plain Kubernetes JSON. `spec`, `status` and any other top-level fields (data, type, rules…) are free-form. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  [field: string]: unknown;
}

export interface Scenario {
  /** apiextensions.k8s.io/v1 CustomResourceDefinitions, to be registered before `objects`. */
  crds: KubeObject[];
  /** Namespaces first, then cluster-scoped objects, owners before children. */
  objects: KubeObject[];
}

export interface ScenarioOptions {
  /** PRNG seed; the same seed and `now` give byte-identical output. Default 1. */
  seed?: number;
  /** The scenario's "current time"; timestamps are computed relative to it. Default 2026-08-20T10:15:00Z. */
  now?: Date;
}

export interface ScaleOptions extends ScenarioOptions {
  nodes?: number;
  namespaces?: number;
  deployments?: number;
  pods?: number;
  /** Also a Service and an Event per Deployment (the scale benchmark's "their Services and Events"). */
  related?: boolean;
}

export type ScenarioName = 'demo' | 'empty' | 'scale';

/**
 * Churn: changes to apply to pods, per tick, as data. `createChurn()` returns a `Churn`; each call to
 * `tick(pods, elapsedMs, now)` returns the operations for that time slice (rate × elapsed, fractional
 * remainders carried to the next tick). `pods` is the store's current pod list (any ArrayLike).
 *
 * - `update`: the pod's readiness flips (status.conditions Ready/ContainersReady, containerStatuses[].ready);
 *   the store applies `applyChurnOp(pod, op, now)` and emits MODIFIED.
 * - `restart`: container `container` restarted: restartCount+1, lastState.terminated filled,
 *   state.running.startedAt = now; the store applies `applyChurnOp` and emits MODIFIED.
 * - `delete`: remove the pod (emit DELETED).
 * - `create`: add `object` (a new pod replacing a deleted one, same owner and labels, new name and uid);
 *   emit ADDED. Churn emits `delete` and `create` in pairs so the pod count stays stable.
 */
export type ChurnOp =
  | { op: 'update'; namespace: string; name: string; ready: boolean }
  | { op: 'restart'; namespace: string; name: string; container: string; exitCode: number; reason: string }
  | { op: 'delete'; namespace: string; name: string }
  | { op: 'create'; object: KubeObject };

export interface ChurnOptions {
  seed?: number;
  /** Operations per second, across all kinds (a delete+create pair counts as 2). */
  ratePerSecond: number;
  /** Relative weights of update/restart/replace; default {update: 6, restart: 2, replace: 2}. */
  mix?: { update?: number; restart?: number; replace?: number };
}

export interface Churn {
  tick(pods: ArrayLike<KubeObject>, elapsedMs: number, now: Date): ChurnOp[];
}
