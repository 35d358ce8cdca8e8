/**
 * The health rules of ../shared/reference/operators.md §2, table-driven: the reference's own example
 * objects, variations of them for each rule, and the objects kube-sim's demo scenario seeds.
 */
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobHealth, mariadbHealth, maxscaleHealth, sqlHealth } from './health.js';
import type { Condition, HealthStatus, JobLike, MariaDB, MaxScale, SqlObject } from './types.js';

const c = (type: string, status: string, reason?: string, message?: string): Condition => ({
  type,
  status,
  ...(reason ? { reason } : {}),
  ...(message ? { message } : {}),
});

// The reference's examples.
const repl: MariaDB = {
  metadata: { name: 'mariadb-repl', namespace: 'shop' },
  spec: { replicas: 3, replication: { enabled: true, primary: { podIndex: 0, autoFailover: true } } },
  status: {
    replicas: 3,
    currentPrimary: 'mariadb-repl-0',
    currentPrimaryPodIndex: 0,
    conditions: [c('Ready', 'True', 'StatefulSetReady', 'Running')],
    replication: {
      roles: { 'mariadb-repl-0': 'Primary', 'mariadb-repl-1': 'Replica', 'mariadb-repl-2': 'Replica' },
      replicas: { 'mariadb-repl-1': { slaveIORunning: true, slaveSQLRunning: true, secondsBehindMaster: 0 } },
    },
  },
};
const galera: MariaDB = {
  metadata: { name: 'mariadb-galera', namespace: 'cms' },
  spec: { replicas: 3, galera: { enabled: true, primary: { podIndex: 1 } } },
  status: {
    replicas: 3,
    currentPrimary: 'mariadb-galera-0',
    currentPrimaryPodIndex: 0,
    conditions: [c('Ready', 'False', 'SwitchPrimary', "Switching primary to 'mariadb-galera-1'")],
  },
};
const ready = (m: MariaDB, cond: Condition, extra: Partial<NonNullable<MariaDB['status']>> = {}): MariaDB => ({
  ...m,
  status: { ...m.status, conditions: [cond], ...extra },
});

describe('MariaDB', () => {
  it.each<[string, MariaDB, HealthStatus, RegExp]>([
    ['mariadb-repl (reference)', repl, 'Healthy', /^Running$/],
    ['mariadb-galera (reference)', galera, 'Progressing', /Switching primary to 'mariadb-galera-1'/],
    ['suspended', ready(repl, c('Ready', 'False', 'Suspended', 'Suspended')), 'Paused', /Suspended/],
    ['cordoned', ready(repl, c('Ready', 'False', 'Cordoned', 'Cordoned')), 'Paused', /Cordoned/],
    [
      'maintenance (Ready True)',
      ready(repl, c('Ready', 'True', 'Maintenance', 'Maintenance')),
      'Paused',
      /Maintenance/,
    ],
    [
      'suspended wins over an error',
      { ...ready(repl, c('Ready', 'False', 'Suspended')), spec: { ...repl.spec, suspend: true } },
      'Paused',
      /Suspended/,
    ],
    ...['Initializing', 'Updating', 'ScalingOut', 'ReplicaRecovering', 'ResizingStorage', 'RestoreBackup'].map(
      (r): [string, MariaDB, HealthStatus, RegExp] => [
        `reason ${r}`,
        ready(repl, c('Ready', 'False', r, r)),
        'Progressing',
        new RegExp(r),
      ],
    ),
    [
      'reason GaleraNotReady',
      ready(galera, c('Ready', 'False', 'GaleraNotReady', 'Galera not ready')),
      'Degraded',
      /GaleraNotReady/,
    ],
    [
      'reason StatefulSetNotReady',
      ready(repl, c('Ready', 'False', 'StatefulSetNotReady', 'Not ready')),
      'Degraded',
      /StatefulSetNotReady/,
    ],
    [
      'reason *Error',
      ready(repl, c('Ready', 'False', 'ReplicationConfigError', 'bad')),
      'Degraded',
      /ReplicationConfigError/,
    ],
    [
      'a replica I/O thread stopped (Ready True)',
      ready(repl, c('Ready', 'True', 'StatefulSetReady', 'Running'), {
        replication: {
          replicas: {
            'mariadb-repl-1': {
              slaveIORunning: false,
              slaveSQLRunning: true,
              lastIOError: 'error connecting to master',
            },
          },
        },
      }),
      'Degraded',
      /mariadb-repl-1: I\/O thread stopped, I\/O error: error connecting to master/,
    ],
    [
      'no ready pod',
      ready(repl, c('Ready', 'False', 'StatefulSetNotReady', 'Not ready'), { replicas: 0 }),
      'Failed',
      /No pod is ready \(0\/3\)/,
    ],
    ['no condition yet', { ...repl, status: {} }, 'Unknown', /not reported/],
  ])('%s → %s', (_name, m, status, reason) => {
    const h = mariadbHealth(m);
    expect(h.status).toBe(status);
    expect(h.reason).toMatch(reason);
  });
});

const backup: JobLike = {
  metadata: { name: 'mariadb-repl-nightly', namespace: 'shop' },
  spec: {
    mariaDbRef: { name: 'mariadb-repl' },
    schedule: { cron: '0 3 * * *', suspend: false },
    maxRetention: '720h',
    storage: { s3: { bucket: 'backups', endpoint: 'minio.minio:9000', prefix: 'shop' } },
  },
  status: { conditions: [c('Complete', 'True', 'CronJobSuccess', 'Success')] },
};
const withComplete = (cond: Condition): JobLike => ({ ...backup, status: { conditions: [cond] } });

describe('Backup, PhysicalBackup, Restore, SqlJob', () => {
  it.each<[string, JobLike, HealthStatus, RegExp]>([
    ['mariadb-repl-nightly (reference)', backup, 'Healthy', /Success/],
    ['JobFailed', withComplete(c('Complete', 'False', 'JobFailed', 'Failed')), 'Failed', /Failed/],
    ['JobRunning', withComplete(c('Complete', 'False', 'JobRunning', 'Running')), 'Progressing', /Running/],
    ['JobSuspended', withComplete(c('Complete', 'False', 'JobSuspended', 'Suspended')), 'Paused', /Suspended/],
    [
      'schedule suspended',
      { ...backup, spec: { ...backup.spec, schedule: { cron: '0 3 * * *', suspend: true } } },
      'Paused',
      /Schedule suspended/,
    ],
    ['not started', { ...backup, status: {} }, 'Progressing', /Waiting/],
  ])('%s → %s', (_name, o, status, reason) => {
    const h = jobHealth(o);
    expect(h.status).toBe(status);
    expect(h.reason).toMatch(reason);
  });
});

const user = (cond?: Condition): SqlObject => ({
  metadata: { name: 'reporting', namespace: 'shop' },
  spec: { mariaDbRef: { name: 'mariadb-repl' }, name: 'reporting', host: '%' },
  status: cond ? { conditions: [cond] } : {},
});

describe('Database, User, Grant, Connection', () => {
  it.each<[string, SqlObject, HealthStatus, RegExp]>([
    ['Created', user(c('Ready', 'True', 'Created', 'Created')), 'Healthy', /Created/],
    [
      'Failed (the reference’s reporting user)',
      user(c('Ready', 'False', 'Failed', 'Error getting password: Secret "mariadb-reporting" not found')),
      'Failed',
      /Secret "mariadb-reporting" not found/,
    ],
    ['ConnectionFailed', user(c('Ready', 'False', 'ConnectionFailed', 'dial tcp: i/o timeout')), 'Failed', /timeout/],
    ['no condition yet', user(), 'Progressing', /Waiting/],
  ])('%s → %s', (_name, o, status, reason) => {
    const h = sqlHealth(o);
    expect(h.status).toBe(status);
    expect(h.reason).toMatch(reason);
  });
});

const maxscale: MaxScale = {
  metadata: { name: 'maxscale-repl', namespace: 'shop' },
  spec: { mariaDbRef: { name: 'mariadb-repl' } },
  status: {
    primaryServer: 'mariadb-repl-0',
    conditions: [c('Ready', 'True', 'MaxScaleReady', 'Running')],
    servers: [
      { name: 'mariadb-repl-0', state: 'Master, Running' },
      { name: 'mariadb-repl-1', state: 'Slave, Running' },
    ],
  },
};

describe('MaxScale', () => {
  it.each<[string, MaxScale, HealthStatus, RegExp]>([
    ['ready, every server running', maxscale, 'Healthy', /primary mariadb-repl-0/],
    [
      'a server down',
      { ...maxscale, status: { ...maxscale.status, servers: [{ name: 'mariadb-repl-1', state: 'Down' }] } },
      'Degraded',
      /mariadb-repl-1 \(Down\)/,
    ],
    ['suspended', { ...maxscale, spec: { suspend: true } }, 'Paused', /Suspended/],
    [
      'not ready',
      { ...maxscale, status: { conditions: [c('Ready', 'False', 'NotReady', 'No primary')] } },
      'Degraded',
      /No primary/,
    ],
  ])('%s → %s', (_name, o, status, reason) => {
    const h = maxscaleHealth(o);
    expect(h.status).toBe(status);
    expect(h.reason).toMatch(reason);
  });
});

describe('the demo scenario’s objects', () => {
  let sim: KubeSim;
  beforeAll(async () => {
    sim = await startKubeSim({ scenario: 'demo', controllers: false });
  });
  afterAll(() => sim?.close());
  const ref = (resource: string, kind: string) => ({ group: 'k8s.mariadb.com', version: 'v1alpha1', resource, kind });
  const get = <T>(resource: string, kind: string, ns: string, name: string) =>
    sim.store.get(ref(resource, kind), ns, name) as unknown as T;

  it.each<[string, string, string, string, (o: never) => { status: string; reason: string }, HealthStatus, RegExp]>([
    ['mariadbs', 'MariaDB', 'shop', 'mariadb-repl', mariadbHealth, 'Healthy', /Running/],
    [
      'mariadbs',
      'MariaDB',
      'cms',
      'mariadb-galera',
      mariadbHealth,
      'Progressing',
      /Switching primary to 'mariadb-galera-1'/,
    ],
    ['users', 'User', 'shop', 'reporting', sqlHealth, 'Failed', /Secret "mariadb-reporting" not found/],
    ['users', 'User', 'shop', 'shop', sqlHealth, 'Healthy', /Created/],
    ['backups', 'Backup', 'shop', 'mariadb-repl-nightly', jobHealth, 'Healthy', /Success/],
    ['sqljobs', 'SqlJob', 'shop', 'reporting-views', jobHealth, 'Failed', /Failed/],
    ['restores', 'Restore', 'shop', 'mariadb-repl-restore-drill', jobHealth, 'Healthy', /Success/],
    ['maxscales', 'MaxScale', 'shop', 'maxscale-repl', maxscaleHealth, 'Healthy', /primary mariadb-repl-0/],
  ])('%s %s/%s/%s', (resource, kind, ns, name, rule, status, reason) => {
    const h = rule(get<never>(resource, kind, ns, name));
    expect(h.status).toBe(status);
    expect(h.reason).toMatch(reason);
  });
});
