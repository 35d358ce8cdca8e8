import type { ScenarioBuilder } from '../builder.js';
import { addSecret, addServiceAccount } from '../core/basics.js';
import { addCronJob } from '../core/batch.js';
import { ctr } from '../core/containers.js';
import { addService } from '../core/network.js';
import { addDeployment, addStatefulSet } from '../core/workloads.js';
import type { KubeObject } from '../types.js';
import { addCustom, condition } from './crd.js';
import { addMariadbExtras } from './mariadb-extras.js';

const G = 'k8s.mariadb.com';
const V = `${G}/v1alpha1`;
const MARIADB_IMAGE = 'docker-registry1.mariadb.com/library/mariadb:11.8.2';

function addMariadbCore(
  b: ScenarioBuilder,
  mdb: KubeObject,
  replicas: number,
  size: string,
  notReady: number[] = [],
): void {
  const m = mdb.metadata.name;
  const ns = mdb.metadata.namespace ?? 'default';
  const sel = { 'app.kubernetes.io/name': 'mariadb', 'app.kubernetes.io/instance': m };
  addServiceAccount(b, ns, m, sel).metadata.ownerReferences = [
    {
      apiVersion: V,
      kind: 'MariaDB',
      name: m,
      uid: mdb.metadata.uid ?? '',
      controller: true,
      blockOwnerDeletion: true,
    },
  ];
  const states = Array.from({ length: replicas }, (_, i) =>
    notReady.includes(i) ? ('notready' as const) : ('running' as const),
  );
  addStatefulSet(b, {
    name: m,
    namespace: ns,
    replicas,
    selector: sel,
    owner: mdb,
    serviceName: `${m}-internal`,
    containers: [
      {
        ...ctr('mariadb', MARIADB_IMAGE, { cpu: '500m', memory: '1Gi' }),
        ports: [{ name: 'mariadb', containerPort: 3306 }],
      },
      ctr('agent', 'ghcr.io/mariadb-operator/mariadb-operator:26.6.0', {
        cpu: '50m',
        memory: '64Mi',
        port: 5555,
        portName: 'agent',
      }),
    ],
    volumeClaims: [{ name: 'storage', size, storageClass: 'rook-ceph-block' }],
    states,
    serviceAccount: m,
  });
  const port = [{ name: 'mariadb', port: 3306, targetPort: 3306 }];
  addService(b, { name: m, namespace: ns, selector: sel, labels: { ...sel }, owner: mdb, ports: port });
  addService(b, {
    name: `${m}-primary`,
    namespace: ns,
    selector: { ...sel, 'statefulset.kubernetes.io/pod-name': `${m}-0` },
    labels: { ...sel },
    owner: mdb,
    ports: port,
  });
  addService(b, { name: `${m}-secondary`, namespace: ns, selector: sel, labels: { ...sel }, owner: mdb, ports: port });
  addService(b, {
    name: `${m}-internal`,
    namespace: ns,
    headless: true,
    selector: sel,
    labels: { ...sel },
    owner: mdb,
    ports: port,
    publishNotReadyAddresses: true,
  });
}

export function addMariadbObjects(b: ScenarioBuilder): void {
  addServiceAccount(b, 'databases', 'mariadb-operator');
  addDeployment(b, {
    name: 'mariadb-operator',
    namespace: 'databases',
    replicas: 1,
    selector: { 'app.kubernetes.io/name': 'mariadb-operator', 'app.kubernetes.io/instance': 'mariadb-operator' },
    containers: [
      ctr('controller', 'docker-registry3.mariadb.com/mariadb-operator/mariadb-operator:26.6.0', {
        port: 8080,
        portName: 'metrics',
        cpu: '10m',
        memory: '64Mi',
      }),
    ],
    serviceAccount: 'mariadb-operator',
  });

  addSecret(b, {
    name: 'mariadb',
    namespace: 'shop',
    data: { 'root-password': 'demo-root-password', 'shop-password': 'demo-shop-password' },
  });
  const repl = addCustom(b, {
    apiVersion: V,
    kind: 'MariaDB',
    name: 'mariadb-repl',
    namespace: 'shop',
    ageSeconds: 60 * 86400,
    spec: {
      replicas: 3,
      image: MARIADB_IMAGE,
      storage: { size: '10Gi', storageClassName: 'rook-ceph-block' },
      rootPasswordSecretKeyRef: { name: 'mariadb', key: 'root-password' },
      replication: { enabled: true, primary: { podIndex: 0, autoFailover: true } },
      updateStrategy: { type: 'ReplicasFirstPrimaryLast' },
    },
    status: {
      replicas: 3,
      currentPrimary: 'mariadb-repl-0',
      currentPrimaryPodIndex: 0,
      conditions: [condition(b, 'Ready', 'True', 'StatefulSetReady', 'Running')],
      replication: {
        roles: { 'mariadb-repl-0': 'Primary', 'mariadb-repl-1': 'Replica', 'mariadb-repl-2': 'Replica' },
        replicas: {
          'mariadb-repl-1': { slaveIORunning: true, slaveSQLRunning: true, secondsBehindMaster: 0 },
          'mariadb-repl-2': { slaveIORunning: true, slaveSQLRunning: true, secondsBehindMaster: 0 },
        },
      },
    },
  });
  addMariadbCore(b, repl, 3, '10Gi');

  const galera = addCustom(b, {
    apiVersion: V,
    kind: 'MariaDB',
    name: 'mariadb-galera',
    namespace: 'cms',
    generation: 4,
    ageSeconds: 100 * 86400,
    spec: {
      replicas: 3,
      image: MARIADB_IMAGE,
      rootPasswordSecretKeyRef: { name: 'mariadb-galera-root', key: 'root-password' },
      galera: { enabled: true, primary: { podIndex: 1 } },
      storage: { size: '5Gi', storageClassName: 'rook-ceph-block' },
    },
    status: {
      replicas: 3,
      currentPrimary: 'mariadb-galera-0',
      currentPrimaryPodIndex: 0,
      conditions: [condition(b, 'Ready', 'False', 'SwitchPrimary', "Switching primary to 'mariadb-galera-1'", 40)],
    },
  });
  addMariadbCore(b, galera, 3, '5Gi', [1]);

  const backup = addCustom(b, {
    apiVersion: V,
    kind: 'Backup',
    name: 'mariadb-repl-nightly',
    namespace: 'shop',
    ageSeconds: 60 * 86400,
    spec: {
      mariaDbRef: { name: 'mariadb-repl' },
      schedule: { cron: '0 3 * * *', suspend: false },
      maxRetention: '720h',
      storage: { s3: { bucket: 'backups', endpoint: 'minio.minio:9000', prefix: 'shop' } },
    },
    status: { conditions: [condition(b, 'Complete', 'True', 'CronJobSuccess', 'Success', 7 * 3600)] },
  });
  const at3 = (b.now.getUTCHours() * 3600 + b.now.getUTCMinutes() * 60 - 3 * 3600 + 86400) % 86400;
  addCronJob(b, {
    name: 'mariadb-repl-nightly',
    namespace: 'shop',
    schedule: '0 3 * * *',
    owner: backup,
    labels: { 'app.kubernetes.io/name': 'mariadb', 'app.kubernetes.io/instance': 'mariadb-repl' },
    containers: [ctr('mariadb', MARIADB_IMAGE, { args: ['mariadb-dump', '--all-databases'] })],
    runs: [{ outcome: 'succeeded', agoSeconds: at3 || 86400 }],
  });

  const ready = (reason: string, msg: string, ok = true) => ({
    conditions: [condition(b, 'Ready', ok ? 'True' : 'False', reason, msg)],
  });
  addCustom(b, {
    apiVersion: V,
    kind: 'Database',
    name: 'shop',
    namespace: 'shop',
    spec: {
      mariaDbRef: { name: 'mariadb-repl' },
      name: 'shop',
      characterSet: 'utf8mb4',
      collate: 'utf8mb4_general_ci',
    },
    status: ready('Created', 'Created'),
  });
  addCustom(b, {
    apiVersion: V,
    kind: 'User',
    name: 'shop',
    namespace: 'shop',
    spec: {
      mariaDbRef: { name: 'mariadb-repl' },
      name: 'shop',
      host: '%',
      passwordSecretKeyRef: { name: 'mariadb', key: 'shop-password' },
      maxUserConnections: 20,
    },
    status: ready('Created', 'Created'),
  });
  addCustom(b, {
    apiVersion: V,
    kind: 'Grant',
    name: 'shop-all',
    namespace: 'shop',
    spec: {
      mariaDbRef: { name: 'mariadb-repl' },
      privileges: ['ALL PRIVILEGES'],
      database: 'shop',
      table: '*',
      username: 'shop',
      host: '%',
      grantOption: false,
    },
    status: ready('Created', 'Created'),
  });
  addCustom(b, {
    apiVersion: V,
    kind: 'User',
    name: 'reporting',
    namespace: 'shop',
    spec: {
      mariaDbRef: { name: 'mariadb-repl' },
      name: 'reporting',
      host: '%',
      passwordSecretKeyRef: { name: 'mariadb-reporting', key: 'password' },
    },
    status: ready('Failed', 'Error getting password: Secret "mariadb-reporting" not found', false),
  });
  addMariadbExtras(b);
}
