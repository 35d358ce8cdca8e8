import type { ScenarioBuilder } from '../builder.js';
import { AGE_COLUMN, addCrd, type PrinterColumn } from './crd.js';

const G = 'ceph.rook.io';
const _CEPH_IMAGE = 'quay.io/ceph/ceph:v19.2.3';

export function addCephCrds(b: ScenarioBuilder): void {
  const phase: PrinterColumn = { name: 'Phase', type: 'string', jsonPath: '.status.phase' };
  const status = {
    phase: 'string',
    message: 'string',
    state: 'string',
    ceph: 'object',
    version: 'object',
    info: 'object',
    conditions: 'array',
    observedGeneration: 'integer',
  } as const;
  addCrd(b, {
    group: G,
    kind: 'CephCluster',
    plural: 'cephclusters',
    shortNames: ['ceph'],
    versions: [
      {
        name: 'v1',
        columns: [
          {
            name: 'DataDirHostPath',
            type: 'string',
            jsonPath: '.spec.dataDirHostPath',
            description: 'Directory used on the K8s nodes',
          },
          { name: 'MonCount', type: 'string', jsonPath: '.spec.mon.count', description: 'Number of MONs' },
          AGE_COLUMN,
          phase,
          { name: 'Message', type: 'string', jsonPath: '.status.message', description: 'Message' },
          { name: 'Health', type: 'string', jsonPath: '.status.ceph.health', description: 'Ceph Health' },
          { name: 'External', type: 'boolean', jsonPath: '.spec.external.enable' },
          { name: 'FSID', type: 'string', jsonPath: '.status.ceph.fsid', description: 'Ceph FSID' },
        ],
      },
    ],
    spec: {
      cephVersion: 'object',
      dataDirHostPath: 'string',
      mon: 'object',
      mgr: 'object',
      storage: 'object',
      network: 'object',
      dashboard: 'object',
      external: 'object',
      cleanupPolicy: 'object',
      placement: 'object',
      resources: 'object',
    },
    status,
  });
  addCrd(b, {
    group: G,
    kind: 'CephBlockPool',
    plural: 'cephblockpools',
    shortNames: ['cephbp'],
    versions: [
      {
        name: 'v1',
        columns: [
          phase,
          { name: 'Type', type: 'string', jsonPath: '.status.info.type' },
          { name: 'FailureDomain', type: 'string', jsonPath: '.status.info.failureDomain' },
          AGE_COLUMN,
        ],
      },
    ],
    spec: {
      failureDomain: 'string',
      replicated: 'object',
      erasureCoded: 'object',
      deviceClass: 'string',
      parameters: 'object',
      mirroring: 'object',
    },
    status,
  });
  addCrd(b, {
    group: G,
    kind: 'CephFilesystem',
    plural: 'cephfilesystems',
    shortNames: ['cephfs'],
    versions: [
      {
        name: 'v1',
        columns: [
          {
            name: 'ActiveMDS',
            type: 'string',
            jsonPath: '.spec.metadataServer.activeCount',
            description: 'Number of desired active MDS daemons',
          },
          AGE_COLUMN,
          phase,
        ],
      },
    ],
    spec: {
      metadataPool: 'object',
      dataPools: 'array',
      metadataServer: 'object',
      preserveFilesystemOnDelete: 'boolean',
    },
    status,
  });
  addCrd(b, {
    group: G,
    kind: 'CephObjectStore',
    plural: 'cephobjectstores',
    versions: [
      {
        name: 'v1',
        columns: [
          phase,
          { name: 'Endpoint', type: 'string', jsonPath: '.status.info.endpoint' },
          { name: 'SecureEndpoint', type: 'string', jsonPath: '.status.info.secureEndpoint' },
          AGE_COLUMN,
        ],
      },
    ],
    spec: {
      gateway: 'object',
      metadataPool: 'object',
      dataPool: 'object',
      preservePoolsOnDelete: 'boolean',
      healthCheck: 'object',
    },
    status,
  });
  addCrd(b, {
    group: G,
    kind: 'CephObjectStoreUser',
    plural: 'cephobjectstoreusers',
    shortNames: ['rcou', 'objectuser'],
    versions: [{ name: 'v1', columns: [phase, AGE_COLUMN] }],
    spec: { store: 'string', displayName: 'string', capabilities: 'object', quotas: 'object' },
    status,
  });
  for (const [kind, plural] of [
    ['CephNFS', 'cephnfses'],
    ['CephFilesystemSubVolumeGroup', 'cephfilesystemsubvolumegroups'],
    ['CephBlockPoolRadosNamespace', 'cephblockpoolradosnamespaces'],
    ['CephRBDMirror', 'cephrbdmirrors'],
  ] as const) {
    addCrd(b, { group: G, kind, plural, versions: [{ name: 'v1', columns: [phase, AGE_COLUMN] }], spec: {}, status });
  }
  addCrd(b, {
    group: 'objectbucket.io',
    kind: 'ObjectBucketClaim',
    plural: 'objectbucketclaims',
    shortNames: ['obc', 'obcs'],
    versions: [{ name: 'v1alpha1', columns: [AGE_COLUMN] }],
    spec: {
      bucketName: 'string',
      generateBucketName: 'string',
      storageClassName: 'string',
      additionalConfig: 'object',
    },
    status: { phase: 'string' },
  });
}

/** StorageClasses backed by Rook (add before any PVC that uses them). */
