/**
 * KEDA health, pure, by the reference's rules (../shared/reference/operators.md §3):
 * - Failed: `Ready=False` (`*CheckFailed`, `TriggerError`, `ErrorGettingCurrentReplicas`).
 * - Paused: `Paused=True`. It is checked before Degraded: KEDA stops evaluating triggers and removes its
 *   HPA while paused, so a fallback or a failing trigger it reported before is history (the reason keeps it).
 * - Degraded: `Ready=Unknown` with a reason (`PartialTriggerError`), `Fallback=True`, or a trigger's
 *   `health[*].status == Failing`.
 * - Healthy: `Ready=True`, "scaling" while `Active=True`, "idle" while it is False.
 * KEDA initialises every condition to Unknown without a reason before its first check: Progressing then;
 * no conditions at all is Unknown.
 */
import type { Health } from '@argus/plugin-sdk';
import {
  conditionOf,
  type KedaCondition,
  PAUSED_ANNOTATION,
  PAUSED_REPLICAS_ANNOTATION,
  type ScaledJob,
  type ScaledObject,
  type TriggerAuthentication,
} from './keda-types.js';

function said(c: KedaCondition): string {
  const parts = [c.reason, c.message].filter((s): s is string => Boolean(s));
  return parts.length > 0 ? parts.join(': ') : `${c.type}=${c.status}`;
}

/** Triggers KEDA reports as failing, e.g. `s0-prometheus (7 failures)`. */
export function failingTriggers(object: ScaledObject): string[] {
  return Object.entries(object.status?.health ?? {})
    .filter(([, h]) => h.status === 'Failing')
    .map(([metric, h]) => `${metric} (${h.numberOfFailures ?? 0} failures)`);
}

/** The replica count a paused ScaledObject holds, when KEDA or the annotation says it. */
export function pausedReplicas(object: ScaledObject): number | undefined {
  const fromStatus = object.status?.pausedReplicaCount;
  if (typeof fromStatus === 'number') return fromStatus;
  const raw = object.metadata.annotations?.[PAUSED_REPLICAS_ANNOTATION];
  const n = raw === undefined ? Number.NaN : Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/**
 * Whether the object carries one of KEDA's pause annotations (KEDA may not have acted on it yet). KEDA reads
 * `paused` as a bool where anything but false/f/0 means paused, and `paused-replicas` whenever present.
 */
export function hasPauseAnnotation(object: ScaledObject | ScaledJob): boolean {
  const a = object.metadata.annotations ?? {};
  const paused = a[PAUSED_ANNOTATION];
  return (
    a[PAUSED_REPLICAS_ANNOTATION] !== undefined ||
    (paused !== undefined && !['false', 'f', '0'].includes(paused.trim().toLowerCase()))
  );
}

function scalerHealth(object: ScaledObject | ScaledJob, extraDegraded: string[], pausedAt: number | undefined): Health {
  const conditions = object.status?.conditions ?? [];
  const ready = conditionOf(object, 'Ready');
  if (ready?.status === 'False') return { status: 'Failed', reason: `Not ready: ${said(ready)}` };

  const degraded: string[] = [];
  if (ready?.status === 'Unknown' && ready.reason) degraded.push(`Ready unknown: ${said(ready)}`);
  const fallback = conditionOf(object, 'Fallback');
  if (fallback?.status === 'True') degraded.push(`Fallback active: ${said(fallback)}`);
  degraded.push(...extraDegraded);

  const paused = conditionOf(object, 'Paused');
  if (paused?.status === 'True') {
    const at =
      pausedAt === undefined
        ? 'Autoscaling paused: the replica count is frozen'
        : `Autoscaling paused at ${pausedAt} replica${pausedAt === 1 ? '' : 's'}`;
    return { status: 'Paused', reason: degraded.length > 0 ? `${at} (before: ${degraded.join('; ')})` : at };
  }
  if (degraded.length > 0) return { status: 'Degraded', reason: degraded.join('; ') };

  if (ready?.status === 'True') {
    const active = conditionOf(object, 'Active');
    if (active?.status === 'True') return { status: 'Healthy', reason: 'Ready, scaling: triggers are active' };
    if (active?.status === 'False') return { status: 'Healthy', reason: 'Ready, idle: triggers are not active' };
    return { status: 'Healthy', reason: 'Ready' };
  }
  if (ready?.status === 'Unknown') return { status: 'Progressing', reason: 'KEDA has not checked the triggers yet' };
  if (conditions.length === 0) return { status: 'Unknown', reason: 'KEDA has reported no conditions yet' };
  return { status: 'Unknown', reason: 'KEDA reports no Ready condition' };
}

export function scaledObjectHealth(object: ScaledObject): Health {
  const failing = failingTriggers(object);
  const extra = failing.length > 0 ? [`Trigger failing: ${failing.join(', ')}`] : [];
  const fallbackReplicas = object.spec?.fallback?.replicas;
  const health = scalerHealth(object, extra, pausedReplicas(object));
  if (
    health.status === 'Degraded' &&
    conditionOf(object, 'Fallback')?.status === 'True' &&
    fallbackReplicas !== undefined
  )
    return { ...health, reason: `${health.reason}; holding ${fallbackReplicas} fallback replicas` };
  return health;
}

export function scaledJobHealth(object: ScaledJob): Health {
  return scalerHealth(object, [], undefined);
}

/** The Secrets a trigger authentication names (names only; never their values). */
export function referencedSecrets(object: TriggerAuthentication): Array<{ name: string; keys: string[] }> {
  const byName = new Map<string, Set<string>>();
  for (const ref of object.spec?.secretTargetRef ?? []) {
    if (!ref.name) continue;
    const keys = byName.get(ref.name) ?? new Set<string>();
    if (ref.key) keys.add(ref.key);
    byName.set(ref.name, keys);
  }
  return [...byName].map(([name, keys]) => ({ name, keys: [...keys].sort() }));
}

/** Where a trigger authentication takes credentials from, e.g. `["secrets", "pod identity (azure-workload)"]`. */
export function credentialSources(object: TriggerAuthentication): string[] {
  const s = object.spec ?? {};
  const out: string[] = [];
  if (s.secretTargetRef?.length) out.push('secrets');
  if (s.configMapTargetRef?.length) out.push('config maps');
  if (s.env?.length) out.push('environment');
  if (s.podIdentity?.provider && s.podIdentity.provider !== 'none')
    out.push(`pod identity (${s.podIdentity.provider})`);
  if (s.hashiCorpVault) out.push('HashiCorp Vault');
  if (s.azureKeyVault) out.push('Azure Key Vault');
  if (s.awsSecretManager) out.push('AWS Secrets Manager');
  if (s.gcpSecretManager) out.push('GCP Secret Manager');
  if (s.boundServiceAccountToken?.length) out.push('service account tokens');
  return out;
}

/**
 * A trigger authentication has no status. With `secrets` (the names and keys of the Secrets that exist
 * where it looks: its namespace, or KEDA's for a ClusterTriggerAuthentication) it warns on a missing
 * Secret or key; without, it judges only the spec.
 */
export function triggerAuthenticationHealth(
  object: TriggerAuthentication,
  secrets?: ReadonlyMap<string, readonly string[]>,
): Health {
  const sources = credentialSources(object);
  if (sources.length === 0) return { status: 'Degraded', reason: 'Names no source of credentials' };
  if (secrets) {
    const problems: string[] = [];
    for (const ref of referencedSecrets(object)) {
      const keys = secrets.get(ref.name);
      if (!keys) problems.push(`Secret ${ref.name} not found`);
      else for (const key of ref.keys) if (!keys.includes(key)) problems.push(`Secret ${ref.name} has no key ${key}`);
    }
    if (problems.length > 0) return { status: 'Degraded', reason: problems.join('; ') };
  }
  return { status: 'Healthy', reason: `Credentials from ${sources.join(', ')}` };
}
