/**
 * Health of CloudNativePG's objects, as pure functions, by the rules of ../shared/reference/operators.md §1.
 * Pooler and Database have no rule there: theirs follow the operator's own phase and `applied` fields.
 */
import { newestFirst } from './cluster-view.js';
import { parseSchedule } from './cron.js';
import {
  type Backup,
  type Cluster,
  conditionOf,
  type Database,
  type Health,
  type HealthStatus,
  HIBERNATION_ANNOTATION,
  type Pooler,
  SCHEDULED_BACKUP_LABEL,
  type ScheduledBackup,
} from './types.js';

const h = (status: HealthStatus, reason: string): Health => ({ status, reason });

export const HEALTHY_PHASE = 'Cluster in healthy state';
export const WAITING_FOR_USER_PHASE = 'Waiting for user action';
export const SWITCHOVER_PHASE = 'Switchover in progress';

/** Phases in which the operator cannot go on without a person (CloudNativePG 1.30's cluster_types.go). */
const FAILED_PHASES = new Set([
  'Cluster is unrecoverable and needs manual intervention',
  'Unable to create required cluster objects',
  'Invalid cluster definition',
  'Cluster has incomplete or invalid image catalog',
  'Cluster cannot proceed to reconciliation due to an unknown plugin being required',
  'Cluster cannot proceed to reconciliation due to an error while interacting with plugins',
]);

function isFailedPhase(phase: string): boolean {
  if (FAILED_PHASES.has(phase)) return true;
  // Older operators word the image-catalog and plugin errors differently.
  return /^Cluster cannot proceed to reconciliation/.test(phase) || /image catalog/i.test(phase);
}

export function isHibernated(cluster: Cluster): boolean {
  return cluster.metadata.annotations?.[HIBERNATION_ANNOTATION] === 'on';
}

function withReason(phase: string, reason: string | undefined): string {
  return reason ? `${phase}: ${reason}` : phase;
}

/** Cluster: Paused when hibernated; Failed, Degraded, Progressing or Healthy by phase, readiness and conditions. */
export function clusterHealth(cluster: Cluster): Health {
  if (isHibernated(cluster)) return h('Paused', 'Hibernated (cnpg.io/hibernation: on): its pods are stopped');
  const s = cluster.status;
  const phase = s?.phase;
  if (!s || !phase) return h('Unknown', 'The operator has not reported a phase yet');
  const text = withReason(phase, s.phaseReason);
  if (isFailedPhase(phase)) return h('Failed', text);
  // readyInstances is omitted by the operator when it is 0.
  const total = s.instances ?? cluster.spec?.instances;
  const ready = s.readyInstances ?? 0;
  if (total !== undefined && total > 0 && ready === 0) return h('Failed', `No instance is ready (0/${total}); ${text}`);
  if (phase === WAITING_FOR_USER_PHASE) return h('Degraded', text);
  const archiving = conditionOf(cluster, 'ContinuousArchiving');
  if (archiving?.status === 'False')
    return h(
      'Degraded',
      `Continuous archiving is failing: ${archiving.message || archiving.reason || 'no reason given'}`,
    );
  const lastBackup = conditionOf(cluster, 'LastBackupSucceeded');
  // CloudNativePG sets the condition False with reason BackupStarted while a backup runs: not a failure.
  if (lastBackup?.status === 'False' && lastBackup.reason !== 'BackupStarted')
    return h('Degraded', `The last backup failed: ${lastBackup.message || lastBackup.reason || 'no reason given'}`);
  if (phase !== HEALTHY_PHASE) return h('Progressing', text);
  if (total !== undefined && ready < total) return h('Degraded', `${ready}/${total} instances ready`);
  return h('Healthy', total !== undefined ? `${phase} (${ready}/${total} instances ready)` : phase);
}

const BACKUP_RUNNING = new Set(['pending', 'started', 'running', 'finalizing']);
const BACKUP_FAILED = new Set(['failed', 'walArchivingFailing', 'invalid backup definition']);

/** Backup: by its phase. */
export function backupHealth(backup: Backup): Health {
  const phase = backup.status?.phase;
  if (!phase) return h('Progressing', 'Waiting for the operator to start it');
  if (phase === 'completed')
    return h('Healthy', backup.status?.stoppedAt ? `Completed at ${backup.status.stoppedAt}` : 'Completed');
  if (BACKUP_RUNNING.has(phase)) return h('Progressing', `Backup ${phase}`);
  if (BACKUP_FAILED.has(phase)) return h('Failed', withReason(phase, backup.status?.error));
  return h('Unknown', `Unknown backup phase "${phase}"`);
}

/** The Backups a ScheduledBackup made (label `cnpg.io/scheduled-backup`), newest first. */
export function backupsOfSchedule(schedule: ScheduledBackup, backups: readonly Backup[]): Backup[] {
  return backups
    .filter(
      (b) =>
        b.metadata.namespace === schedule.metadata.namespace &&
        b.metadata.labels?.[SCHEDULED_BACKUP_LABEL] === schedule.metadata.name,
    )
    .sort(newestFirst);
}

/**
 * ScheduledBackup: Failed when the operator reports an error (or the schedule does not parse), Paused when
 * suspended, otherwise the health of its newest Backup (`backups` may hold any Backups: they are filtered).
 */
export function scheduledBackupHealth(schedule: ScheduledBackup, backups: readonly Backup[] | undefined): Health {
  if (schedule.status?.error) return h('Failed', schedule.status.error);
  const parsed = parseSchedule(schedule.spec?.schedule ?? '');
  if (!parsed.ok) return h('Failed', `Invalid schedule: ${parsed.error}`);
  if (schedule.spec?.suspend) return h('Paused', 'Suspended: no backups are taken until it is resumed');
  if (backups === undefined) return h('Unknown', 'Its backups were not read');
  const newest = backupsOfSchedule(schedule, backups)[0];
  if (!newest) return h('Healthy', 'No backup taken yet: waiting for the first run');
  const of = backupHealth(newest);
  return h(of.status, `Last backup ${newest.metadata.name}: ${of.reason}`);
}

/** Pooler: by its phase (CloudNativePG ≥ 1.30), else by `pgbouncer.paused` and its ready instances. */
export function poolerHealth(pooler: Pooler): Health {
  const phase = pooler.status?.phase;
  const reason = typeof pooler.status?.phaseReason === 'string' ? pooler.status.phaseReason : undefined;
  if (phase === 'paused' || pooler.spec?.pgbouncer?.paused)
    return h('Paused', 'PgBouncer is paused: new client connections wait');
  if (phase === 'failed') return h('Failed', withReason('Failed', reason));
  if (phase === 'inactive') return h('Degraded', withReason('Inactive', reason ?? 'a prerequisite is missing'));
  const want = pooler.spec?.instances ?? 1;
  const have = pooler.status?.instances;
  if (have === undefined) return h('Progressing', 'Waiting for the operator to report its instances');
  if (have < want) return h('Progressing', `${have}/${want} instances`);
  return h('Healthy', `${phase === 'active' ? 'Active' : 'Running'} (${have}/${want} instances)`);
}

/** Database: Healthy when applied, Failed with the operator's message when not, Progressing before it. */
export function databaseHealth(db: Database): Health {
  const applied = db.status?.applied;
  if (applied === true) return h('Healthy', 'Applied');
  if (applied === false) return h('Failed', db.status?.message || 'Not applied');
  return h('Progressing', 'Waiting for the operator to apply it');
}

export { newestFirst };
