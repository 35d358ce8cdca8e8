/** What a PostgreSQL cluster shows: its instances and their roles, switchover, archiving, backup method, fencing. */
// Run-time imports: none (the web bundle reaches this file; Turbopack cannot resolve `./x.js` to `x.ts`).
import type { Backup, BackupMethod, Cluster, Condition } from './types.js';

export const FENCED_ANNOTATION = 'cnpg.io/fencedInstances';
export const BARMAN_CLOUD_PLUGIN = 'barman-cloud.cloudnative-pg.io';
export function conditionOf(
  object: { status?: { conditions?: Condition[] } | undefined },
  type: string,
): Condition | undefined {
  const list = object.status?.conditions;
  return Array.isArray(list) ? list.find((c) => c?.type === type) : undefined;
}

/** Backups newest first (by start, else creation). */
export function newestFirst(a: Backup, b: Backup): number {
  const at = (x: Backup) => x.status?.startedAt ?? x.metadata.creationTimestamp ?? '';
  return at(b).localeCompare(at(a));
}

export type InstanceState = 'healthy' | 'replicating' | 'failed' | 'unknown';

export interface InstanceView {
  name: string;
  role: 'primary' | 'replica';
  /** CloudNativePG's pod status bucket (`status.instancesStatus`). */
  state: InstanceState;
  /** The instance the operator is promoting (targetPrimary ≠ currentPrimary). */
  target: boolean;
  fenced: boolean;
  timeline?: number;
}

/** The instances' names: `status.instanceNames`, else every pod named in `instancesStatus`, sorted by serial. */
export function instanceNames(cluster: Cluster): string[] {
  const s = cluster.status;
  const names = new Set<string>(s?.instanceNames ?? []);
  for (const pods of Object.values(s?.instancesStatus ?? {})) for (const p of pods ?? []) names.add(p);
  const serial = (n: string) => Number(/-(\d+)$/.exec(n)?.[1] ?? Number.MAX_SAFE_INTEGER);
  return [...names].sort((a, b) => serial(a) - serial(b) || a.localeCompare(b));
}

/** `cnpg.io/fencedInstances` (a JSON list; `["*"]` fences every instance). Unreadable = none. */
export function fencedInstances(cluster: Cluster): string[] {
  const raw = cluster.metadata.annotations?.[FENCED_ANNOTATION];
  if (!raw) return [];
  try {
    const list: unknown = JSON.parse(raw);
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function isFenced(cluster: Cluster, instance: string): boolean {
  const fenced = fencedInstances(cluster);
  return fenced.includes('*') || fenced.includes(instance);
}

export function instances(cluster: Cluster): InstanceView[] {
  const s = cluster.status;
  const stateOf = (name: string): InstanceState => {
    for (const state of ['failed', 'replicating', 'healthy'] as const)
      if (s?.instancesStatus?.[state]?.includes(name)) return state;
    return 'unknown';
  };
  return instanceNames(cluster).map((name) => {
    const reported = s?.instancesReportedState?.[name];
    const timeline = reported?.timeLineID;
    return {
      name,
      role: name === s?.currentPrimary ? 'primary' : 'replica',
      state: stateOf(name),
      target: !!s?.targetPrimary && s.targetPrimary !== s.currentPrimary && name === s.targetPrimary,
      fenced: isFenced(cluster, name),
      ...(timeline !== undefined ? { timeline } : {}),
    };
  });
}

/** The replicas a switchover may promote: known instances other than the primary, not failed or fenced. */
export function switchoverCandidates(cluster: Cluster): string[] {
  return instances(cluster)
    .filter((i) => i.role === 'replica' && i.state !== 'failed' && !i.fenced)
    .map((i) => i.name);
}

export interface BackupTarget {
  method: BackupMethod;
  pluginConfiguration?: { name: string };
}

/**
 * How `backup now` backs this cluster up, as its configuration says: the WAL-archiver plugin (Barman Cloud),
 * else `backup.barmanObjectStore`, else `backup.volumeSnapshot`; undefined when none is configured.
 */
export function backupTarget(cluster: Cluster): BackupTarget | undefined {
  const plugin = cluster.spec?.plugins?.find((p) => p.enabled !== false && p.isWALArchiver);
  if (plugin) return { method: 'plugin', pluginConfiguration: { name: plugin.name || BARMAN_CLOUD_PLUGIN } };
  if (cluster.spec?.backup?.barmanObjectStore) return { method: 'barmanObjectStore' };
  if (cluster.spec?.backup?.volumeSnapshot) return { method: 'volumeSnapshot' };
  return undefined;
}

export interface ArchivingView {
  /** `ok` (ContinuousArchiving True), `failing` (False), `unknown` (no condition: archiving is off or not reported). */
  state: 'ok' | 'failing' | 'unknown';
  message?: string;
}

export function archiving(cluster: Cluster): ArchivingView {
  const c = conditionOf(cluster, 'ContinuousArchiving');
  if (!c) return { state: 'unknown' };
  const message = c.message || c.reason;
  return {
    state: c.status === 'True' ? 'ok' : c.status === 'False' ? 'failing' : 'unknown',
    ...(message ? { message } : {}),
  };
}

/** The cluster's Backups (`spec.cluster.name`, same namespace), newest first. */
export function backupsOfCluster(cluster: Cluster, backups: readonly Backup[]): Backup[] {
  return backups
    .filter(
      (b) => b.metadata.namespace === cluster.metadata.namespace && b.spec?.cluster?.name === cluster.metadata.name,
    )
    .sort(newestFirst);
}

/** The table projection of a cluster (the toolkit's `summary`). */
export function clusterSummary(cluster: Cluster): Record<string, unknown> {
  const s = cluster.status;
  const total = s?.instances ?? cluster.spec?.instances ?? 0;
  const last = conditionOf(cluster, 'LastBackupSucceeded');
  return {
    instances: `${s?.readyInstances ?? 0}/${total}`,
    desired_instances: cluster.spec?.instances ?? null,
    phase: s?.phase ?? null,
    primary: s?.currentPrimary ?? null,
    target_primary: s?.targetPrimary ?? null,
    switchover_pending: !!s?.targetPrimary && !!s?.currentPrimary && s.targetPrimary !== s.currentPrimary,
    timeline: s?.timelineID ?? null,
    archiving: archiving(cluster).state,
    last_backup_succeeded: last ? last.status === 'True' : null,
    last_successful_backup: s?.lastSuccessfulBackup ?? null,
    backup_method: backupTarget(cluster)?.method ?? null,
    fenced: fencedInstances(cluster),
    image: cluster.spec?.imageName ?? null,
  };
}
