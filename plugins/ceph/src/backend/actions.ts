/**
 * Rook's non-destructive actions (operators.md §4), as the calling user through the kubectl gateway:
 * - restart one daemon by the rollout-restart annotation on its Deployment (`kubectl rollout restart`):
 *   the mgr of a CephCluster (`rook-ceph-mgr-a`), the gateway of an object store (`rook-ceph-rgw-<store>-a`),
 *   the MDS of a filesystem (`rook-ceph-mds-<fs>-a`);
 * - create a CephObjectStoreUser or an ObjectBucketClaim of an object store, a CephBlockPoolRadosNamespace of
 *   a block pool, a CephFilesystemSubVolumeGroup of a filesystem (in the parent's namespace).
 * Nothing here deletes, fences (`ceph.rook.io/do-not-reconcile`), replaces OSDs or touches `cleanupPolicy`.
 */
import { AppError } from '@argus/contracts';
import { apiPath, defineOperatorAction, ensureKubeOk, type OperatorObject } from '@argus/plugin-sdk';
import { z } from 'zod';
import type { CephBlockPool, CephCluster, CephFilesystem, CephObjectStore } from '../shared/types.js';

export const CEPH_GROUP = 'ceph.rook.io';
export const CEPH_VERSION = 'v1';
export const OBC_GROUP = 'objectbucket.io';
export const OBC_VERSION = 'v1alpha1';
export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

const DEPLOYMENTS = { group: 'apps', version: 'v1', resource: 'deployments' };
const STORAGE_CLASSES = { group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses' };

const dnsName = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a lowercase DNS label (a-z, 0-9, -)');

const ref = (o: OperatorObject) => `${o.metadata.namespace}/${o.metadata.name}`;

/** `kubectl rollout restart deployment/<name>`: a new pod-template annotation, so the Deployment rolls its pods. */
function restartDaemon<T extends OperatorObject>(label: string, deployment: (o: T) => string, what: string) {
  return defineOperatorAction<T>({
    label,
    confirm: (o) =>
      `Restart ${deployment(o)} (${what} of ${ref(o)})? Its pod is replaced; ${what === 'the manager' ? 'the dashboard and metrics pause' : 'clients reconnect'} while it starts.`,
    async run({ object, client, namespace, now, signal }) {
      const name = deployment(object);
      const at = now.toISOString();
      const reply = await client.request({
        method: 'PATCH',
        path: apiPath(DEPLOYMENTS, namespace, name),
        headers: { 'content-type': 'application/merge-patch+json' },
        body: JSON.stringify({ spec: { template: { metadata: { annotations: { [RESTARTED_AT]: at } } } } }),
        signal,
      });
      if (reply.status === 404) throw new AppError('NOT_FOUND', `Deployment "${name}" not found in ${namespace}`);
      ensureKubeOk(reply);
      return { deployment: { namespace, name }, restartedAt: at };
    },
  });
}

export const restartMgr = restartDaemon<CephCluster>('Restart mgr', () => 'rook-ceph-mgr-a', 'the manager');
export const restartGateway = restartDaemon<CephObjectStore>(
  'Restart gateway',
  (s) => `rook-ceph-rgw-${s.metadata.name}-a`,
  'the object gateway',
);
export const restartMds = restartDaemon<CephFilesystem>(
  'Restart MDS',
  (f) => `rook-ceph-mds-${f.metadata.name}-a`,
  'the metadata server',
);

const notFailed = (o: OperatorObject): true | string =>
  o.status?.phase === 'Failure' ? `${ref(o)} is in Failure: fix it first` : true;

export const userParams = z
  .object({
    name: dnsName.describe('The CephObjectStoreUser (and the object store user) name'),
    displayName: z.string().max(128).optional().describe('Display name (default: the name)'),
  })
  .strict();

export const createUser = defineOperatorAction<CephObjectStore, z.output<typeof userParams>>({
  label: 'Create user',
  params: userParams,
  available: notFailed,
  create: (s, p) => ({
    resource: 'cephobjectstoreusers',
    body: {
      apiVersion: `${CEPH_GROUP}/${CEPH_VERSION}`,
      kind: 'CephObjectStoreUser',
      metadata: { name: p.name, namespace: s.metadata.namespace },
      spec: { store: s.metadata.name, displayName: p.displayName ?? p.name },
    },
  }),
});

export const bucketParams = z
  .object({
    name: dnsName.describe('The ObjectBucketClaim name'),
    bucketName: dnsName.optional().describe('A fixed bucket name (default: generated from the claim name)'),
  })
  .strict();

interface StorageClassShape {
  metadata: { name: string };
  provisioner?: string;
  parameters?: Record<string, string>;
}

/** The claim names the bucket StorageClass of this store (`<ns>.ceph.rook.io/bucket`, `objectStoreName`). */
export const createBucketClaim = defineOperatorAction<CephObjectStore, z.output<typeof bucketParams>>({
  label: 'Create bucket claim',
  params: bucketParams,
  available: notFailed,
  async run({ object, params, client, cache, clusterId, namespace, signal }) {
    const classes = await cache.list(clusterId, STORAGE_CLASSES);
    const sc = classes
      .map((i) => i.object() as unknown as StorageClassShape)
      .find(
        (c) =>
          c.provisioner?.endsWith('.ceph.rook.io/bucket') &&
          c.parameters?.objectStoreName === object.metadata.name &&
          (c.parameters?.objectStoreNamespace ?? namespace) === namespace,
      );
    if (!sc) throw new AppError('ACTION_NOT_AVAILABLE', `No bucket StorageClass names the object store ${ref(object)}`);
    const reply = await client.request({
      method: 'POST',
      path: apiPath({ group: OBC_GROUP, version: OBC_VERSION, resource: 'objectbucketclaims' }, namespace),
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        apiVersion: `${OBC_GROUP}/${OBC_VERSION}`,
        kind: 'ObjectBucketClaim',
        metadata: { name: params.name, namespace },
        spec: {
          storageClassName: sc.metadata.name,
          ...(params.bucketName ? { bucketName: params.bucketName } : { generateBucketName: params.name }),
        },
      }),
      signal,
    });
    return ensureKubeOk(reply).json();
  },
});

export const childParams = z.object({ name: dnsName.describe('The new object name') }).strict();

export const createRadosNamespace = defineOperatorAction<CephBlockPool, z.output<typeof childParams>>({
  label: 'Create RADOS namespace',
  params: childParams,
  available: notFailed,
  create: (p, params) => ({
    resource: 'cephblockpoolradosnamespaces',
    body: {
      apiVersion: `${CEPH_GROUP}/${CEPH_VERSION}`,
      kind: 'CephBlockPoolRadosNamespace',
      metadata: { name: params.name, namespace: p.metadata.namespace },
      spec: { blockPoolName: p.metadata.name },
    },
  }),
});

export const createSubVolumeGroup = defineOperatorAction<CephFilesystem, z.output<typeof childParams>>({
  label: 'Create sub-volume group',
  params: childParams,
  available: notFailed,
  create: (f, params) => ({
    resource: 'cephfilesystemsubvolumegroups',
    body: {
      apiVersion: `${CEPH_GROUP}/${CEPH_VERSION}`,
      kind: 'CephFilesystemSubVolumeGroup',
      metadata: { name: params.name, namespace: f.metadata.namespace },
      spec: { filesystemName: f.metadata.name },
    },
  }),
});
