import { ownerRef, type ScenarioBuilder } from '../builder.js';
import { addEvent, addSecret, addServiceAccount } from '../core/basics.js';
import { ctr } from '../core/containers.js';
import { addService } from '../core/network.js';
import { addPod, type PodState } from '../core/pod.js';
import { addPvc } from '../core/storage.js';
import { addDeployment } from '../core/workloads.js';
import type { KubeObject } from '../types.js';
import { addCustom, condition } from './crd.js';
import { addSeconds, iso, lastDailyAt, secondsBefore, ymd } from './time.js';

const G = 'postgresql.cnpg.io';
const V = `${G}/v1`;
const PG_IMAGE = 'ghcr.io/cloudnative-pg/postgresql:17.5';

interface InstanceSpec {
  state: PodState;
  role: 'primary' | 'replica';
}

function addInstances(
  b: ScenarioBuilder,
  cluster: KubeObject,
  size: string,
  walSize: string | undefined,
  instances: InstanceSpec[],
  ageSeconds: number,
): KubeObject[] {
  const c = cluster.metadata.name;
  const ns = cluster.metadata.namespace ?? 'default';
  return instances.map((inst, i) => {
    const pod = `${c}-${i + 1}`;
    const base = { 'cnpg.io/cluster': c, 'cnpg.io/instanceName': pod };
    addPvc(b, {
      name: pod,
      namespace: ns,
      size,
      storageClass: 'rook-ceph-block',
      labels: { ...base, 'cnpg.io/pvcRole': 'PG_DATA' },
      owner: cluster,
      ageSeconds: ageSeconds - i * 120,
    });
    const volumes: Record<string, unknown>[] = [{ name: 'pgdata', persistentVolumeClaim: { claimName: pod } }];
    if (walSize) {
      addPvc(b, {
        name: `${pod}-wal`,
        namespace: ns,
        size: walSize,
        storageClass: 'rook-ceph-block',
        labels: { ...base, 'cnpg.io/pvcRole': 'PG_WAL' },
        owner: cluster,
        ageSeconds: ageSeconds - i * 120,
      });
      volumes.push({ name: 'pg-wal', persistentVolumeClaim: { claimName: `${pod}-wal` } });
    }
    return addPod(b, {
      name: pod,
      namespace: ns,
      labels: { ...base, 'cnpg.io/instanceRole': inst.role, role: inst.role, 'cnpg.io/podRole': 'instance' },
      annotations: {
        'cnpg.io/nodeSerial': String(i + 1),
        'cnpg.io/operatorVersion': '1.30.0',
        'cnpg.io/podEnvHash': b.rng.hex(10),
      },
      owner: cluster,
      node: b.node(i).name,
      containers: [
        {
          ...ctr('postgres', PG_IMAGE, { cpu: '500m', memory: '1Gi' }),
          ports: [
            { name: 'postgresql', containerPort: 5432 },
            { name: 'metrics', containerPort: 9187 },
            { name: 'status', containerPort: 8000 },
          ],
        },
      ],
      state: inst.state,
      ageSeconds: ageSeconds - i * 120,
      serviceAccount: c,
      volumes,
      spec: { hostname: pod, subdomain: `${c}-any` },
    });
  });
}

function addClusterObjects(b: ScenarioBuilder, cluster: KubeObject): void {
  const c = cluster.metadata.name;
  const ns = cluster.metadata.namespace ?? 'default';
  const lbl = { 'cnpg.io/cluster': c };
  const sa = addServiceAccount(b, ns, c, lbl);
  sa.metadata.ownerReferences = [ownerRef(cluster)];
  for (const [suffix, selector] of [
    ['rw', { ...lbl, 'cnpg.io/instanceRole': 'primary' }],
    ['ro', { ...lbl, 'cnpg.io/instanceRole': 'replica' }],
    ['r', { ...lbl, 'cnpg.io/podRole': 'instance' }],
  ] as const) {
    addService(b, {
      name: `${c}-${suffix}`,
      namespace: ns,
      selector,
      labels: { ...lbl },
      owner: cluster,
      ports: [{ name: 'postgres', port: 5432, targetPort: 5432 }],
    });
  }
  const host = `${c}-rw.${ns}`;
  addSecret(b, {
    name: `${c}-app`,
    namespace: ns,
    type: 'kubernetes.io/basic-auth',
    labels: { ...lbl, 'cnpg.io/reload': 'true', 'cnpg.io/userType': 'app' },
    owner: cluster,
    data: {
      username: 'app',
      password: `demo-${b.rng.suffix(16)}`,
      dbname: 'app',
      host,
      port: '5432',
      uri: `postgresql://app@${host}:5432/app`,
      'jdbc-uri': `jdbc:postgresql://${host}:5432/app`,
      pgpass: `${host}:5432:app:app:demo\n`,
    },
  });
  addSecret(b, {
    name: `${c}-superuser`,
    namespace: ns,
    type: 'kubernetes.io/basic-auth',
    labels: { ...lbl, 'cnpg.io/reload': 'true', 'cnpg.io/userType': 'superuser' },
    owner: cluster,
    data: { username: 'postgres', password: `demo-${b.rng.suffix(16)}` },
  });
  addSecret(b, {
    name: `${c}-ca`,
    namespace: ns,
    labels: { ...lbl, 'cnpg.io/reload': 'true' },
    owner: cluster,
    data: {
      'ca.crt': '-----BEGIN CERTIFICATE-----\nY25wZy1kZW1vLWNh\n-----END CERTIFICATE-----\n',
      'ca.key': '-----BEGIN EC PRIVATE KEY-----\nZGVtbw==\n-----END EC PRIVATE KEY-----\n',
    },
  });
}

export function addCnpgObjects(b: ScenarioBuilder): void {
  // The operator itself.
  addServiceAccount(b, 'databases', 'cnpg-manager');
  addDeployment(b, {
    name: 'cnpg-controller-manager',
    namespace: 'databases',
    replicas: 1,
    selector: { 'app.kubernetes.io/name': 'cloudnative-pg' },
    containers: [
      ctr('manager', 'ghcr.io/cloudnative-pg/cloudnative-pg:1.30.0', {
        port: 9443,
        portName: 'webhook-server',
        cpu: '100m',
        memory: '200Mi',
      }),
    ],
    serviceAccount: 'cnpg-manager',
  });
  addService(b, {
    name: 'cnpg-webhook-service',
    namespace: 'databases',
    selector: { 'app.kubernetes.io/name': 'cloudnative-pg' },
    ports: [{ port: 443, targetPort: 9443 }],
  });

  const age = 75 * 86400;
  const main = addCustom(b, {
    apiVersion: V,
    kind: 'Cluster',
    name: 'pg-main',
    namespace: 'payments',
    generation: 3,
    ageSeconds: age,
    spec: {
      instances: 3,
      imageName: PG_IMAGE,
      storage: { size: '20Gi', storageClass: 'rook-ceph-block' },
      walStorage: { size: '5Gi', storageClass: 'rook-ceph-block' },
      plugins: [
        { name: 'barman-cloud.cloudnative-pg.io', isWALArchiver: true, parameters: { barmanObjectName: 's3-store' } },
      ],
      primaryUpdateStrategy: 'unsupervised',
    },
    status: {
      phase: 'Cluster in healthy state',
      instances: 3,
      readyInstances: 3,
      currentPrimary: 'pg-main-1',
      targetPrimary: 'pg-main-1',
      timelineID: 1,
      latestGeneratedNode: 3,
      writeService: 'pg-main-rw',
      readService: 'pg-main-r',
      instancesStatus: { healthy: ['pg-main-1', 'pg-main-2', 'pg-main-3'] },
      conditions: [
        condition(b, 'Ready', 'True', 'ClusterIsReady', 'Cluster is Ready'),
        condition(b, 'ContinuousArchiving', 'True', 'ContinuousArchivingSuccess', 'Continuous archiving is working'),
        condition(b, 'LastBackupSucceeded', 'True', 'LastBackupSucceeded', 'Backup was successful'),
      ],
    },
  });
  addClusterObjects(b, main);
  addInstances(
    b,
    main,
    '20Gi',
    '5Gi',
    [
      { state: 'running', role: 'primary' },
      { state: 'running', role: 'replica' },
      { state: 'running', role: 'replica' },
    ],
    age,
  );

  const reporting = addCustom(b, {
    apiVersion: V,
    kind: 'Cluster',
    name: 'pg-reporting',
    namespace: 'analytics',
    ageSeconds: 20 * 86400,
    spec: { instances: 2, storage: { size: '50Gi', storageClass: 'rook-ceph-block' } },
    status: {
      phase: 'Creating a new replica',
      phaseReason: 'Creating replica pg-reporting-2',
      instances: 2,
      readyInstances: 1,
      currentPrimary: 'pg-reporting-1',
      targetPrimary: 'pg-reporting-1',
      timelineID: 1,
      writeService: 'pg-reporting-rw',
      readService: 'pg-reporting-r',
      instancesStatus: { healthy: ['pg-reporting-1'], failed: ['pg-reporting-2'] },
      conditions: [condition(b, 'Ready', 'False', 'ClusterIsNotReady', 'Cluster Is Not Ready', 900)],
    },
  });
  addClusterObjects(b, reporting);
  const repPods = addInstances(
    b,
    reporting,
    '50Gi',
    undefined,
    [
      { state: 'running', role: 'primary' },
      { state: 'notready', role: 'replica' },
    ],
    20 * 86400,
  );
  const failing = repPods[1];
  if (failing)
    addEvent(b, {
      involved: failing,
      type: 'Warning',
      reason: 'Unhealthy',
      message: 'Readiness probe failed: HTTP probe failed with statuscode: 500',
      component: 'kubelet',
      count: 91,
      agoSeconds: 30,
      firstAgoSeconds: 900,
    });

  addCustom(b, {
    apiVersion: V,
    kind: 'Pooler',
    name: 'pg-main-pooler-rw',
    namespace: 'payments',
    spec: {
      cluster: { name: 'pg-main' },
      type: 'rw',
      instances: 2,
      pgbouncer: {
        poolMode: 'session',
        paused: false,
        parameters: { max_client_conn: '1000', default_pool_size: '10' },
      },
    },
    status: { instances: 2, phase: 'active', secrets: { serverTLS: { name: 'pg-main-ca' } } },
  });
  const pooler = b.get('Pooler', 'payments', 'pg-main-pooler-rw');
  if (pooler) {
    addDeployment(b, {
      name: 'pg-main-pooler-rw',
      namespace: 'payments',
      replicas: 2,
      selector: { 'cnpg.io/poolerName': 'pg-main-pooler-rw' },
      labels: { 'cnpg.io/cluster': 'pg-main', 'cnpg.io/podRole': 'pooler' },
      owner: pooler,
      containers: [
        {
          ...ctr('pgbouncer', 'ghcr.io/cloudnative-pg/pgbouncer:1.24.1', { cpu: '100m', memory: '64Mi' }),
          ports: [
            { name: 'pgbouncer', containerPort: 5432 },
            { name: 'metrics', containerPort: 9127 },
          ],
        },
      ],
    });
    addService(b, {
      name: 'pg-main-pooler-rw',
      namespace: 'payments',
      selector: { 'cnpg.io/poolerName': 'pg-main-pooler-rw' },
      labels: { 'cnpg.io/poolerName': 'pg-main-pooler-rw' },
      owner: pooler,
      ports: [{ name: 'pgbouncer', port: 5432, targetPort: 'pgbouncer' }],
    });
  }

  addCustom(b, {
    apiVersion: V,
    kind: 'Database',
    name: 'pg-main-payments',
    namespace: 'payments',
    spec: { name: 'payments', owner: 'app', cluster: { name: 'pg-main' }, ensure: 'present' },
    status: { applied: true, observedGeneration: 1 },
  });

  const last = lastDailyAt(b.now, 2);
  addCustom(b, {
    apiVersion: V,
    kind: 'ScheduledBackup',
    name: 'pg-main-daily',
    namespace: 'payments',
    ageSeconds: age,
    spec: {
      schedule: '0 0 2 * * *',
      cluster: { name: 'pg-main' },
      method: 'plugin',
      pluginConfiguration: { name: 'barman-cloud.cloudnative-pg.io' },
      backupOwnerReference: 'self',
    },
    status: {
      lastScheduleTime: iso(last),
      nextScheduleTime: iso(addSeconds(last, 86400)),
      lastCheckTime: iso(addSeconds(last, 1)),
    },
  });
  for (const daysAgo of [1, 0]) {
    const at = addSeconds(last, -daysAgo * 86400);
    addCustom(b, {
      apiVersion: V,
      kind: 'Backup',
      name: `pg-main-${ymd(at)}`,
      namespace: 'payments',
      labels: { 'cnpg.io/scheduled-backup': 'pg-main-daily', 'cnpg.io/cluster': 'pg-main' },
      ageSeconds: secondsBefore(b.now, at),
      spec: {
        cluster: { name: 'pg-main' },
        method: 'plugin',
        pluginConfiguration: { name: 'barman-cloud.cloudnative-pg.io' },
      },
      status: {
        phase: 'completed',
        method: 'plugin',
        backupId: `${ymd(at)}T020000`,
        startedAt: iso(addSeconds(at, 1)),
        stoppedAt: iso(addSeconds(at, 220)),
        instanceID: { podName: 'pg-main-2' },
      },
    });
  }
  addCustom(b, {
    apiVersion: V,
    kind: 'Backup',
    name: 'pg-reporting-adhoc',
    namespace: 'analytics',
    labels: { 'cnpg.io/cluster': 'pg-reporting' },
    ageSeconds: 5400,
    spec: { cluster: { name: 'pg-reporting' }, method: 'barmanObjectStore' },
    status: {
      phase: 'failed',
      method: 'barmanObjectStore',
      error: 'no barmanObjectStore section defined on the target cluster',
      startedAt: b.ago(5399),
      stoppedAt: b.ago(5398),
    },
  });
}
