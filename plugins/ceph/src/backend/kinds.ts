/** Rook Ceph's kinds as the operator toolkit serves them: health, table summary and actions. */
import { defineOperatorKind, type OperatorKind } from '@argus/plugin-sdk';
import { bucketClaimHealth, cephClusterHealth, phaseHealth } from '../shared/health.js';
import {
  blockPoolSummary,
  bucketClaimSummary,
  clusterSummary,
  filesystemSummary,
  nfsSummary,
  objectStoreSummary,
  objectStoreUserSummary,
  radosNamespaceSummary,
  rbdMirrorSummary,
  subVolumeGroupSummary,
} from '../shared/summary.js';
import type {
  CephBlockPool,
  CephCluster,
  CephFilesystem,
  CephObjectStore,
  CephObjectStoreUser,
  CephPhased,
  ObjectBucketClaim,
} from '../shared/types.js';
import {
  CEPH_GROUP,
  CEPH_VERSION,
  createBucketClaim,
  createRadosNamespace,
  createSubVolumeGroup,
  createUser,
  OBC_GROUP,
  OBC_VERSION,
  restartGateway,
  restartMds,
  restartMgr,
} from './actions.js';

const ceph = { group: CEPH_GROUP, version: CEPH_VERSION, namespaced: true } as const;

export const cephClusters = defineOperatorKind<CephCluster>({
  ...ceph,
  plural: 'cephclusters',
  kind: 'CephCluster',
  health: (c) => cephClusterHealth(c),
  summary: (c) => ({ ...clusterSummary(c) }),
  actions: { restart: restartMgr },
});

export const cephBlockPools = defineOperatorKind<CephBlockPool>({
  ...ceph,
  plural: 'cephblockpools',
  kind: 'CephBlockPool',
  health: phaseHealth,
  summary: blockPoolSummary,
  actions: { 'create-rados-namespace': createRadosNamespace },
});

export const cephFilesystems = defineOperatorKind<CephFilesystem>({
  ...ceph,
  plural: 'cephfilesystems',
  kind: 'CephFilesystem',
  health: phaseHealth,
  summary: filesystemSummary,
  actions: { restart: restartMds, 'create-subvolume-group': createSubVolumeGroup },
});

export const cephObjectStores = defineOperatorKind<CephObjectStore>({
  ...ceph,
  plural: 'cephobjectstores',
  kind: 'CephObjectStore',
  health: phaseHealth,
  summary: objectStoreSummary,
  actions: { restart: restartGateway, 'create-user': createUser, 'create-bucket-claim': createBucketClaim },
});

export const cephObjectStoreUsers = defineOperatorKind<CephObjectStoreUser>({
  ...ceph,
  plural: 'cephobjectstoreusers',
  kind: 'CephObjectStoreUser',
  health: phaseHealth,
  summary: objectStoreUserSummary,
});

const phased = (plural: string, kind: string, summary: (o: CephPhased) => Record<string, unknown>) =>
  defineOperatorKind<CephPhased>({ ...ceph, plural, kind, health: phaseHealth, summary });

export const objectBucketClaims = defineOperatorKind<ObjectBucketClaim>({
  group: OBC_GROUP,
  version: OBC_VERSION,
  namespaced: true,
  plural: 'objectbucketclaims',
  kind: 'ObjectBucketClaim',
  health: bucketClaimHealth,
  summary: bucketClaimSummary,
});

// biome-ignore lint/suspicious/noExplicitAny: kinds of different object types live in one list
export const CEPH_KINDS: OperatorKind<any>[] = [
  cephClusters,
  cephBlockPools,
  cephFilesystems,
  cephObjectStores,
  cephObjectStoreUsers,
  phased('cephnfses', 'CephNFS', nfsSummary),
  phased('cephfilesystemsubvolumegroups', 'CephFilesystemSubVolumeGroup', subVolumeGroupSummary),
  phased('cephblockpoolradosnamespaces', 'CephBlockPoolRadosNamespace', radosNamespaceSummary),
  phased('cephrbdmirrors', 'CephRBDMirror', rbdMirrorSummary),
  objectBucketClaims,
];
