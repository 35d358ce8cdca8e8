import type { ScenarioBuilder } from '../builder.js';
import { addCustom, condition } from './crd.js';

const V = 'k8s.mariadb.com/v1alpha1';

/** What the reference names beyond the basics: MaxScale, one-shot and physical backups, a restore, SQL jobs. */
export function addMariadbExtras(b: ScenarioBuilder): void {
  const cond = (type: string, ok: boolean, reason: string, message: string, ago = 3600) =>
    condition(b, type, ok ? 'True' : 'False', reason, message, ago);
  addCustom(b, {
    apiVersion: V,
    kind: 'Connection',
    name: 'shop-app',
    namespace: 'shop',
    spec: {
      mariaDbRef: { name: 'mariadb-repl' },
      username: 'shop',
      passwordSecretKeyRef: { name: 'mariadb', key: 'shop-password' },
      database: 'shop',
      secretName: 'shop-app-connection',
      healthCheck: { interval: '30s' },
    },
    status: { conditions: [cond('Ready', true, 'Created', 'Created')] },
  });
  addCustom(b, {
    apiVersion: V,
    kind: 'MaxScale',
    name: 'maxscale-repl',
    namespace: 'shop',
    ageSeconds: 30 * 86400,
    spec: {
      replicas: 2,
      mariaDbRef: { name: 'mariadb-repl' },
      services: [
        { name: 'rw-router', router: 'readwritesplit', listener: { port: 3306 } },
        {
          name: 'rconn-slave-router',
          router: 'readconnroute',
          params: { router_options: 'slave' },
          listener: { port: 3307 },
        },
      ],
      monitor: { module: 'mariadbmon', interval: '2s' },
    },
    status: {
      replicas: 2,
      primaryServer: 'mariadb-repl-0',
      conditions: [cond('Ready', true, 'MaxScaleReady', 'Running')],
      servers: [
        { name: 'mariadb-repl-0', state: 'Master, Running' },
        { name: 'mariadb-repl-1', state: 'Slave, Running' },
        { name: 'mariadb-repl-2', state: 'Slave, Running' },
      ],
    },
  });
  addCustom(b, {
    apiVersion: V,
    kind: 'Backup',
    name: 'mariadb-repl-before-upgrade',
    namespace: 'shop',
    ageSeconds: 9 * 86400,
    spec: {
      mariaDbRef: { name: 'mariadb-repl' },
      storage: { s3: { bucket: 'backups', endpoint: 'minio.minio:9000', prefix: 'shop/adhoc' } },
    },
    status: { conditions: [cond('Complete', true, 'JobComplete', 'Success', 9 * 86400 - 95)] },
  });
  addCustom(b, {
    apiVersion: V,
    kind: 'PhysicalBackup',
    name: 'mariadb-galera-physical',
    namespace: 'cms',
    ageSeconds: 40 * 86400,
    spec: {
      mariaDbRef: { name: 'mariadb-galera' },
      schedule: { cron: '30 1 * * *', suspend: false },
      maxRetention: '168h',
      storage: {
        persistentVolumeClaim: { resources: { requests: { storage: '20Gi' } }, accessModes: ['ReadWriteOnce'] },
      },
    },
    status: {
      conditions: [cond('Complete', true, 'CronJobSuccess', 'Success', 8 * 3600)],
      lastScheduleTime: b.ago(8 * 3600 + 60),
    },
  });
  addCustom(b, {
    apiVersion: V,
    kind: 'Restore',
    name: 'mariadb-repl-restore-drill',
    namespace: 'shop',
    ageSeconds: 3 * 86400,
    spec: {
      mariaDbRef: { name: 'mariadb-repl' },
      backupRef: { name: 'mariadb-repl-nightly' },
      targetRecoveryTime: b.ago(4 * 86400),
    },
    status: { conditions: [cond('Complete', true, 'JobComplete', 'Success', 3 * 86400 - 240)] },
  });
  addCustom(b, {
    apiVersion: V,
    kind: 'SqlJob',
    name: 'shop-purge-sessions',
    namespace: 'shop',
    ageSeconds: 20 * 86400,
    spec: {
      mariaDbRef: { name: 'mariadb-repl' },
      username: 'shop',
      passwordSecretKeyRef: { name: 'mariadb', key: 'shop-password' },
      database: 'shop',
      schedule: { cron: '0 * * * *', suspend: false },
      sql: 'DELETE FROM sessions WHERE expires_at < NOW();',
    },
    status: { conditions: [cond('Complete', true, 'CronJobSuccess', 'Success', 1200)] },
  });
  addCustom(b, {
    apiVersion: V,
    kind: 'SqlJob',
    name: 'reporting-views',
    namespace: 'shop',
    ageSeconds: 2 * 86400,
    spec: {
      mariaDbRef: { name: 'mariadb-repl' },
      username: 'reporting',
      passwordSecretKeyRef: { name: 'mariadb-reporting', key: 'password' },
      database: 'shop',
      dependsOn: [{ name: 'shop-purge-sessions' }],
      sql: 'CREATE OR REPLACE VIEW daily_orders AS SELECT DATE(created_at) d, COUNT(*) n FROM orders GROUP BY d;',
    },
    status: { conditions: [cond('Complete', false, 'JobFailed', 'Failed', 2 * 86400 - 120)] },
  });
}
