/**
 * CloudNativePG's objects (`postgresql.cnpg.io/v1`), narrowed to the fields this plugin reads
 * (../shared/reference/operators.md §1; CloudNativePG 1.30's api/v1).
 */

export const CNPG_GROUP = 'postgresql.cnpg.io';
export const CNPG_VERSION = 'v1';
export const CNPG_API_VERSION = `${CNPG_GROUP}/${CNPG_VERSION}`;

export const HIBERNATION_ANNOTATION = 'cnpg.io/hibernation';
export const RELOAD_ANNOTATION = 'cnpg.io/reloadedAt';
export const RESTART_ANNOTATION = 'kubectl.kubernetes.io/restartedAt';
export const CLUSTER_LABEL = 'cnpg.io/cluster';
export const INSTANCE_ROLE_LABEL = 'cnpg.io/instanceRole';
export const SCHEDULED_BACKUP_LABEL = 'cnpg.io/scheduled-backup';

export type HealthStatus = 'Healthy' | 'Progressing' | 'Degraded' | 'Failed' | 'Paused' | 'Unknown';

/** The SDK's health shape (`{status, reason}`). */
export interface Health {
  status: HealthStatus;
  reason: string;
}

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export interface Meta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [key: string]: unknown;
}

interface CnpgObject<S, T> {
  apiVersion?: string;
  kind?: string;
  metadata: Meta;
  spec?: S;
  status?: T;
  [key: string]: unknown;
}

export interface ClusterPlugin {
  name: string;
  enabled?: boolean;
  isWALArchiver?: boolean;
  parameters?: Record<string, string>;
}

export type Cluster = CnpgObject<
  {
    instances?: number;
    imageName?: string;
    storage?: { size?: string; storageClass?: string };
    walStorage?: { size?: string; storageClass?: string };
    plugins?: ClusterPlugin[];
    backup?: {
      barmanObjectStore?: { destinationPath?: string; [key: string]: unknown };
      volumeSnapshot?: { className?: string; [key: string]: unknown };
      target?: string;
      [key: string]: unknown;
    };
    [key: string]: unknown;
  },
  {
    phase?: string;
    phaseReason?: string;
    instances?: number;
    readyInstances?: number;
    currentPrimary?: string;
    currentPrimaryTimestamp?: string;
    targetPrimary?: string;
    targetPrimaryTimestamp?: string;
    timelineID?: number;
    instanceNames?: string[];
    /** Pod names by CloudNativePG's pod status: `healthy`, `replicating`, `failed`. */
    instancesStatus?: Record<string, string[]>;
    instancesReportedState?: Record<string, { isPrimary?: boolean; timeLineID?: number; ip?: string }>;
    writeService?: string;
    readService?: string;
    firstRecoverabilityPoint?: string;
    lastSuccessfulBackup?: string;
    lastFailedBackup?: string;
    conditions?: Condition[];
    [key: string]: unknown;
  }
>;

export type BackupMethod = 'barmanObjectStore' | 'volumeSnapshot' | 'plugin';

export type Backup = CnpgObject<
  {
    cluster?: { name?: string };
    method?: BackupMethod | string;
    pluginConfiguration?: { name?: string; parameters?: Record<string, string> };
    target?: string;
    [key: string]: unknown;
  },
  {
    phase?: string;
    method?: string;
    backupId?: string;
    startedAt?: string;
    stoppedAt?: string;
    error?: string;
    instanceID?: { podName?: string };
    [key: string]: unknown;
  }
>;

export type ScheduledBackup = CnpgObject<
  {
    schedule?: string;
    suspend?: boolean;
    immediate?: boolean;
    cluster?: { name?: string };
    method?: string;
    pluginConfiguration?: { name?: string };
    [key: string]: unknown;
  },
  {
    lastScheduleTime?: string;
    nextScheduleTime?: string;
    lastCheckTime?: string;
    error?: string;
    [key: string]: unknown;
  }
>;

export type Pooler = CnpgObject<
  {
    cluster?: { name?: string };
    type?: 'rw' | 'ro' | 'r' | string;
    instances?: number;
    pgbouncer?: { poolMode?: string; paused?: boolean; [key: string]: unknown };
    [key: string]: unknown;
  },
  { instances?: number; phase?: string; [key: string]: unknown }
>;

export type Database = CnpgObject<
  {
    name?: string;
    owner?: string;
    cluster?: { name?: string };
    ensure?: string;
    [key: string]: unknown;
  },
  { applied?: boolean; message?: string; observedGeneration?: number; [key: string]: unknown }
>;

// Defined where the web bundle can reach them without a relative `.js` import (Turbopack does not map
// `.js` to `.ts`): the frontend imports cluster-view.ts, which must import nothing at run time.
export { BARMAN_CLOUD_PLUGIN, conditionOf, FENCED_ANNOTATION } from './cluster-view.js';
