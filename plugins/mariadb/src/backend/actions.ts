/**
 * The mariadb-operator's actions, each done as the operator documents it (operators.md §2):
 * - switchover: merge-patch `spec.replication.primary.podIndex` (or `spec.galera.primary.podIndex`); setting
 *   the current primary's index back while one is in progress cancels it. With MaxScale in front, the
 *   operator wants `MaxScale.spec.primaryServer` instead, so the MariaDB action refuses.
 * - backup now: a Backup with `{mariaDbRef, storage}` and no `schedule` (a one-shot Job); the storage is the
 *   newest Backup's of that MariaDB, else a PersistentVolumeClaim.
 * - restart: a changed pod-template annotation (`spec.podMetadata.annotations`), which the operator rolls out
 *   by its update strategy (replicas first, primary last).
 * - suspend / resume reconciliation: `spec.suspend` (MariaDB and MaxScale); pause a schedule:
 *   `spec.schedule.suspend` (Backup, PhysicalBackup, SqlJob).
 */
import { apiPath, defineOperatorAction, ensureKubeOk, type OperatorAction } from '@argus/plugin-sdk';
import { z } from 'zod';
import { PROGRESSING_REASONS } from '../shared/health.js';
import {
  conditionOf,
  type JobLike,
  MARIADB_API_VERSION,
  MARIADB_GROUP,
  MARIADB_VERSION,
  type MariaDB,
  type MaxScale,
  podNames,
  RESTART_ANNOTATION,
  type Storage,
  switchingTo,
  topologyOf,
} from '../shared/types.js';

/** RFC 3339 to the second, as `kubectl rollout restart` writes it. */
export const rfc3339 = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
const compact = (d: Date) => rfc3339(d).replace(/[-:TZ]/g, '');

const suspended = (m: MariaDB | MaxScale) =>
  m.spec?.suspend === true ? `${m.metadata.name} is suspended: resume its reconciliation first` : undefined;

/** Why the MariaDB is busy with a procedure (a switchover, an update, a restore …), if it is. */
function busy(m: MariaDB): string | undefined {
  const r = conditionOf(m, 'Ready');
  if (r?.status === 'False' && r.reason && PROGRESSING_REASONS.has(r.reason))
    return `${m.metadata.name} is busy: ${r.message || r.reason}`;
  return undefined;
}

const switchoverParams = z.object({
  target: z.string().min(1).max(253).describe('The pod to make primary, e.g. mariadb-repl-1'),
});
type SwitchoverParams = z.infer<typeof switchoverParams>;

function canSwitch(m: MariaDB, target: string | undefined): true | string {
  const name = m.metadata.name;
  const stop = suspended(m);
  if (stop) return stop;
  const topology = topologyOf(m);
  if (topology === 'standalone') return `${name} runs neither replication nor Galera: there is no primary to switch`;
  if (m.spec?.maxScaleRef?.name)
    return `MaxScale ${m.spec.maxScaleRef.name} manages the primary of ${name}: switch it there (spec.primaryServer)`;
  if ((m.spec?.replicas ?? 1) < 2) return `${name} has a single pod: there is no other to promote`;
  if (target === undefined) return true;
  if (!podNames(m).includes(target)) return `${target} is not a pod of ${name}`;
  const current = m.status?.currentPrimary;
  const moving = switchingTo(m);
  if (moving) {
    if (target === current) return true; // setting the old index back cancels the switchover
    if (target === moving) return `A switchover to ${moving} is in progress already`;
    return `A switchover to ${moving} is in progress: only ${current ?? 'the current primary'} can be chosen, to cancel it`;
  }
  if (target === current) return `${target} is the primary already`;
  return true;
}

export const switchover = defineOperatorAction<MariaDB, SwitchoverParams>({
  label: 'Switch primary',
  params: switchoverParams,
  confirm: (m, p) => {
    const moving = switchingTo(m);
    if (p && moving && p.target === m.status?.currentPrimary)
      return `Cancel the switchover of ${m.metadata.name} to ${moving}? ${p.target} stays the primary.`;
    return `Make ${p?.target ?? 'another pod'} the primary of ${m.metadata.name}? Writes stop while the primary changes; clients of ${m.metadata.name}-primary reconnect.`;
  },
  available: (m, p) => canSwitch(m, p?.target),
  patch(m, p) {
    const topology = topologyOf(m) as 'replication' | 'galera';
    const podIndex = podNames(m).indexOf(p.target);
    return { body: { spec: { [topology]: { primary: { podIndex } } } } };
  },
});

/** The storage of the newest Backup of this MariaDB in its namespace; a PVC when it has none. */
function storageFrom(m: MariaDB, backups: JobLike[]): Storage {
  const mine = backups
    .filter((b) => b.spec?.mariaDbRef?.name === m.metadata.name && b.spec?.storage)
    .sort((a, b) =>
      String(b.metadata.creationTimestamp ?? '').localeCompare(String(a.metadata.creationTimestamp ?? '')),
    );
  return (
    mine[0]?.spec?.storage ?? {
      persistentVolumeClaim: { resources: { requests: { storage: '10Gi' } }, accessModes: ['ReadWriteOnce'] },
    }
  );
}

const BACKUPS = { group: MARIADB_GROUP, version: MARIADB_VERSION, resource: 'backups' };

export const backupNow = defineOperatorAction<MariaDB>({
  label: 'Back up now',
  available: (m) => suspended(m) ?? true,
  async run({ object: m, client, namespace, now, signal }) {
    const list = await client.request({ path: apiPath(BACKUPS, namespace), signal });
    const backups = (ensureKubeOk(list).json() as { items?: JobLike[] }).items ?? [];
    const body = {
      apiVersion: MARIADB_API_VERSION,
      kind: 'Backup',
      metadata: {
        name: `${m.metadata.name}-${compact(now)}`,
        labels: { 'app.kubernetes.io/instance': m.metadata.name },
      },
      spec: { mariaDbRef: { name: m.metadata.name }, storage: storageFrom(m, backups) },
    };
    const reply = await client.request({
      method: 'POST',
      path: apiPath(BACKUPS, namespace),
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal,
    });
    return ensureKubeOk(reply).json();
  },
});

export const restart = defineOperatorAction<MariaDB>({
  label: 'Restart',
  confirm: (m) =>
    `Restart every pod of ${m.metadata.name}? The operator replaces them by its update strategy (${m.spec?.updateStrategy?.type ?? 'ReplicasFirstPrimaryLast'}): replicas first, then the primary; clients are disconnected.`,
  available: (m) => suspended(m) ?? busy(m) ?? true,
  patch: (_m, _p, now) => ({
    body: { spec: { podMetadata: { annotations: { [RESTART_ANNOTATION]: rfc3339(now) } } } },
  }),
});

function suspendAction<T extends MariaDB | MaxScale>(what: string) {
  return defineOperatorAction<T>({
    label: 'Suspend reconciliation',
    confirm: (m) =>
      `Suspend the reconciliation of ${m.metadata.name}? The operator stops managing ${what}: no failover, recovery, updates or scaling until it is resumed.`,
    available: (m) => suspended(m) ?? true,
    patch: () => ({ body: { spec: { suspend: true } } }),
  });
}

function resumeAction<T extends MariaDB | MaxScale>() {
  return defineOperatorAction<T>({
    label: 'Resume reconciliation',
    available: (m) => (m.spec?.suspend === true ? true : `${m.metadata.name} is not suspended`),
    patch: () => ({ body: { spec: { suspend: false } } }),
  });
}

// biome-ignore lint/suspicious/noExplicitAny: actions of one kind have different params
export const MARIADB_ACTIONS: Record<string, OperatorAction<MariaDB, any>> = {
  switchover,
  'backup-now': backupNow,
  restart,
  suspend: suspendAction<MariaDB>('it'),
  resume: resumeAction<MariaDB>(),
};

export const MAXSCALE_ACTIONS: Record<string, OperatorAction<MaxScale>> = {
  suspend: suspendAction<MaxScale>('this MaxScale'),
  resume: resumeAction<MaxScale>(),
};

/** Pause and resume the schedule of a Backup, PhysicalBackup or SqlJob (`spec.schedule.suspend`). */
export const SCHEDULE_ACTIONS: Record<string, OperatorAction<JobLike>> = {
  suspend: defineOperatorAction<JobLike>({
    label: 'Suspend schedule',
    available: (o) =>
      !o.spec?.schedule
        ? `${o.metadata.name} runs once: it has no schedule`
        : o.spec.schedule.suspend
          ? `The schedule of ${o.metadata.name} is suspended already`
          : true,
    patch: () => ({ body: { spec: { schedule: { suspend: true } } } }),
  }),
  resume: defineOperatorAction<JobLike>({
    label: 'Resume schedule',
    available: (o) =>
      o.spec?.schedule?.suspend === true ? true : `The schedule of ${o.metadata.name} is not suspended`,
    patch: () => ({ body: { spec: { schedule: { suspend: false } } } }),
  }),
};

const restoreParams = z.object({
  targetRecoveryTime: z.iso
    .datetime()
    .optional()
    .describe('Restore the backup closest to this time (RFC 3339); absent: the newest'),
});

/** Restore: a Restore `{mariaDbRef, backupRef, targetRecoveryTime?}` the operator runs as a Job. */
export const restoreBackup = defineOperatorAction<JobLike, z.infer<typeof restoreParams>>({
  label: 'Restore',
  params: restoreParams,
  confirm: (b) =>
    `Restore ${b.metadata.name} into ${b.spec?.mariaDbRef?.name ?? 'its MariaDB'}? The databases it holds are overwritten with the backup's data.`,
  available: (b) =>
    conditionOf(b, 'Complete')?.status === 'True'
      ? true
      : `${b.metadata.name} has not completed: there is nothing to restore`,
  create: (b, p, now) => ({
    resource: 'restores',
    body: {
      apiVersion: MARIADB_API_VERSION,
      kind: 'Restore',
      metadata: { name: `${b.metadata.name}-restore-${compact(now)}`.slice(0, 253) },
      spec: {
        mariaDbRef: { name: b.spec?.mariaDbRef?.name },
        backupRef: { name: b.metadata.name },
        ...(p?.targetRecoveryTime ? { targetRecoveryTime: p.targetRecoveryTime } : {}),
      },
    },
  }),
});
