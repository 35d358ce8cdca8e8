import type { ScenarioBuilder } from '../builder.js';
import { addSecret, addServiceAccount } from '../core/basics.js';
import { ctr } from '../core/containers.js';
import { addService } from '../core/network.js';
import type { PodState } from '../core/pod.js';
import { addStorageClass } from '../core/storage.js';
import { addDaemonSet, addDeployment } from '../core/workloads.js';
import type { KubeObject } from '../types.js';
import { addCephExtras } from './ceph-more.js';
import { addCustom, condition } from './crd.js';

const G = 'ceph.rook.io';
const V = `${G}/v1`;
const NS = 'rook-ceph';
const CEPH_IMAGE = 'quay.io/ceph/ceph:v19.2.3';

export function addCephStorageClasses(b: ScenarioBuilder): void {
  const secrets = (kind: 'rbd' | 'cephfs') => ({
    'csi.storage.k8s.io/provisioner-secret-name': `rook-csi-${kind}-provisioner`,
    'csi.storage.k8s.io/provisioner-secret-namespace': NS,
    'csi.storage.k8s.io/controller-expand-secret-name': `rook-csi-${kind}-provisioner`,
    'csi.storage.k8s.io/controller-expand-secret-namespace': NS,
    'csi.storage.k8s.io/node-stage-secret-name': `rook-csi-${kind}-node`,
    'csi.storage.k8s.io/node-stage-secret-namespace': NS,
  });
  addStorageClass(b, {
    name: 'rook-ceph-block',
    provisioner: 'rook-ceph.rbd.csi.ceph.com',
    parameters: {
      clusterID: NS,
      pool: 'replicapool',
      imageFormat: '2',
      imageFeatures: 'layering',
      'csi.storage.k8s.io/fstype': 'ext4',
      ...secrets('rbd'),
    },
  });
  addStorageClass(b, {
    name: 'rook-cephfs',
    provisioner: 'rook-ceph.cephfs.csi.ceph.com',
    parameters: { clusterID: NS, fsName: 'myfs', pool: 'myfs-replicated', ...secrets('cephfs') },
  });
  addStorageClass(b, {
    name: 'rook-ceph-bucket',
    provisioner: 'rook-ceph.ceph.rook.io/bucket',
    reclaimPolicy: 'Delete',
    parameters: { objectStoreName: 'my-store', objectStoreNamespace: NS },
  });
}

function daemon(
  b: ScenarioBuilder,
  owner: KubeObject,
  name: string,
  labels: Record<string, string>,
  image: string,
  states: PodState[] = ['running'],
  nodeOffset = 0,
): void {
  addDeployment(b, {
    name,
    namespace: NS,
    replicas: states.length,
    selector: { app: labels.app ?? name, ...labels },
    labels: {
      rook_cluster: NS,
      'app.kubernetes.io/part-of': 'rook-ceph',
      'app.kubernetes.io/managed-by': 'rook-ceph-operator',
    },
    owner,
    containers: [ctr(labels.app ?? name, image, { cpu: '250m', memory: '512Mi' })],
    states,
    serviceAccount: 'rook-ceph-default',
    nodeOffset,
    ageSeconds: 100 * 86400,
  });
}

export function addCephObjects(b: ScenarioBuilder): void {
  addServiceAccount(b, NS, 'rook-ceph-system');
  addServiceAccount(b, NS, 'rook-ceph-default');
  addDeployment(b, {
    name: 'rook-ceph-operator',
    namespace: NS,
    replicas: 1,
    selector: { app: 'rook-ceph-operator' },
    containers: [ctr('rook-ceph-operator', 'docker.io/rook/ceph:v1.20.1', { cpu: '200m', memory: '128Mi' })],
    serviceAccount: 'rook-ceph-system',
    ageSeconds: 100 * 86400,
  });

  const cluster = addCustom(b, {
    apiVersion: V,
    kind: 'CephCluster',
    name: 'rook-ceph',
    namespace: NS,
    ageSeconds: 100 * 86400,

    spec: {
      cephVersion: { image: CEPH_IMAGE },
      dataDirHostPath: '/var/lib/rook',
      mon: { count: 3, allowMultiplePerNode: false },
      mgr: { count: 1, modules: [{ name: 'rook', enabled: true }] },
      dashboard: { enabled: true, ssl: true },
      storage: { useAllNodes: true, useAllDevices: true },
    },
    status: {
      phase: 'Ready',
      state: 'Created',
      message: 'Cluster created successfully',
      version: { image: CEPH_IMAGE, version: '19.2.3-0' },
      conditions: [condition(b, 'Ready', 'True', 'ClusterCreated', 'Cluster created successfully', 100 * 86400)],
      ceph: {
        health: 'HEALTH_WARN',
        fsid: b.rng.uuid(),
        lastChecked: b.ago(0),
        details: { OSD_NEARFULL: { severity: 'HEALTH_WARN', message: '1 nearfull osd(s)' } },
        capacity: {
          bytesTotal: 3298534883328,
          bytesUsed: 2473901162496,
          bytesAvailable: 824633720832,
          lastUpdated: b.ago(0),
        },
        versions: {
          mon: { 'ceph version 19.2.3 squid (stable)': 3 },
          mgr: { 'ceph version 19.2.3 squid (stable)': 1 },
          osd: { 'ceph version 19.2.3 squid (stable)': 3 },
        },
      },
    },
  });
  for (const [i, id] of ['a', 'b', 'c'].entries()) {
    daemon(
      b,
      cluster,
      `rook-ceph-mon-${id}`,
      { app: 'rook-ceph-mon', mon: id, ceph_daemon_type: 'mon', ceph_daemon_id: id },
      CEPH_IMAGE,
      ['running'],
      i,
    );
    addService(b, {
      name: `rook-ceph-mon-${id}`,
      namespace: NS,
      selector: { app: 'rook-ceph-mon', mon: id },
      labels: { app: 'rook-ceph-mon', mon: id, rook_cluster: NS },
      owner: cluster,
      ports: [
        { name: 'tcp-msgr1', port: 6789 },
        { name: 'tcp-msgr2', port: 3300 },
      ],
    });
  }
  daemon(
    b,
    cluster,
    'rook-ceph-mgr-a',
    { app: 'rook-ceph-mgr', mgr: 'a', ceph_daemon_type: 'mgr', ceph_daemon_id: 'a' },
    CEPH_IMAGE,
  );
  addService(b, {
    name: 'rook-ceph-mgr',
    namespace: NS,
    selector: { app: 'rook-ceph-mgr', mgr_role: 'active' },
    labels: { app: 'rook-ceph-mgr', rook_cluster: NS },
    owner: cluster,
    ports: [{ name: 'http-metrics', port: 9283 }],
  });
  addService(b, {
    name: 'rook-ceph-mgr-dashboard',
    namespace: NS,
    selector: { app: 'rook-ceph-mgr' },
    labels: { app: 'rook-ceph-mgr', rook_cluster: NS },
    owner: cluster,
    ports: [{ name: 'https-dashboard', port: 8443 }],
  });
  for (const id of [0, 1, 2]) {
    daemon(
      b,
      cluster,
      `rook-ceph-osd-${id}`,
      {
        app: 'rook-ceph-osd',
        'ceph-osd-id': String(id),
        osd: String(id),
        ceph_daemon_type: 'osd',
        ceph_daemon_id: String(id),
      },
      CEPH_IMAGE,
      ['running'],
      id,
    );
  }
  addDaemonSet(b, {
    name: 'csi-rbdplugin',
    namespace: NS,
    selector: { app: 'csi-rbdplugin' },
    owner: cluster,
    containers: [ctr('csi-rbdplugin', 'quay.io/cephcsi/cephcsi:v3.14.1', { cpu: '50m', memory: '128Mi' })],
    serviceAccount: 'rook-ceph-system',
    ageSeconds: 100 * 86400,
  });
  addDeployment(b, {
    name: 'csi-rbdplugin-provisioner',
    namespace: NS,
    replicas: 2,
    selector: { app: 'csi-rbdplugin-provisioner' },
    owner: cluster,
    containers: [
      ctr('csi-provisioner', 'registry.k8s.io/sig-storage/csi-provisioner:v5.2.0', { cpu: '50m', memory: '64Mi' }),
    ],
    serviceAccount: 'rook-ceph-system',
    ageSeconds: 100 * 86400,
  });
  for (const kind of ['rbd', 'cephfs'] as const) {
    for (const who of ['provisioner', 'node'] as const)
      addSecret(b, {
        name: `rook-csi-${kind}-${who}`,
        namespace: NS,
        type: 'kubernetes.io/rook',
        owner: cluster,
        data: { userID: `csi-${kind}-${who}`, userKey: `AQD${b.rng.suffix(37)}==` },
      });
  }

  addCustom(b, {
    apiVersion: V,
    kind: 'CephBlockPool',
    name: 'replicapool',
    namespace: NS,
    spec: { failureDomain: 'host', replicated: { size: 3 } },
    status: { phase: 'Ready', info: { type: 'Replicated', failureDomain: 'host' }, observedGeneration: 1 },
  });
  const fs = addCustom(b, {
    apiVersion: V,
    kind: 'CephFilesystem',
    name: 'myfs',
    namespace: NS,
    spec: {
      metadataPool: { replicated: { size: 3 } },
      dataPools: [{ name: 'replicated', replicated: { size: 3 } }],
      preserveFilesystemOnDelete: true,
      metadataServer: { activeCount: 1, activeStandby: true },
    },
    status: { phase: 'Ready', observedGeneration: 1 },
  });
  daemon(
    b,
    fs,
    'rook-ceph-mds-myfs-a',
    {
      app: 'rook-ceph-mds',
      rook_file_system: 'myfs',
      mds: 'myfs-a',
      ceph_daemon_type: 'mds',
      ceph_daemon_id: 'myfs-a',
    },
    CEPH_IMAGE,
    ['running'],
    0,
  );
  daemon(
    b,
    fs,
    'rook-ceph-mds-myfs-b',
    {
      app: 'rook-ceph-mds',
      rook_file_system: 'myfs',
      mds: 'myfs-b',
      ceph_daemon_type: 'mds',
      ceph_daemon_id: 'myfs-b',
    },
    CEPH_IMAGE,
    ['running'],
    1,
  );

  const store = addCustom(b, {
    apiVersion: V,
    kind: 'CephObjectStore',
    name: 'my-store',
    namespace: NS,
    spec: {
      metadataPool: { failureDomain: 'host', replicated: { size: 3 } },
      dataPool: { erasureCoded: { dataChunks: 2, codingChunks: 1 } },
      gateway: { port: 80, instances: 2 },
    },
    status: {
      phase: 'Progressing',
      info: { endpoint: 'http://rook-ceph-rgw-my-store.rook-ceph.svc:80' },
      observedGeneration: 1,
    },
  });
  daemon(
    b,
    store,
    'rook-ceph-rgw-my-store-a',
    {
      app: 'rook-ceph-rgw',
      rgw: 'my-store',
      rook_object_store: 'my-store',
      ceph_daemon_type: 'rgw',
      ceph_daemon_id: 'my-store',
    },
    CEPH_IMAGE,
    ['running', 'notready'],
    1,
  );
  addService(b, {
    name: 'rook-ceph-rgw-my-store',
    namespace: NS,
    selector: { app: 'rook-ceph-rgw', rgw: 'my-store' },
    labels: { app: 'rook-ceph-rgw', rgw: 'my-store', rook_cluster: NS, rook_object_store: 'my-store' },
    owner: store,
    ports: [{ name: 'http', port: 80, targetPort: 8080 }],
  });
  const user = addCustom(b, {
    apiVersion: V,
    kind: 'CephObjectStoreUser',
    name: 'shop-uploads',
    namespace: NS,
    spec: { store: 'my-store', displayName: 'shop uploads' },
    status: { phase: 'Ready', info: { secretName: 'rook-ceph-object-user-my-store-shop-uploads' } },
  });
  addSecret(b, {
    name: 'rook-ceph-object-user-my-store-shop-uploads',
    namespace: NS,
    type: 'kubernetes.io/rook',
    labels: { app: 'rook-ceph-rgw', rook_cluster: NS, rook_object_store: 'my-store', user: 'shop-uploads' },
    owner: user,
    data: {
      AccessKey: b.rng.suffix(20).toUpperCase(),
      SecretKey: b.rng.suffix(40),
      Endpoint: 'http://rook-ceph-rgw-my-store.rook-ceph.svc:80',
    },
  });
  addCephExtras(b, CEPH_IMAGE);
}
