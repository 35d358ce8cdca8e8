/** Pure projections of KEDA's objects to what the tables and detail views show (no Secret is ever read). */
import type {
  ConditionState,
  HpaView,
  ScaledJobSummary,
  ScaledObjectSummary,
  ScalerConditions,
  TriggerAuthenticationSummary,
  TriggerView,
} from '../shared/api-types.js';
import { credentialSources, hasPauseAnnotation, pausedReplicas, referencedSecrets } from './health.js';
import {
  conditionOf,
  type KedaTrigger,
  type ScaledJob,
  type ScaledObject,
  type TriggerAuthentication,
} from './keda-types.js';

/** Metadata keys whose values are credentials when someone put them inline (KEDA wants them in a TriggerAuthentication). */
const CREDENTIAL_KEY_ENDINGS = [
  'password',
  'passwd',
  'secret',
  'secretkey',
  'accesskey',
  'token',
  'apikey',
  'credential',
  'credentials',
  'connectionstring',
  'privatekey',
];
const URL_USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/i;

function isCredentialKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[-_.]/g, '');
  // `passwordFromEnv` and the like name an environment variable: they do not end with the word
  return CREDENTIAL_KEY_ENDINGS.some((ending) => k.endsWith(ending));
}

/** A trigger's metadata without credentials: values of credential-like keys and URL user info become `***`. */
export function safeMetadata(metadata: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, raw] of Object.entries(metadata ?? {})) {
    const value = typeof raw === 'string' ? raw : JSON.stringify(raw);
    out[key] = isCredentialKey(key) ? '***' : value.replace(URL_USERINFO, '$1***@');
  }
  return out;
}

export function triggerViews(triggers: KedaTrigger[] | undefined): TriggerView[] {
  return (triggers ?? []).map((t) => ({
    type: t.type,
    name: t.name ?? null,
    metadata: safeMetadata(t.metadata),
    authentication: t.authenticationRef?.name
      ? {
          kind:
            t.authenticationRef.kind === 'ClusterTriggerAuthentication'
              ? 'ClusterTriggerAuthentication'
              : 'TriggerAuthentication',
          name: t.authenticationRef.name,
        }
      : null,
  }));
}

function state(object: ScaledObject | ScaledJob, type: string): ConditionState {
  const s = conditionOf(object, type)?.status;
  return s === 'True' || s === 'False' || s === 'Unknown' ? s : null;
}

function conditions(object: ScaledObject | ScaledJob): ScalerConditions {
  return {
    ready: state(object, 'Ready'),
    active: state(object, 'Active'),
    fallback: state(object, 'Fallback'),
    paused: state(object, 'Paused'),
  };
}

function activity(object: ScaledObject | ScaledJob): 'scaling' | 'idle' | null {
  const active = state(object, 'Active');
  return active === 'True' ? 'scaling' : active === 'False' ? 'idle' : null;
}

/** The target's kind: KEDA's resolved `apps/v1.Deployment` when it reported it, else the spec's (default Deployment). */
function targetKind(object: ScaledObject): string {
  const resolved = object.status?.scaleTargetKind;
  if (resolved) return resolved.slice(resolved.lastIndexOf('.') + 1);
  return object.spec?.scaleTargetRef?.kind ?? 'Deployment';
}

/** The HPA KEDA made: `.status.hpaName`, else the configured name, else `keda-hpa-<name>`. */
export function hpaNameOf(object: ScaledObject): string {
  return (
    object.status?.hpaName ??
    object.spec?.advanced?.horizontalPodAutoscalerConfig?.name ??
    `keda-hpa-${object.metadata.name}`
  );
}

export function scaledObjectSummary(object: ScaledObject): ScaledObjectSummary {
  const spec = object.spec ?? {};
  const paused = pausedReplicas(object);
  return {
    target: { kind: targetKind(object), name: spec.scaleTargetRef?.name ?? '' },
    min: spec.minReplicaCount ?? 0,
    max: spec.maxReplicaCount ?? 100,
    triggers: triggerViews(spec.triggers),
    conditions: conditions(object),
    activity: activity(object),
    hpaName: hpaNameOf(object),
    lastActiveTime: object.status?.lastActiveTime ?? null,
    pause: { requested: hasPauseAnnotation(object), replicas: paused ?? null },
    fallback: spec.fallback
      ? { failureThreshold: spec.fallback.failureThreshold ?? 3, replicas: spec.fallback.replicas ?? 0 }
      : null,
    triggerHealth: Object.entries(object.status?.health ?? {}).map(([metric, h]) => ({
      metric,
      status: h.status ?? 'Unknown',
      failures: h.numberOfFailures ?? 0,
    })),
  };
}

export function scaledJobSummary(object: ScaledJob): ScaledJobSummary {
  const spec = object.spec ?? {};
  return {
    min: spec.minReplicaCount ?? 0,
    max: spec.maxReplicaCount ?? 100,
    strategy: spec.scalingStrategy?.strategy ?? 'default',
    triggers: triggerViews(spec.triggers),
    conditions: conditions(object),
    activity: activity(object),
    lastActiveTime: object.status?.lastActiveTime ?? null,
    pause: { requested: hasPauseAnnotation(object), replicas: null },
  };
}

const list = (s: string | undefined) =>
  (s ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

export function triggerAuthenticationSummary(object: TriggerAuthentication): TriggerAuthenticationSummary {
  const spec = object.spec ?? {};
  return {
    sources: credentialSources(object),
    secrets: referencedSecrets(object),
    secretTargets: (spec.secretTargetRef ?? []).map((r) => ({
      parameter: r.parameter ?? '',
      secret: r.name ?? '',
      key: r.key ?? '',
    })),
    podIdentity: spec.podIdentity?.provider ?? null,
    vaultAddress: spec.hashiCorpVault?.address ?? null,
    scaledObjects: list(object.status?.scaledobjects),
    scaledJobs: list(object.status?.scaledjobs),
  };
}

interface HpaObject {
  metadata: { name: string };
  spec?: { minReplicas?: number; maxReplicas?: number };
  status?: {
    currentReplicas?: number;
    desiredReplicas?: number;
    lastScaleTime?: string;
    conditions?: Array<{ type: string; status: string; reason?: string; message?: string }>;
  };
}

export function hpaView(hpa: HpaObject): HpaView {
  return {
    name: hpa.metadata.name,
    currentReplicas: hpa.status?.currentReplicas ?? null,
    desiredReplicas: hpa.status?.desiredReplicas ?? null,
    minReplicas: hpa.spec?.minReplicas ?? null,
    maxReplicas: hpa.spec?.maxReplicas ?? null,
    lastScaleTime: hpa.status?.lastScaleTime ?? null,
    conditions: (hpa.status?.conditions ?? []).map((c) => ({
      type: c.type,
      status: c.status,
      reason: c.reason ?? null,
      message: c.message ?? null,
    })),
  };
}
