/** Rook's custom resources the simulated Rook operator reconciles (`ceph.rook.io/v1`, `objectbucket.io/v1alpha1`). */
import type { ResourceRef } from '../store/types.js';

const rook = (resource: string, kind: string): ResourceRef => ({
  group: 'ceph.rook.io',
  version: 'v1',
  resource,
  kind,
});

export const CEPH_CLUSTERS = rook('cephclusters', 'CephCluster');
export const CEPH_OBJECT_STORES = rook('cephobjectstores', 'CephObjectStore');
export const CEPH_OBJECT_STORE_USERS = rook('cephobjectstoreusers', 'CephObjectStoreUser');
export const CEPH_RADOS_NAMESPACES = rook('cephblockpoolradosnamespaces', 'CephBlockPoolRadosNamespace');
export const CEPH_SUBVOLUME_GROUPS = rook('cephfilesystemsubvolumegroups', 'CephFilesystemSubVolumeGroup');
export const OBJECT_BUCKET_CLAIMS: ResourceRef = {
  group: 'objectbucket.io',
  version: 'v1alpha1',
  resource: 'objectbucketclaims',
  kind: 'ObjectBucketClaim',
};

/** Every Rook kind the simulated operator watches (added to the controllers' CONTROLLED list). */
export const CEPH_CONTROLLED: ResourceRef[] = [
  CEPH_CLUSTERS,
  CEPH_OBJECT_STORE_USERS,
  CEPH_RADOS_NAMESPACES,
  CEPH_SUBVOLUME_GROUPS,
  OBJECT_BUCKET_CLAIMS,
];
