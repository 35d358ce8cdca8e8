/**
 * KEDA's ScaledObject and ScaledJob reconcilers, simulated for pausing (KEDA 2.20's
 * reconcileScaledObject/handlePause and checkIfPaused):
 * - `autoscaling.keda.sh/paused-replicas: "N"` or `autoscaling.keda.sh/paused: "true"` sets the Paused
 *   condition (ScaledObjectPaused, "ScaledObject is paused"), deletes the HPA KEDA made (nothing
 *   scales the target while paused), scales the target to N when given and records
 *   `status.pausedReplicaCount`;
 * - removing them sets Paused False (ScaledObjectUnpaused), clears pausedReplicaCount and brings the
 *   HPA back, which resumes scaling: to the fallback replicas while a fallback is active, else within
 *   min/max.
 * Trigger evaluation is not simulated: Ready, Active and Fallback keep what they were seeded with.
 */
import type { KubeObject, ResourceRef } from '../store/types.js';
import { findCondition, sameJson, setCondition } from './operator-conditions.js';
import {
  DEPLOYMENTS,
  HPAS,
  type Json,
  KEDA_SCALED_JOBS,
  KEDA_SCALED_OBJECTS,
  ownerRef,
  replicasOf,
  STATEFULSETS,
  specOf,
  statusOf,
} from './refs.js';
import { writeStatus } from './replicaset.js';
import type { ControllerContext } from './runtime.js';

const SOURCE = { component: 'keda-operator' };
const PAUSED = 'autoscaling.keda.sh/paused';
const PAUSED_REPLICAS = 'autoscaling.keda.sh/paused-replicas';

/** getBoolAnnotation: absent → false, unparsable → true. */
function boolAnnotation(obj: KubeObject, key: string): boolean {
  const v = obj.metadata.annotations?.[key];
  if (v === undefined) return false;
  const t = v.trim().toLowerCase();
  if (['false', 'f', '0'].includes(t)) return false;
  return true;
}

function pausedReplicaCount(so: KubeObject): number | undefined {
  const v = so.metadata.annotations?.[PAUSED_REPLICAS];
  if (v === undefined || !/^-?\d+$/.test(v.trim())) return undefined;
  return Number(v.trim());
}

function targetRef(so: KubeObject): { ref: ResourceRef; name: string; apiVersion: string; kind: string } | undefined {
  const t = (specOf(so).scaleTargetRef as Json | undefined) ?? {};
  const kind = typeof t.kind === 'string' ? t.kind : 'Deployment';
  const apiVersion = typeof t.apiVersion === 'string' ? t.apiVersion : 'apps/v1';
  const ref = kind === 'Deployment' ? DEPLOYMENTS : kind === 'StatefulSet' ? STATEFULSETS : undefined;
  if (!ref || typeof t.name !== 'string' || !apiVersion.startsWith('apps/')) return undefined;
  return { ref, name: t.name, apiVersion, kind };
}

function scaleTarget(ctx: ControllerContext, ref: ResourceRef, target: KubeObject, replicas: number): KubeObject {
  if (replicasOf(target) === replicas) return target;
  const next = structuredClone(target);
  (next.spec as Json).replicas = replicas;
  return ctx.store.update(ref, next);
}

function hpaFor(so: KubeObject, hpaName: string, t: NonNullable<ReturnType<typeof targetRef>>, replicas: number) {
  const spec = specOf(so);
  const soName = so.metadata.name as string;
  const metricName =
    ((statusOf(so).externalMetricNames as string[] | undefined) ?? [])[0] ??
    `s0-${String(((spec.triggers as Json[] | undefined) ?? [])[0]?.type ?? 'metric')}`;
  const min = typeof spec.minReplicaCount === 'number' ? spec.minReplicaCount : 0;
  const selector = { matchLabels: { 'scaledobject.keda.sh/name': soName } };
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: {
      name: hpaName,
      namespace: so.metadata.namespace,
      labels: {
        'app.kubernetes.io/managed-by': 'keda-operator',
        'app.kubernetes.io/name': hpaName,
        'app.kubernetes.io/part-of': soName,
        'app.kubernetes.io/version': '2.20.0',
        'scaledobject.keda.sh/name': soName,
      },
      ownerReferences: [ownerRef(so, 'keda.sh/v1alpha1', 'ScaledObject')],
    },
    spec: {
      scaleTargetRef: { apiVersion: t.apiVersion, kind: t.kind, name: t.name },
      minReplicas: Math.max(1, min),
      maxReplicas: typeof spec.maxReplicaCount === 'number' ? spec.maxReplicaCount : 100,
      metrics: [
        {
          type: 'External',
          external: { metric: { name: metricName, selector }, target: { type: 'AverageValue', averageValue: '1' } },
        },
      ],
    },
    status: { currentReplicas: replicas, desiredReplicas: replicas },
  };
}

/** What the HPA (and KEDA's fallback) scale the target to once scaling runs again. */
function resumedReplicas(so: KubeObject, current: number): number {
  const spec = specOf(so);
  const fallback = spec.fallback as Json | undefined;
  if (findCondition(statusOf(so), 'Fallback')?.status === 'True' && typeof fallback?.replicas === 'number')
    return fallback.replicas;
  const min = typeof spec.minReplicaCount === 'number' ? spec.minReplicaCount : 0;
  const max = typeof spec.maxReplicaCount === 'number' ? spec.maxReplicaCount : 100;
  const active = findCondition(statusOf(so), 'Active')?.status === 'True';
  return Math.min(max, Math.max(current, min, active ? 1 : 0));
}

export function reconcileScaledObject(ctx: ControllerContext, so: KubeObject): void {
  if (so.metadata.deletionTimestamp) return;
  const ns = so.metadata.namespace;
  const status: Json = structuredClone(statusOf(so));
  const t = targetRef(so);
  const target = t ? ctx.store.get(t.ref, ns, t.name) : undefined;
  const advanced = (specOf(so).advanced as Json | undefined)?.horizontalPodAutoscalerConfig as Json | undefined;
  const hpaName =
    typeof status.hpaName === 'string'
      ? status.hpaName
      : typeof advanced?.name === 'string'
        ? advanced.name
        : `keda-hpa-${so.metadata.name}`;
  const hpa = ctx.store.get(HPAS, ns, hpaName);
  const wasPaused = findCondition(status, 'Paused')?.status === 'True';
  const pause = so.metadata.annotations?.[PAUSED_REPLICAS] !== undefined || boolAnnotation(so, PAUSED);

  if (pause) {
    if (!wasPaused) ctx.events.record(so, 'Normal', 'ScaledObjectPaused', 'ScaledObject is paused', SOURCE);
    setCondition(status, 'Paused', 'True', 'ScaledObjectPaused', 'ScaledObject is paused');
    if (hpa) ctx.store.delete(HPAS, ns, hpaName);
    const n = pausedReplicaCount(so);
    if (n !== undefined && t && target) scaleTarget(ctx, t.ref, target, n);
    if (n !== undefined) status.pausedReplicaCount = n;
    else delete status.pausedReplicaCount;
  } else {
    if (wasPaused) {
      const message = 'pause annotation removed for ScaledObject';
      setCondition(status, 'Paused', 'False', 'ScaledObjectUnpaused', message);
      ctx.events.record(so, 'Normal', 'ScaledObjectUnpaused', message, SOURCE);
      delete status.pausedReplicaCount;
    }
    // ensureHPAForScaledObjectExists; a resumed HPA scales the target again
    if (t && target && (!hpa || wasPaused)) {
      const replicas = wasPaused ? resumedReplicas(so, replicasOf(target, 0)) : replicasOf(target, 0);
      scaleTarget(ctx, t.ref, target, replicas);
      if (!hpa) ctx.store.create(HPAS, hpaFor(so, hpaName, t, replicas));
      status.hpaName = hpaName;
    }
  }
  if (!sameJson(status, statusOf(so))) writeStatus(ctx, KEDA_SCALED_OBJECTS, so, status);
}

export function reconcileScaledJob(ctx: ControllerContext, sj: KubeObject): void {
  if (sj.metadata.deletionTimestamp) return;
  const status: Json = structuredClone(statusOf(sj));
  const wasPaused = findCondition(status, 'Paused')?.status === 'True';
  if (boolAnnotation(sj, PAUSED)) {
    setCondition(status, 'Paused', 'True', 'ScaledJobPaused', 'ScaledJob is paused');
    if (!wasPaused) ctx.events.record(sj, 'Normal', 'ScaledJobPaused', 'ScaledJob is paused', SOURCE);
  } else if (wasPaused) {
    setCondition(status, 'Paused', 'False', 'ScaledJobUnpaused', 'ScaledJob is unpaused');
    ctx.events.record(sj, 'Normal', 'ScaledJobUnpaused', 'ScaledJob is unpaused', SOURCE);
  }
  if (!sameJson(status, statusOf(sj))) writeStatus(ctx, KEDA_SCALED_JOBS, sj, status);
}
