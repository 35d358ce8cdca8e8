/**
 * The mariadb-operator's objects (`k8s.mariadb.com/v1alpha1`), narrowed to the fields this plugin reads
 * (../shared/reference/operators.md §2; mariadb-operator 26.6). A leaf module: no run-time imports, so the
 * web bundle (Turbopack) can reach it.
 */

export const MARIADB_GROUP = 'k8s.mariadb.com';
export const MARIADB_VERSION = 'v1alpha1';
export const MARIADB_API_VERSION = `${MARIADB_GROUP}/${MARIADB_VERSION}`;
export const PERMISSION = 'mariadb.databases';
/** The pod-template annotation a restart sets (as `kubectl rollout restart` does on a workload's template). */
export const RESTART_ANNOTATION = 'kubectl.kubernetes.io/restartedAt';

export type HealthStatus = 'Healthy' | 'Progressing' | 'Degraded' | 'Failed' | 'Paused' | 'Unknown';

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

interface Obj<S, T> {
  apiVersion?: string;
  kind?: string;
  metadata: Meta;
  spec?: S;
  status?: T;
  [key: string]: unknown;
}

export interface Ref {
  name?: string;
  namespace?: string;
}

export interface ReplicaStatus {
  slaveIORunning?: boolean;
  slaveSQLRunning?: boolean;
  secondsBehindMaster?: number;
  lastIOError?: string;
  lastSQLError?: string;
}

interface Primary {
  podIndex?: number;
  autoFailover?: boolean;
}

export type MariaDB = Obj<
  {
    replicas?: number;
    image?: string;
    suspend?: boolean;
    storage?: { size?: string; storageClassName?: string };
    replication?: { enabled?: boolean; primary?: Primary; [key: string]: unknown };
    galera?: { enabled?: boolean; primary?: Primary; [key: string]: unknown };
    maxScaleRef?: Ref;
    podMetadata?: { annotations?: Record<string, string>; labels?: Record<string, string> };
    updateStrategy?: { type?: string };
    [key: string]: unknown;
  },
  {
    replicas?: number;
    currentPrimary?: string;
    currentPrimaryPodIndex?: number;
    conditions?: Condition[];
    replication?: { roles?: Record<string, string>; replicas?: Record<string, ReplicaStatus> };
    [key: string]: unknown;
  }
>;

export type MaxScale = Obj<
  {
    replicas?: number;
    suspend?: boolean;
    mariaDbRef?: Ref;
    primaryServer?: string;
    services?: { name: string; router?: string; listener?: { port?: number } }[];
    [key: string]: unknown;
  },
  {
    replicas?: number;
    primaryServer?: string;
    servers?: { name: string; state?: string }[];
    conditions?: Condition[];
    [key: string]: unknown;
  }
>;

export interface Schedule {
  cron?: string;
  suspend?: boolean;
}

export interface Storage {
  s3?: { bucket?: string; endpoint?: string; prefix?: string; [key: string]: unknown };
  persistentVolumeClaim?: Record<string, unknown>;
  volume?: Record<string, unknown>;
  [key: string]: unknown;
}

/** Backup, PhysicalBackup, Restore and SqlJob: a Job (or CronJob) the operator runs. */
export type JobLike = Obj<
  {
    mariaDbRef?: Ref;
    schedule?: Schedule;
    storage?: Storage;
    maxRetention?: string;
    backupRef?: Ref;
    targetRecoveryTime?: string;
    sql?: string;
    username?: string;
    database?: string;
    dependsOn?: Ref[];
    [key: string]: unknown;
  },
  { conditions?: Condition[]; lastScheduleTime?: string; [key: string]: unknown }
>;

/** Database, User, Grant, Connection: SQL objects the operator keeps in the server. */
export type SqlObject = Obj<
  {
    mariaDbRef?: Ref;
    name?: string;
    username?: string;
    host?: string;
    database?: string;
    table?: string;
    privileges?: string[];
    grantOption?: boolean;
    secretName?: string;
    characterSet?: string;
    collate?: string;
    maxUserConnections?: number;
    [key: string]: unknown;
  },
  { conditions?: Condition[]; [key: string]: unknown }
>;

export function conditionOf(o: { status?: { conditions?: Condition[] } | undefined }, type: string) {
  return o.status?.conditions?.find((c) => c.type === type);
}

export type Topology = 'replication' | 'galera' | 'standalone';

export function topologyOf(m: MariaDB): Topology {
  if (m.spec?.galera?.enabled) return 'galera';
  if (m.spec?.replication?.enabled) return 'replication';
  return 'standalone';
}

/** The pod index the spec asks to be primary (replication or Galera), if any. */
export function wantedPrimaryIndex(m: MariaDB): number | undefined {
  const t = topologyOf(m);
  if (t === 'standalone') return undefined;
  return m.spec?.[t]?.primary?.podIndex ?? 0;
}

/** The pod a switchover is heading to, while one is in progress (the spec's index is not the primary's). */
export function switchingTo(m: MariaDB): string | undefined {
  const wanted = wantedPrimaryIndex(m);
  const current = m.status?.currentPrimaryPodIndex;
  if (wanted === undefined || current === undefined || wanted === current) return undefined;
  return `${m.metadata.name}-${wanted}`;
}

/** The pods of a MariaDB (`<name>-N`, N < spec.replicas). */
export function podNames(m: MariaDB): string[] {
  return Array.from({ length: m.spec?.replicas ?? 1 }, (_, i) => `${m.metadata.name}-${i}`);
}
