/** What the KEDA plugin's backend answers and its frontend draws (the `summary` of each toolkit item). */

export type ConditionState = 'True' | 'False' | 'Unknown' | null;

export interface TriggerView {
  type: string;
  name: string | null;
  /** The trigger's metadata, with values of credential-like keys and URL user info replaced by `***`. */
  metadata: Record<string, string>;
  /** The TriggerAuthentication (or ClusterTriggerAuthentication) it uses. */
  authentication: { kind: 'TriggerAuthentication' | 'ClusterTriggerAuthentication'; name: string } | null;
}

export interface TriggerHealthView {
  metric: string;
  status: string;
  failures: number;
}

export interface ScalerConditions {
  ready: ConditionState;
  active: ConditionState;
  fallback: ConditionState;
  paused: ConditionState;
}

export interface ScaledObjectSummary {
  target: { kind: string; name: string };
  min: number;
  max: number;
  triggers: TriggerView[];
  conditions: ScalerConditions;
  /** "scaling" while Active=True, "idle" while False. */
  activity: 'scaling' | 'idle' | null;
  hpaName: string;
  lastActiveTime: string | null;
  /** Whether a pause annotation is set, and at how many replicas (null: the current count is frozen). */
  pause: { requested: boolean; replicas: number | null };
  fallback: { failureThreshold: number; replicas: number } | null;
  triggerHealth: TriggerHealthView[];
}

export interface ScaledJobSummary {
  min: number;
  max: number;
  strategy: string;
  triggers: TriggerView[];
  conditions: ScalerConditions;
  activity: 'scaling' | 'idle' | null;
  lastActiveTime: string | null;
  pause: { requested: boolean; replicas: null };
}

export interface TriggerAuthenticationSummary {
  /** Where the credentials come from, e.g. `secrets`, `pod identity (azure-workload)`. */
  sources: string[];
  /** The Secrets it names (names and keys only, never values). */
  secrets: Array<{ name: string; keys: string[] }>;
  secretTargets: Array<{ parameter: string; secret: string; key: string }>;
  podIdentity: string | null;
  vaultAddress: string | null;
  scaledObjects: string[];
  scaledJobs: string[];
}

/** The HPA KEDA made for a ScaledObject. */
export interface HpaView {
  name: string;
  currentReplicas: number | null;
  desiredReplicas: number | null;
  minReplicas: number | null;
  maxReplicas: number | null;
  lastScaleTime: string | null;
  conditions: Array<{ type: string; status: string; reason: string | null; message: string | null }>;
}
