/**
 * PodDisruptionBudgets (policy/v1) and ResourceQuotas: their status computed from the pods (and other objects)
 * of their namespace, and the eviction check the `pods/eviction` subresource applies (429 TooManyRequests naming
 * the budget, as the real API server answers).
 */
import { selector as selectorText } from '../registry/printer-helpers.js';
import { parseLabelSelector } from '../store/selectors.js';
import type { KubeObject, ObjectStore, ResourceRef } from '../store/types.js';
import { DISRUPTION_CONTROLLED, PDBS, RESOURCE_QUOTAS } from './disruption-refs.js';
import { canonicalJson } from './names.js';
import { isPodReady } from './pod-status.js';
import { controllerOf, type Json, PODS, PVCS, REPLICASETS, STATEFULSETS, specOf, statusOf } from './refs.js';
import type { ControllerContext } from './runtime.js';

const core = (resource: string, kind: string): ResourceRef => ({ group: '', version: 'v1', resource, kind });
const SERVICES = core('services', 'Service');
const CONFIGMAPS = core('configmaps', 'ConfigMap');
const SECRETS = core('secrets', 'Secret');

/** Kinds whose changes change a budget's or a quota's status in their namespace. */
export const NAMESPACE_DEPENDENCIES: ResourceRef[] = [PODS, SERVICES, CONFIGMAPS, SECRETS, PVCS];

const active = (p: KubeObject) => {
  const phase = statusOf(p).phase;
  return !p.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed';
};

/** The pods a budget selects (an empty selector selects every pod of the namespace, as in policy/v1). */
function selectedPods(store: ObjectStore, pdb: KubeObject): KubeObject[] {
  const sel = specOf(pdb).selector;
  const text = selectorText(sel);
  const match = text === '<none>' ? () => true : parseLabelSelector(text);
  return store.list(PODS, { namespace: pdb.metadata.namespace }).items.filter((p) => active(p) && match(p));
}

/** How many pods the budget's pods' controllers want (their scale), else the pods' count. */
function expectedPods(store: ObjectStore, pods: KubeObject[]): number {
  const owners = new Map<string, number>();
  let loose = 0;
  for (const p of pods) {
    const owner = controllerOf(p);
    const ref = owner?.kind === 'ReplicaSet' ? REPLICASETS : owner?.kind === 'StatefulSet' ? STATEFULSETS : undefined;
    const o = ref && owner ? store.get(ref, p.metadata.namespace, owner.name) : undefined;
    if (o && owner) owners.set(owner.uid, typeof specOf(o).replicas === 'number' ? (specOf(o).replicas as number) : 1);
    else loose++;
  }
  return [...owners.values()].reduce((a, b) => a + b, loose);
}

const scaled = (v: unknown, of: number): number | undefined => {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\d+%$/.test(v)) return Math.ceil((Number.parseInt(v, 10) * of) / 100);
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return undefined;
};

/** status.currentHealthy / desiredHealthy / disruptionsAllowed / expectedPods, as the disruption controller computes. */
export function pdbStatus(store: ObjectStore, pdb: KubeObject): Json {
  const pods = selectedPods(store, pdb);
  const expected = expectedPods(store, pods);
  const healthy = pods.filter(isPodReady).length;
  const spec = specOf(pdb);
  const minAvailable = scaled(spec.minAvailable, expected);
  const maxUnavailable = scaled(spec.maxUnavailable, expected);
  const desired =
    minAvailable !== undefined
      ? minAvailable
      : maxUnavailable !== undefined
        ? Math.max(0, expected - maxUnavailable)
        : expected;
  const allowed = Math.max(0, healthy - desired);
  return {
    observedGeneration: pdb.metadata.generation ?? 1,
    currentHealthy: healthy,
    desiredHealthy: desired,
    disruptionsAllowed: allowed,
    expectedPods: expected,
    conditions: [
      {
        type: 'DisruptionAllowed',
        status: allowed > 0 ? 'True' : 'False',
        reason: allowed > 0 ? 'SufficientPods' : 'InsufficientPods',
        message: '',
        observedGeneration: pdb.metadata.generation ?? 1,
        lastTransitionTime: (statusOf(pdb).conditions as Json[] | undefined)?.[0]?.lastTransitionTime,
      },
    ],
  };
}

/**
 * Why evicting `pod` is refused now (a budget selecting it allows no disruption), or undefined. Pods that are
 * not Ready can always be evicted (they do not count as healthy: policy IfHealthyBudget's common case).
 */
export function evictionRefusal(store: ObjectStore, pod: KubeObject): { pdb: string; message: string } | undefined {
  if (!isPodReady(pod) || !active(pod)) return undefined;
  for (const pdb of store.list(PDBS, { namespace: pod.metadata.namespace }).items) {
    if (!selectedPods(store, pdb).some((p) => p.metadata.uid === pod.metadata.uid)) continue;
    const st = pdbStatus(store, pdb);
    if ((st.disruptionsAllowed as number) > 0) continue;
    return {
      pdb: pdb.metadata.name as string,
      message: `The disruption budget ${pdb.metadata.name} needs ${st.desiredHealthy} healthy pods and has ${st.currentHealthy} currently`,
    };
  }
  return undefined;
}

/** The Status body of a refused eviction (HTTP 429), as kube-apiserver sends it. */
export function evictionRefusedStatus(refusal: { message: string }): Json {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: "Cannot evict pod as it would violate the pod's disruption budget.",
    reason: 'TooManyRequests',
    details: { causes: [{ reason: 'DisruptionBudget', message: refusal.message }] },
    code: 429,
  };
}

function writeStatus(ctx: ControllerContext, ref: ResourceRef, o: KubeObject, status: Json): void {
  const before = statusOf(o);
  const keep = (s: Json) => canonicalJson({ ...s, conditions: undefined });
  if (keep(before) === keep(status) && before.conditions) return;
  const conditions = status.conditions as Json[] | undefined;
  if (conditions?.[0] && !conditions[0].lastTransitionTime)
    conditions[0].lastTransitionTime = new Date(ctx.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  ctx.store.update(ref, { ...o, status }, { subresource: 'status' });
}

export function reconcilePdb(ctx: ControllerContext, pdb: KubeObject): void {
  if (pdb.metadata.deletionTimestamp) return;
  writeStatus(ctx, PDBS, pdb, pdbStatus(ctx.store, pdb));
}

/** A quantity as a number in base units (cores, bytes). */
function quantity(v: unknown): number {
  const m = /^([+-]?\d*\.?\d+)([a-zA-Z]*)$/.exec(String(v ?? '').trim());
  if (!m) return 0;
  const bin: Json = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };
  const dec: Json = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };
  const f = (bin[m[2] as string] ?? dec[m[2] as string] ?? 1) as number;
  return Number(m[1]) * f;
}

/** A total in the unit style of the quota's hard value (`500m`, `2Gi`, plain counts). */
function formatLike(total: number, hard: unknown, key: string): string {
  if (/cpu/.test(key)) {
    const milli = Math.round(total * 1000);
    return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
  }
  if (/memory|storage/.test(key)) {
    const h = String(hard ?? '');
    for (const [suffix, f] of [
      ['Gi', 2 ** 30],
      ['Mi', 2 ** 20],
      ['Ki', 2 ** 10],
    ] as const)
      if (h.endsWith(suffix) && total % f === 0) return `${total / f}${suffix}`;
    for (const [suffix, f] of [
      ['Gi', 2 ** 30],
      ['Mi', 2 ** 20],
      ['Ki', 2 ** 10],
    ] as const)
      if (total >= f && total % f === 0) return `${total / f}${suffix}`;
    return String(Math.round(total));
  }
  return String(total);
}

/** status.used of a quota: pods' requests/limits and object counts in its namespace. */
export function quotaUsed(store: ObjectStore, quota: KubeObject): Json {
  const namespace = quota.metadata.namespace;
  const hard = (specOf(quota).hard as Json | undefined) ?? {};
  const pods = store.list(PODS, { namespace }).items.filter(active);
  const containers = pods.flatMap((p) => (specOf(p).containers as Json[] | undefined) ?? []);
  const sum = (field: 'requests' | 'limits', res: string) =>
    containers.reduce(
      (t, c) => t + quantity(((c.resources as Json | undefined)?.[field] as Json | undefined)?.[res]),
      0,
    );
  const count = (ref: ResourceRef) => store.list(ref, { namespace }).items.length;
  const used: Json = {};
  for (const key of Object.keys(hard)) {
    let total: number | undefined;
    if (key === 'pods' || key === 'count/pods') total = pods.length;
    else if (key === 'services' || key === 'count/services') total = count(SERVICES);
    else if (key === 'configmaps' || key === 'count/configmaps') total = count(CONFIGMAPS);
    else if (key === 'secrets' || key === 'count/secrets') total = count(SECRETS);
    else if (key === 'persistentvolumeclaims' || key === 'count/persistentvolumeclaims') total = count(PVCS);
    else if (key === 'requests.storage')
      total = store
        .list(PVCS, { namespace })
        .items.reduce(
          (t, c) => t + quantity(((specOf(c).resources as Json | undefined)?.requests as Json | undefined)?.storage),
          0,
        );
    else {
      const m = /^(requests\.|limits\.)?(cpu|memory)$/.exec(key);
      if (m) total = sum(m[1] === 'limits.' ? 'limits' : 'requests', m[2] as string);
    }
    if (total !== undefined) used[key] = formatLike(total, hard[key], key);
  }
  return { hard, used };
}

export function reconcileQuota(ctx: ControllerContext, quota: KubeObject): void {
  if (quota.metadata.deletionTimestamp) return;
  const status = quotaUsed(ctx.store, quota);
  if (canonicalJson(statusOf(quota)) === canonicalJson(status)) return;
  ctx.store.update(RESOURCE_QUOTAS, { ...quota, status }, { subresource: 'status' });
}

/** Requeues the budgets and quotas of a namespace whose pods (or counted objects) changed. */
export function enqueueNamespaceDependents(ctx: ControllerContext, namespace: string | undefined): void {
  if (!namespace) return;
  for (const ref of DISRUPTION_CONTROLLED)
    for (const o of ctx.store.list(ref, { namespace }).items) ctx.enqueue(ref, namespace, o.metadata.name as string);
}
