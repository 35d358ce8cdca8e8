/**
 * Pause and resume, by KEDA's own annotations (operators.md §3; KEDA's docs, "Pause autoscaling"):
 * `autoscaling.keda.sh/paused: "true"` freezes the current count (ScaledObject and ScaledJob);
 * `autoscaling.keda.sh/paused-replicas: "N"` (ScaledObject only) scales to N, then freezes, and overrides
 * `paused`; resuming removes both (a merge patch with `null`). Both change how the workload scales, so
 * both are confirmed.
 */
import { condition, defineOperatorAction } from '@argus/plugin-sdk';
import { z } from 'zod';
import { hasPauseAnnotation, pausedReplicas } from './health.js';
import { PAUSED_ANNOTATION, PAUSED_REPLICAS_ANNOTATION, type ScaledJob, type ScaledObject } from './keda-types.js';

const ref = (o: ScaledObject | ScaledJob) => `${o.metadata.namespace}/${o.metadata.name}`;
const target = (o: ScaledObject) =>
  `${o.spec?.scaleTargetRef?.kind ?? 'Deployment'} ${o.spec?.scaleTargetRef?.name ?? ''}`;

/** Why a pause is refused: it is paused (or asked to be) already. */
function alreadyPaused(o: ScaledObject | ScaledJob, at?: number): string | undefined {
  if (!hasPauseAnnotation(o) && condition(o, 'Paused')?.status !== 'True') return undefined;
  return `Autoscaling of ${ref(o)} is paused already${at === undefined ? '' : ` (at ${at} replicas)`}: resume it first`;
}

function notPaused(o: ScaledObject | ScaledJob): string | undefined {
  return hasPauseAnnotation(o) ? undefined : `Autoscaling of ${ref(o)} is not paused`;
}

export const pauseParams = z
  .object({
    replicas: z
      .number()
      .int()
      .min(0)
      .max(100_000)
      .optional()
      .describe('Scale to this many replicas, then freeze (absent: freeze the current count)'),
  })
  .strict();
export type PauseParams = z.output<typeof pauseParams>;

export const pauseScaledObject = defineOperatorAction<ScaledObject, PauseParams>({
  label: 'Pause autoscaling',
  params: pauseParams,
  confirm: (o, p) => {
    const q = `Pause autoscaling of ${ref(o)}?`;
    if (!p) return `${q} KEDA stops scaling ${target(o)} until autoscaling is resumed.`;
    if (p.replicas === undefined)
      return `${q} KEDA stops scaling ${target(o)} and keeps its current replica count until autoscaling is resumed.`;
    const n = `${p.replicas} replica${p.replicas === 1 ? '' : 's'}`;
    return `${q} KEDA scales ${target(o)} to ${n} and keeps it there until autoscaling is resumed.`;
  },
  available: (o) => alreadyPaused(o, pausedReplicas(o)) ?? true,
  patch: (_o, p) => ({
    body: {
      metadata: {
        annotations:
          p.replicas === undefined
            ? { [PAUSED_ANNOTATION]: 'true' }
            : { [PAUSED_REPLICAS_ANNOTATION]: String(p.replicas) },
      },
    },
  }),
});

export const resumeScaledObject = defineOperatorAction<ScaledObject>({
  label: 'Resume autoscaling',
  confirm: (o) =>
    `Resume autoscaling of ${ref(o)}? KEDA scales ${target(o)} by its triggers again (between ${o.spec?.minReplicaCount ?? 0} and ${o.spec?.maxReplicaCount ?? 100} replicas).`,
  available: (o) => notPaused(o) ?? true,
  patch: () => ({
    body: { metadata: { annotations: { [PAUSED_ANNOTATION]: null, [PAUSED_REPLICAS_ANNOTATION]: null } } },
  }),
});

export const pauseScaledJob = defineOperatorAction<ScaledJob>({
  label: 'Pause scaling',
  confirm: (o) => `Pause scaling of ${ref(o)}? KEDA creates no new Jobs for it until scaling is resumed.`,
  available: (o) => alreadyPaused(o) ?? true,
  patch: () => ({ body: { metadata: { annotations: { [PAUSED_ANNOTATION]: 'true' } } } }),
});

export const resumeScaledJob = defineOperatorAction<ScaledJob>({
  label: 'Resume scaling',
  confirm: (o) => `Resume scaling of ${ref(o)}? KEDA creates Jobs from its triggers again.`,
  available: (o) => notPaused(o) ?? true,
  patch: () => ({
    body: { metadata: { annotations: { [PAUSED_ANNOTATION]: null, [PAUSED_REPLICAS_ANNOTATION]: null } } },
  }),
});
