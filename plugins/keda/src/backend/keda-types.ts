/** KEDA's objects (`keda.sh/v1alpha1`), narrowed to the fields the plugin reads (../shared/reference/operators.md §3). */
import type { OperatorObject } from '@argus/plugin-sdk';

export const KEDA_GROUP = 'keda.sh';
export const KEDA_VERSION = 'v1alpha1';

/** KEDA's own annotations for pausing (KEDA ≥ 2.8 for ScaledObjects, ≥ 2.10 for ScaledJobs). */
export const PAUSED_ANNOTATION = 'autoscaling.keda.sh/paused';
/** ScaledObjects only: scale to N replicas and freeze there; overrides `paused`. */
export const PAUSED_REPLICAS_ANNOTATION = 'autoscaling.keda.sh/paused-replicas';

export interface KedaCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown' | string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export interface KedaTrigger {
  type: string;
  name?: string;
  metadata?: Record<string, string>;
  authenticationRef?: { name: string; kind?: string };
  metricType?: string;
  useCachedMetrics?: boolean;
}

export interface TriggerHealth {
  status?: string;
  numberOfFailures?: number;
}

interface ScalerStatus {
  conditions?: KedaCondition[];
  lastActiveTime?: string;
  triggersTypes?: string;
  authenticationsTypes?: string;
}

export interface ScaledObject extends OperatorObject {
  spec?: {
    scaleTargetRef?: { apiVersion?: string; kind?: string; name?: string; envSourceContainerName?: string };
    minReplicaCount?: number;
    maxReplicaCount?: number;
    idleReplicaCount?: number;
    pollingInterval?: number;
    cooldownPeriod?: number;
    triggers?: KedaTrigger[];
    fallback?: { failureThreshold?: number; replicas?: number };
    advanced?: { horizontalPodAutoscalerConfig?: { name?: string } };
  };
  status?: ScalerStatus & {
    scaleTargetKind?: string;
    hpaName?: string;
    originalReplicaCount?: number;
    pausedReplicaCount?: number;
    health?: Record<string, TriggerHealth>;
    externalMetricNames?: string[];
  };
}

export interface ScaledJob extends OperatorObject {
  spec?: {
    jobTargetRef?: { template?: { spec?: { containers?: Array<{ name?: string; image?: string }> } } };
    minReplicaCount?: number;
    maxReplicaCount?: number;
    pollingInterval?: number;
    successfulJobsHistoryLimit?: number;
    failedJobsHistoryLimit?: number;
    scalingStrategy?: { strategy?: string };
    triggers?: KedaTrigger[];
  };
  status?: ScalerStatus & { Paused?: string };
}

export interface SecretTargetRef {
  parameter?: string;
  name?: string;
  key?: string;
}

export interface TriggerAuthentication extends OperatorObject {
  spec?: {
    secretTargetRef?: SecretTargetRef[];
    configMapTargetRef?: Array<{ parameter?: string; name?: string; key?: string }>;
    env?: Array<{ parameter?: string; name?: string; containerName?: string }>;
    podIdentity?: { provider?: string; identityId?: string };
    hashiCorpVault?: { address?: string; authentication?: string; secrets?: unknown[] };
    azureKeyVault?: { vaultUri?: string };
    awsSecretManager?: unknown;
    gcpSecretManager?: unknown;
    boundServiceAccountToken?: unknown[];
  };
  status?: { scaledobjects?: string; scaledjobs?: string };
}

export function conditionOf(object: { status?: { conditions?: KedaCondition[] } }, type: string) {
  return object.status?.conditions?.find((c) => c.type === type);
}
