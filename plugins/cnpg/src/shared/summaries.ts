/** Table projections of backups, schedules, poolers and databases (the toolkit's `summary`). */
import { nextRunOf } from './cron.js';
import { describeSchedule } from './cron-words.js';
import { type Backup, type Database, type Pooler, SCHEDULED_BACKUP_LABEL, type ScheduledBackup } from './types.js';

/** Seconds between two RFC 3339 times, or null. */
export function durationSeconds(from: string | undefined, to: string | undefined): number | null {
  if (!from || !to) return null;
  const d = (Date.parse(to) - Date.parse(from)) / 1000;
  return Number.isFinite(d) && d >= 0 ? Math.round(d) : null;
}

export function backupSummary(b: Backup): Record<string, unknown> {
  return {
    cluster: b.spec?.cluster?.name ?? null,
    method: b.status?.method ?? b.spec?.method ?? 'barmanObjectStore',
    phase: b.status?.phase ?? null,
    started_at: b.status?.startedAt ?? null,
    stopped_at: b.status?.stoppedAt ?? null,
    duration_seconds: durationSeconds(b.status?.startedAt, b.status?.stoppedAt),
    error: b.status?.error ?? null,
    backup_id: b.status?.backupId ?? null,
    pod: b.status?.instanceID?.podName ?? null,
    scheduled_backup: b.metadata.labels?.[SCHEDULED_BACKUP_LABEL] ?? null,
  };
}

/** A schedule's words and next run (computed from `now`, as the operator's clock would). */
export function scheduledBackupSummary(sb: ScheduledBackup, now: Date = new Date()): Record<string, unknown> {
  const schedule = sb.spec?.schedule ?? '';
  const words = describeSchedule(schedule);
  const next = sb.spec?.suspend ? undefined : nextRunOf(schedule, now);
  return {
    cluster: sb.spec?.cluster?.name ?? null,
    schedule,
    schedule_words: words.text,
    schedule_warning: words.warning ?? null,
    next_run: next ? next.toISOString() : null,
    suspended: sb.spec?.suspend === true,
    immediate: sb.spec?.immediate === true,
    method: sb.spec?.method ?? 'barmanObjectStore',
    last_schedule_time: sb.status?.lastScheduleTime ?? null,
  };
}

export function poolerSummary(p: Pooler): Record<string, unknown> {
  const want = p.spec?.instances ?? 1;
  return {
    cluster: p.spec?.cluster?.name ?? null,
    type: p.spec?.type ?? 'rw',
    instances: `${p.status?.instances ?? 0}/${want}`,
    pool_mode: p.spec?.pgbouncer?.poolMode ?? 'session',
    paused: p.spec?.pgbouncer?.paused === true,
    phase: p.status?.phase ?? null,
  };
}

export function databaseSummary(d: Database): Record<string, unknown> {
  return {
    cluster: d.spec?.cluster?.name ?? null,
    database: d.spec?.name ?? null,
    owner: d.spec?.owner ?? null,
    ensure: d.spec?.ensure ?? 'present',
    applied: d.status?.applied ?? null,
    message: d.status?.message ?? null,
  };
}
