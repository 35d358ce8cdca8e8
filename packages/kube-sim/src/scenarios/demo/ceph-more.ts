/**
 * The Rook objects of operators.md §4 the first demo lacked: an NFS server, the sub-volume group Rook makes
 * for CSI, a RADOS namespace, bucket claims (one bound, with the ConfigMap and Secret the provisioner makes;
 * one still pending) and a shared CephFS volume, so every kind and the StorageClass → claim relationships
 * have something to show.
 */
import type { ScenarioBuilder } from '../builder.js';
import { addConfigMap, addSecret } from '../core/basics.js';
import { ctr } from '../core/containers.js';
import { addService } from '../core/network.js';
import { addPvc } from '../core/storage.js';
import { addDeployment } from '../core/workloads.js';
import { addCustom } from './crd.js';

const V = 'ceph.rook.io/v1';
const NS = 'rook-ceph';
const ENDPOINT_HOST = 'rook-ceph-rgw-my-store.rook-ceph.svc';

export function addCephExtras(b: ScenarioBuilder, image: string): void {
  const nfs = addCustom(b, {
    apiVersion: V,
    kind: 'CephNFS',
    name: 'my-nfs',
    namespace: NS,
    ageSeconds: 40 * 86400,
    spec: { server: { active: 1, logLevel: 'NIV_INFO' } },
    status: { phase: 'Ready', observedGeneration: 1 },
  });
  addDeployment(b, {
    name: 'rook-ceph-nfs-my-nfs-a',
    namespace: NS,
    replicas: 1,
    selector: { app: 'rook-ceph-nfs', ceph_nfs: 'my-nfs', instance: 'a' },
    labels: { rook_cluster: NS, 'app.kubernetes.io/part-of': 'rook-ceph', ceph_daemon_type: 'nfs' },
    owner: nfs,
    containers: [ctr('nfs-ganesha', image, { cpu: '100m', memory: '256Mi' })],
    serviceAccount: 'rook-ceph-default',
    ageSeconds: 40 * 86400,
  });
  addService(b, {
    name: 'rook-ceph-nfs-my-nfs-a',
    namespace: NS,
    selector: { app: 'rook-ceph-nfs', ceph_nfs: 'my-nfs', instance: 'a' },
    labels: { app: 'rook-ceph-nfs', ceph_nfs: 'my-nfs', rook_cluster: NS },
    owner: nfs,
    ports: [{ name: 'nfs', port: 2049 }],
  });

  // Rook ≥ 1.14 makes "<fs>-csi" for ceph-csi's sub-volumes.
  addCustom(b, {
    apiVersion: V,
    kind: 'CephFilesystemSubVolumeGroup',
    name: 'myfs-csi',
    namespace: NS,
    ageSeconds: 100 * 86400,
    spec: { filesystemName: 'myfs', name: 'csi', pinning: { distributed: 1 } },
    status: { phase: 'Ready', info: { clusterID: b.rng.hex(32) }, observedGeneration: 1 },
  });
  addCustom(b, {
    apiVersion: V,
    kind: 'CephBlockPoolRadosNamespace',
    name: 'shop',
    namespace: NS,
    ageSeconds: 20 * 86400,
    spec: { blockPoolName: 'replicapool' },
    status: { phase: 'Ready', info: { clusterID: b.rng.hex(32) }, observedGeneration: 1 },
  });

  // A bound bucket claim: the provisioner's ObjectBucket binding, ConfigMap (where) and Secret (keys).
  const media = addCustom(b, {
    apiVersion: 'objectbucket.io/v1alpha1',
    kind: 'ObjectBucketClaim',
    name: 'shop-media',
    namespace: 'shop',
    ageSeconds: 30 * 86400,
    finalizers: ['objectbucket.io/finalizer'],
    spec: {
      generateBucketName: 'shop-media',
      bucketName: 'shop-media-3f9c2a1e-7d4b-4c1a-9e2f-5b6a7c8d9e0f',
      storageClassName: 'rook-ceph-bucket',
      objectBucketName: 'obc-shop-shop-media',
      additionalConfig: { maxSize: '20G' },
    },
    status: { phase: 'Bound' },
  });
  addConfigMap(b, {
    name: 'shop-media',
    namespace: 'shop',
    owner: media,
    labels: { 'bucket-provisioner': 'rook-ceph.ceph.rook.io-bucket' },
    data: {
      BUCKET_HOST: ENDPOINT_HOST,
      BUCKET_NAME: 'shop-media-3f9c2a1e-7d4b-4c1a-9e2f-5b6a7c8d9e0f',
      BUCKET_PORT: '80',
      BUCKET_REGION: 'us-east-1',
    },
  });
  addSecret(b, {
    name: 'shop-media',
    namespace: 'shop',
    owner: media,
    labels: { 'bucket-provisioner': 'rook-ceph.ceph.rook.io-bucket' },
    data: { AWS_ACCESS_KEY_ID: b.rng.suffix(20).toUpperCase(), AWS_SECRET_ACCESS_KEY: b.rng.suffix(40) },
  });
  // Pending: the object store's gateways are not all up yet.
  addCustom(b, {
    apiVersion: 'objectbucket.io/v1alpha1',
    kind: 'ObjectBucketClaim',
    name: 'analytics-exports',
    namespace: 'analytics',
    ageSeconds: 600,
    spec: { generateBucketName: 'analytics-exports', storageClassName: 'rook-ceph-bucket' },
    status: { phase: 'Pending' },
  });

  // A shared CephFS volume (ReadWriteMany in real life) for the CMS's uploads.
  addPvc(b, {
    name: 'cms-uploads',
    namespace: 'cms',
    size: '10Gi',
    storageClass: 'rook-cephfs',
    ageSeconds: 50 * 86400,
  });
}
