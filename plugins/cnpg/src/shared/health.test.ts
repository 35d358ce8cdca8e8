/**
 * The health rules of ../shared/reference/operators.md §1, table-driven: the reference's own example
 * objects, variations of them for each rule, and the objects kube-sim's demo scenario seeds.
 */
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupHealth, clusterHealth, databaseHealth, poolerHealth, scheduledBackupHealth } from './health.js';
import type { Backup, Cluster, Database, HealthStatus, Pooler, ScheduledBackup } from './types.js';

const cond = (type: string, status: string, message?: string) => ({ type, status, reason: type, message });

// The reference's examples.
const pgMain: Cluster = {
  metadata: { name: 'pg-main', namespace: 'payments' },
  spec: { instances: 3 },
  status: {
    phase: 'Cluster in healthy state',
    instances: 3,
    readyInstances: 3,
    currentPrimary: 'pg-main-1',
    targetPrimary: 'pg-main-1',
    timelineID: 1,
    instancesStatus: { healthy: ['pg-main-1', 'pg-main-2', 'pg-main-3'] },
    conditions: [cond('Ready', 'True'), cond('ContinuousArchiving', 'True')],
  },
};
const pgReporting: Cluster = {
  metadata: { name: 'pg-reporting', namespace: 'analytics' },
  spec: { instances: 2 },
  status: {
    phase: 'Creating a new replica',
    instances: 2,
    readyInstances: 1,
    currentPrimary: 'pg-reporting-1',
    targetPrimary: 'pg-reporting-1',
    instancesStatus: { healthy: ['pg-reporting-1'], failed: ['pg-reporting-2'] },
    conditions: [cond('Ready', 'False')],
  },
};
const withStatus = (c: Cluster, status: NonNullable<Cluster['status']>, annotations?: Record<string, string>) => ({
  ...c,
  metadata: { ...c.metadata, ...(annotations ? { annotations } : {}) },
  status: { ...c.status, ...status },
});
const conditions = (...extra: ReturnType<typeof cond>[]) => [cond('Ready', 'True'), ...extra];

describe('Cluster', () => {
  it.each<[string, Cluster, HealthStatus, RegExp]>([
    ['pg-main (reference)', pgMain, 'Healthy', /healthy state \(3\/3/],
    ['pg-reporting (reference)', pgReporting, 'Progressing', /Creating a new replica/],
    ['healthy phase, not all ready', withStatus(pgMain, { readyInstances: 2 }), 'Degraded', /2\/3 instances ready/],
    [
      'continuous archiving failing',
      withStatus(pgMain, {
        conditions: conditions(
          cond('ContinuousArchiving', 'False', 'unexpected failure invoking barman-cloud-wal-archive'),
        ),
      }),
      'Degraded',
      /archiving is failing: unexpected failure/,
    ],
    [
      'last backup failed',
      withStatus(pgMain, { conditions: conditions(cond('LastBackupSucceeded', 'False', 'backup failed')) }),
      'Degraded',
      /last backup failed/,
    ],
    [
      'a backup running (CloudNativePG reports LastBackupSucceeded False, reason BackupStarted)',
      withStatus(pgMain, {
        conditions: conditions({
          type: 'LastBackupSucceeded',
          status: 'False',
          reason: 'BackupStarted',
          message: 'New Backup starting up',
        }),
      }),
      'Healthy',
      /healthy/i,
    ],
    [
      'waiting for user action',
      withStatus(pgMain, { phase: 'Waiting for user action' }),
      'Degraded',
      /Waiting for user action/,
    ],
    [
      'unrecoverable',
      withStatus(pgMain, { phase: 'Cluster is unrecoverable and needs manual intervention' }),
      'Failed',
      /unrecoverable/,
    ],
    [
      'objects cannot be created',
      withStatus(pgMain, { phase: 'Unable to create required cluster objects' }),
      'Failed',
      /Unable/,
    ],
    ['invalid definition', withStatus(pgMain, { phase: 'Invalid cluster definition' }), 'Failed', /Invalid/],
    [
      'image catalog error',
      withStatus(pgMain, { phase: 'Cluster has incomplete or invalid image catalog' }),
      'Failed',
      /image catalog/,
    ],
    [
      'plugin error',
      withStatus(pgMain, {
        phase: 'Cluster cannot proceed to reconciliation due to an error while interacting with plugins',
        phaseReason: 'barman-cloud: connection refused',
      }),
      'Failed',
      /plugins: barman-cloud: connection refused/,
    ],
    // The operator omits readyInstances when it is 0.
    [
      'no instance ready',
      withStatus(pgReporting, { readyInstances: undefined as unknown as number }),
      'Failed',
      /0\/2/,
    ],
    [
      'switchover',
      withStatus(pgMain, { phase: 'Switchover in progress', phaseReason: 'Switching over to pg-main-2' }),
      'Progressing',
      /Switching over to pg-main-2/,
    ],
    ['failing over', withStatus(pgMain, { phase: 'Failing over' }), 'Progressing', /Failing over/],
    ['upgrading', withStatus(pgMain, { phase: 'Upgrading cluster' }), 'Progressing', /Upgrading/],
    ['hibernated', withStatus(pgMain, { readyInstances: 0 }, { 'cnpg.io/hibernation': 'on' }), 'Paused', /Hibernated/],
    ['hibernation off', withStatus(pgMain, {}, { 'cnpg.io/hibernation': 'off' }), 'Healthy', /healthy/],
    ['no status yet', { metadata: { name: 'new' }, spec: { instances: 3 } }, 'Unknown', /not reported/],
  ])('%s → %s', (_name, cluster, status, reason) => {
    const h = clusterHealth(cluster);
    expect(h.status).toBe(status);
    expect(h.reason).toMatch(reason);
  });
});

const backup = (phase: string | undefined, error?: string): Backup => ({
  metadata: { name: 'b', namespace: 'payments' },
  spec: { cluster: { name: 'pg-main' } },
  status: { ...(phase ? { phase } : {}), ...(error ? { error } : {}), stoppedAt: '2026-08-20T02:03:40Z' },
});

describe('Backup', () => {
  it.each<[string | undefined, HealthStatus]>([
    ['completed', 'Healthy'],
    ['pending', 'Progressing'],
    ['started', 'Progressing'],
    ['running', 'Progressing'],
    ['finalizing', 'Progressing'],
    ['failed', 'Failed'],
    ['walArchivingFailing', 'Failed'],
    ['invalid backup definition', 'Failed'],
    [undefined, 'Progressing'],
    ['exploded', 'Unknown'],
  ])('%s → %s', (phase, status) => {
    expect(backupHealth(backup(phase)).status).toBe(status);
  });

  it('gives the error of a failed backup as its reason', () => {
    expect(backupHealth(backup('failed', 'no barmanObjectStore section defined')).reason).toBe(
      'failed: no barmanObjectStore section defined',
    );
  });
});

describe('ScheduledBackup', () => {
  const daily: ScheduledBackup = {
    metadata: { name: 'pg-main-daily', namespace: 'payments' },
    spec: { schedule: '0 0 2 * * *', cluster: { name: 'pg-main' }, method: 'plugin' },
    status: { lastScheduleTime: '2026-08-20T02:00:00Z', nextScheduleTime: '2026-08-21T02:00:00Z' },
  };
  const made = (name: string, startedAt: string, phase: string, ns = 'payments', by = 'pg-main-daily'): Backup => ({
    metadata: { name, namespace: ns, labels: { 'cnpg.io/scheduled-backup': by } },
    status: { phase, startedAt },
  });
  const older = made('pg-main-20260819', '2026-08-19T02:00:01Z', 'failed');
  const newer = made('pg-main-20260820', '2026-08-20T02:00:01Z', 'completed');

  it.each<[string, ScheduledBackup, Backup[], HealthStatus, RegExp]>([
    ['newest backup completed', daily, [older, newer], 'Healthy', /pg-main-20260820: Completed/],
    [
      'newest backup failed',
      daily,
      [made('pg-main-20260821', '2026-08-21T02:00:01Z', 'failed'), newer],
      'Failed',
      /20260821/,
    ],
    ['newest backup running', daily, [newer, made('x', '2026-08-21T02:00:01Z', 'running')], 'Progressing', /running/],
    ['no backup yet', daily, [], 'Healthy', /first run/],
    [
      "another schedule's backups",
      daily,
      [made('y', '2026-08-21T02:00:01Z', 'failed', 'payments', 'other')],
      'Healthy',
      /first run/,
    ],
    [
      "another namespace's backups",
      daily,
      [made('z', '2026-08-21T02:00:01Z', 'failed', 'analytics')],
      'Healthy',
      /first run/,
    ],
    ['suspended', { ...daily, spec: { ...daily.spec, suspend: true } }, [newer], 'Paused', /Suspended/],
    ['error set', { ...daily, status: { error: 'cluster pg-main not found' } }, [newer], 'Failed', /not found/],
    [
      'error beats suspend',
      { ...daily, spec: { ...daily.spec, suspend: true }, status: { error: 'boom' } },
      [],
      'Failed',
      /boom/,
    ],
    [
      'invalid schedule',
      { ...daily, spec: { ...daily.spec, schedule: '0 0 25 * * *' } },
      [],
      'Failed',
      /Invalid schedule/,
    ],
  ])('%s → %s', (_name, schedule, backups, status, reason) => {
    const h = scheduledBackupHealth(schedule, backups);
    expect(h.status).toBe(status);
    expect(h.reason).toMatch(reason);
  });
});

describe('Pooler and Database', () => {
  const pooler = (status: Pooler['status'], paused = false): Pooler => ({
    metadata: { name: 'p' },
    spec: { instances: 2, type: 'rw', pgbouncer: { paused } },
    status,
  });
  it.each<[string, Pooler, HealthStatus]>([
    ['active', pooler({ phase: 'active', instances: 2 }), 'Healthy'],
    ['paused by spec', pooler({ phase: 'active', instances: 2 }, true), 'Paused'],
    ['paused phase', pooler({ phase: 'paused', instances: 2 }), 'Paused'],
    ['failed', pooler({ phase: 'failed', phaseReason: 'bad config' }), 'Failed'],
    ['inactive', pooler({ phase: 'inactive', phaseReason: 'cluster not found' }), 'Degraded'],
    ['scaling up', pooler({ phase: 'active', instances: 1 }), 'Progressing'],
    ['before 1.30 (no phase)', pooler({ instances: 2 }), 'Healthy'],
  ])('pooler %s → %s', (_n, p, status) => {
    expect(poolerHealth(p).status).toBe(status);
  });

  it.each<[Database['status'], HealthStatus]>([
    [{ applied: true }, 'Healthy'],
    [{ applied: false, message: 'role "app" does not exist' }, 'Failed'],
    [undefined, 'Progressing'],
  ])('database %j → %s', (status, expected) => {
    expect(databaseHealth({ metadata: { name: 'd' }, spec: { name: 'app' }, status }).status).toBe(expected);
  });
});

describe("kube-sim's demo scenario", () => {
  let sim: KubeSim;
  const ref = (resource: string) => ({ group: 'postgresql.cnpg.io', version: 'v1', resource });
  const objects = <T>(resource: string) => sim.store.list(ref(resource)).items as unknown as T[];
  const byName = <T extends { metadata: { name: string } }>(items: T[], name: string) => {
    const found = items.find((i) => i.metadata.name === name);
    if (!found) throw new Error(`${name} is not in the demo scenario`);
    return found;
  };

  beforeAll(async () => {
    sim = await startKubeSim({ scenario: 'demo', controllers: false });
  });
  afterAll(async () => {
    await sim?.close();
  });

  it('shows pg-main Healthy and pg-reporting Progressing', () => {
    const clusters = objects<Cluster>('clusters');
    expect(clusterHealth(byName(clusters, 'pg-main'))).toEqual({
      status: 'Healthy',
      reason: 'Cluster in healthy state (3/3 instances ready)',
    });
    expect(clusterHealth(byName(clusters, 'pg-reporting'))).toEqual({
      status: 'Progressing',
      reason: 'Creating a new replica: Creating replica pg-reporting-2',
    });
  });

  it('shows the failed ad-hoc backup Failed with its error, the scheduled ones Healthy', () => {
    const backups = objects<Backup>('backups');
    expect(backupHealth(byName(backups, 'pg-reporting-adhoc'))).toEqual({
      status: 'Failed',
      reason: 'failed: no barmanObjectStore section defined on the target cluster',
    });
    const scheduled = backups.filter((b) => b.metadata.labels?.['cnpg.io/scheduled-backup'] === 'pg-main-daily');
    expect(scheduled.length).toBeGreaterThan(0);
    for (const b of scheduled) expect(backupHealth(b).status).toBe('Healthy');
    const daily = byName(objects<ScheduledBackup>('scheduledbackups'), 'pg-main-daily');
    expect(scheduledBackupHealth(daily, backups)).toMatchObject({ status: 'Healthy' });
  });

  it('shows the pooler and the database Healthy', () => {
    expect(poolerHealth(byName(objects<Pooler>('poolers'), 'pg-main-pooler-rw')).status).toBe('Healthy');
    expect(databaseHealth(byName(objects<Database>('databases'), 'pg-main-payments')).status).toBe('Healthy');
  });
});
