/**
 * Health of the mariadb-operator's objects, as pure functions, by the rules of ../shared/reference/operators.md §2.
 * A leaf module for the web bundle: only type imports.
 */
import type { Condition, Health, HealthStatus, JobLike, MariaDB, MaxScale, SqlObject } from './types.js';

const h = (status: HealthStatus, reason: string): Health => ({ status, reason });
const ready = (o: { status?: { conditions?: Condition[] } }) => o.status?.conditions?.find((c) => c.type === 'Ready');
const text = (c: Condition | undefined, fallback: string) => c?.message || c?.reason || fallback;

/** Ready reasons of a procedure under way (MariaDB's and MaxScale's). */
export const PROGRESSING_REASONS = new Set([
  'Initializing',
  'Updating',
  'SwitchPrimary',
  'ScalingOut',
  'ReplicaRecovering',
  'ResizingStorage',
  'RestoreBackup',
]);
const DEGRADED_REASONS = new Set(['GaleraNotReady', 'StatefulSetNotReady']);

/** Replication threads that stopped, or an I/O error, per replica pod ("pod: what"). */
export function replicationProblems(m: MariaDB): string[] {
  const out: string[] = [];
  for (const [pod, r] of Object.entries(m.status?.replication?.replicas ?? {})) {
    const what: string[] = [];
    if (r.slaveIORunning === false) what.push('I/O thread stopped');
    if (r.slaveSQLRunning === false) what.push('SQL thread stopped');
    if (r.lastIOError) what.push(`I/O error: ${r.lastIOError}`);
    if (what.length) out.push(`${pod}: ${what.join(', ')}`);
  }
  return out;
}

/** MariaDB: Paused, then by Ready's reason, replica threads and ready pods. */
export function mariadbHealth(m: MariaDB): Health {
  const r = ready(m);
  if (r?.status === 'False' && (r.reason === 'Suspended' || r.reason === 'Cordoned'))
    return h(
      'Paused',
      r.reason === 'Suspended' ? 'Suspended: the operator does not reconcile it' : text(r, 'Cordoned'),
    );
  if (r?.status === 'True' && r.reason === 'Maintenance') return h('Paused', `Maintenance: ${text(r, 'enabled')}`);
  if (m.spec?.suspend === true) return h('Paused', 'Suspended: the operator does not reconcile it');
  if (!r) return h('Unknown', 'The operator has not reported a Ready condition yet');
  if (r.reason === 'Initializing') return h('Progressing', text(r, 'Initializing'));
  const want = m.spec?.replicas ?? 1;
  if (m.status?.replicas === 0 && want > 0) return h('Failed', `No pod is ready (0/${want}): ${text(r, 'not ready')}`);
  const problems = replicationProblems(m);
  if (problems.length) return h('Degraded', `Replication: ${problems.join('; ')}`);
  if (r.reason && PROGRESSING_REASONS.has(r.reason)) return h('Progressing', text(r, r.reason));
  if (r.reason && (r.reason.endsWith('Error') || DEGRADED_REASONS.has(r.reason)))
    return h('Degraded', `${r.reason}: ${text(r, 'not ready')}`);
  if (r.status === 'True') return h('Healthy', text(r, 'Running'));
  return h('Degraded', `Not ready: ${text(r, 'no reason given')}`);
}

/** MaxScale: Paused when suspended; Ready, then every server Running. */
export function maxscaleHealth(m: MaxScale): Health {
  const r = ready(m);
  if (m.spec?.suspend === true || (r?.status === 'False' && r.reason === 'Suspended'))
    return h('Paused', 'Suspended: the operator does not reconcile it');
  if (!r) return h('Unknown', 'The operator has not reported a Ready condition yet');
  if (r.status !== 'True')
    return r.reason && PROGRESSING_REASONS.has(r.reason)
      ? h('Progressing', text(r, r.reason))
      : h('Degraded', `Not ready: ${text(r, 'no reason given')}`);
  const down = (m.status?.servers ?? []).filter(
    (s) => !/\bRunning\b/.test(s.state ?? '') || /\bDown\b/.test(s.state ?? ''),
  );
  if (down.length)
    return h('Degraded', `Servers not running: ${down.map((s) => `${s.name} (${s.state ?? '?'})`).join(', ')}`);
  const primary = m.status?.primaryServer;
  return h('Healthy', primary ? `${text(r, 'Running')}, primary ${primary}` : text(r, 'Running'));
}

/** Backup, PhysicalBackup, Restore, SqlJob: by `Complete` and its reason; a suspended schedule is Paused. */
export function jobHealth(o: JobLike): Health {
  if (o.spec?.schedule?.suspend === true) return h('Paused', 'Schedule suspended');
  const c = o.status?.conditions?.find((x) => x.type === 'Complete');
  if (!c) return h('Progressing', 'Waiting for the operator to start it');
  const reason = c.reason ?? '';
  if (c.status === 'True') return h('Healthy', text(c, 'Complete'));
  if (reason === 'JobFailed' || reason === 'CronJobFailed') return h('Failed', text(c, 'Failed'));
  if (reason === 'JobSuspended') return h('Paused', text(c, 'Suspended'));
  if (reason === 'JobRunning' || reason === 'CronJobRunning') return h('Progressing', text(c, 'Running'));
  if (reason === 'CronJobScheduled' || reason === 'JobScheduled') return h('Progressing', text(c, 'Scheduled'));
  return h('Unknown', `${reason || 'No reason'}: ${text(c, 'not complete')}`);
}

/** Database, User, Grant, Connection: by `Ready` (reason Created, Failed or ConnectionFailed). */
export function sqlHealth(o: SqlObject): Health {
  const r = ready(o);
  if (!r) return h('Progressing', 'Waiting for the operator to create it');
  if (r.status === 'True') return h('Healthy', text(r, 'Created'));
  if (r.reason === 'Failed' || r.reason === 'ConnectionFailed') return h('Failed', text(r, r.reason));
  return h('Progressing', text(r, 'Not ready yet'));
}
