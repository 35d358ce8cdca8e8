/**
 * The Rook operator, simulated for what the Ceph plugin shows and does (Rook 1.20):
 * - CephCluster: Rook's health checker runs every 60 s and writes `status.ceph.lastChecked` (and
 *   `capacity.lastUpdated`) — kept fresh here on the controllers' clock; Ceph's health, checks and
 *   capacity keep what the scenario seeded (the demo's HEALTH_WARN with OSD_NEARFULL);
 * - CephObjectStoreUser: Progressing until its store is Ready (Rook requeues meanwhile), then Ready with the
 *   user's Secret `rook-ceph-object-user-<store>-<user>` (AccessKey, SecretKey, Endpoint); Failure when its
 *   store does not exist;
 * - CephBlockPoolRadosNamespace / CephFilesystemSubVolumeGroup: Progressing, then Ready once their pool /
 *   filesystem exists (Failure otherwise);
 * - ObjectBucketClaim (lib-bucket-provisioner): Pending until the store its bucket StorageClass names is
 *   Ready, then Bound with a generated bucket name, and the ConfigMap and Secret of the same name.
 * Rollout restarts of Rook's daemons (the plugin's restart actions) are the Deployment controller's work.
 */
import type { KubeObject, ResourceRef } from '../store/types.js';
import {
  CEPH_CLUSTERS,
  CEPH_OBJECT_STORE_USERS,
  CEPH_OBJECT_STORES,
  CEPH_RADOS_NAMESPACES,
  CEPH_SUBVOLUME_GROUPS,
  OBJECT_BUCKET_CLAIMS,
} from './ceph-refs.js';
import { hex64 } from './names.js';
import { type Json, ownerRef, specOf, statusOf } from './refs.js';
import { writeStatus } from './replicaset.js';
import type { ControllerContext } from './runtime.js';

/** Rook's default Ceph status check interval (CephCluster `spec.healthCheck.daemonHealth.status.interval`). */
export const CEPH_STATUS_INTERVAL_MS = 60_000;
const SOURCE = { component: 'rook-ceph-operator' };
const SECRETS: ResourceRef = { group: '', version: 'v1', resource: 'secrets', kind: 'Secret' };
const CONFIGMAPS: ResourceRef = { group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap' };
const STORAGE_CLASSES: ResourceRef = {
  group: 'storage.k8s.io',
  version: 'v1',
  resource: 'storageclasses',
  kind: 'StorageClass',
  namespaced: false,
};
const POOLS: ResourceRef = { group: 'ceph.rook.io', version: 'v1', resource: 'cephblockpools', kind: 'CephBlockPool' };
const FILESYSTEMS: ResourceRef = {
  group: 'ceph.rook.io',
  version: 'v1',
  resource: 'cephfilesystems',
  kind: 'CephFilesystem',
};

/** Rook writes times to the second (`2026-08-20T10:15:00Z`). */
const stamp = (ms: number) => `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`;
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const nameOf = (o: KubeObject) => o.metadata.name as string;

export function createCephControllers(ctx: ControllerContext) {
  const now = () => ctx.clock.now();

  function reconcileCluster(c: KubeObject): void {
    const status = statusOf(c);
    const ceph = status.ceph as Json | undefined;
    if (!ceph) return;
    const last = Date.parse(String(ceph.lastChecked ?? ''));
    const due = Number.isFinite(last) ? last + CEPH_STATUS_INTERVAL_MS : 0;
    if (due > now()) {
      ctx.at(due, CEPH_CLUSTERS, c.metadata.namespace, nameOf(c));
      return;
    }
    const at = stamp(now());
    const capacity = ceph.capacity as Json | undefined;
    const next: Json = {
      ...status,
      ceph: { ...ceph, lastChecked: at, ...(capacity ? { capacity: { ...capacity, lastUpdated: at } } : {}) },
    };
    writeStatus(ctx, CEPH_CLUSTERS, c, next);
    ctx.at(now() + CEPH_STATUS_INTERVAL_MS, CEPH_CLUSTERS, c.metadata.namespace, nameOf(c));
  }

  /**
   * No phase yet → Progressing now, the final phase one operator step later (`finish` returns undefined to
   * stay Progressing, having asked to be called again).
   */
  function twoStep(ref: ResourceRef, o: KubeObject, finish: () => Json | undefined): void {
    const status = statusOf(o);
    if (status.phase === 'Ready' || status.phase === 'Failure') return;
    if (!status.phase) {
      writeStatus(ctx, ref, o, { ...status, phase: 'Progressing' });
      ctx.at(now() + ctx.timings.operatorStepMs, ref, o.metadata.namespace, nameOf(o));
      return;
    }
    const since = Date.parse(String(o.metadata.creationTimestamp ?? ''));
    if (Number.isFinite(since) && now() < since + ctx.timings.operatorStepMs) {
      ctx.at(since + ctx.timings.operatorStepMs, ref, o.metadata.namespace, nameOf(o));
      return;
    }
    const done = finish();
    if (done) writeStatus(ctx, ref, o, { ...status, observedGeneration: o.metadata.generation ?? 1, ...done });
  }

  function failed(o: KubeObject, message: string): Json {
    ctx.events.record(o, 'Warning', 'ReconcileFailed', message, SOURCE);
    return { phase: 'Failure' };
  }

  function reconcileUser(u: KubeObject): void {
    twoStep(CEPH_OBJECT_STORE_USERS, u, () => {
      const ns = u.metadata.namespace as string;
      const store = String(specOf(u).store ?? '');
      const s = ctx.store.get(CEPH_OBJECT_STORES, ns, store);
      if (!s) return failed(u, `failed to reconcile CephObjectStoreUser: object store "${store}" not found`);
      if (statusOf(s).phase !== 'Ready') {
        ctx.at(now() + ctx.timings.retryMs, CEPH_OBJECT_STORE_USERS, ns, nameOf(u));
        return undefined;
      }
      const secretName = `rook-ceph-object-user-${store}-${nameOf(u)}`;
      if (!ctx.store.get(SECRETS, ns, secretName)) {
        const seed = `${u.metadata.uid}`;
        const endpoint = String((statusOf(s).info as Json | undefined)?.endpoint ?? '');
        ctx.store.create(SECRETS, {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: {
            name: secretName,
            namespace: ns,
            labels: { app: 'rook-ceph-rgw', rook_cluster: ns, rook_object_store: store, user: nameOf(u) },
            ownerReferences: [ownerRef(u, 'ceph.rook.io/v1', 'CephObjectStoreUser')],
          },
          type: 'kubernetes.io/rook',
          data: {
            AccessKey: b64(hex64(`${seed}/a`).slice(0, 20).toUpperCase()),
            SecretKey: b64(hex64(`${seed}/s`).slice(0, 40)),
            Endpoint: b64(endpoint),
          },
        } as KubeObject);
      }
      ctx.events.record(u, 'Normal', 'ReconcileSucceeded', `object store user "${nameOf(u)}" created`, SOURCE);
      return { phase: 'Ready', info: { secretName } };
    });
  }

  const childOf = (ref: ResourceRef, parent: ResourceRef, field: string, what: string) => (o: KubeObject) =>
    twoStep(ref, o, () => {
      const name = String(specOf(o)[field] ?? '');
      if (!ctx.store.get(parent, o.metadata.namespace, name))
        return failed(o, `failed to reconcile ${o.kind}: ${what} "${name}" not found`);
      return { phase: 'Ready', info: { clusterID: hex64(String(o.metadata.uid)).slice(0, 32) } };
    });
  const reconcileRadosNamespace = childOf(CEPH_RADOS_NAMESPACES, POOLS, 'blockPoolName', 'block pool');
  const reconcileSubVolumeGroup = childOf(CEPH_SUBVOLUME_GROUPS, FILESYSTEMS, 'filesystemName', 'filesystem');

  function reconcileBucketClaim(obc: KubeObject): void {
    const ns = obc.metadata.namespace as string;
    const status = statusOf(obc);
    if (status.phase === 'Bound' || status.phase === 'Failed') return;
    if (!status.phase) {
      writeStatus(ctx, OBJECT_BUCKET_CLAIMS, obc, { ...status, phase: 'Pending' });
      return;
    }
    const spec = specOf(obc);
    const sc = ctx.store.get(STORAGE_CLASSES, undefined, String(spec.storageClassName ?? ''));
    const params = ((sc as Json | undefined)?.parameters as Record<string, string> | undefined) ?? {};
    const store = sc
      ? ctx.store.get(CEPH_OBJECT_STORES, params.objectStoreNamespace ?? ns, params.objectStoreName ?? '')
      : undefined;
    if (!store || statusOf(store).phase !== 'Ready') {
      // the provisioner retries while the store's gateways are not ready
      ctx.at(now() + ctx.timings.retryMs, OBJECT_BUCKET_CLAIMS, ns, nameOf(obc));
      return;
    }
    const bucket = String(
      spec.bucketName || `${spec.generateBucketName ?? nameOf(obc)}-${hex64(String(obc.metadata.uid)).slice(0, 8)}`,
    );
    const owner = [ownerRef(obc, 'objectbucket.io/v1alpha1', 'ObjectBucketClaim')];
    const labels = { 'bucket-provisioner': String((sc as Json).provisioner ?? '').replace('/', '-') };
    const endpoint = new URL(String((statusOf(store).info as Json | undefined)?.endpoint ?? 'http://localhost:80'));
    if (!ctx.store.get(CONFIGMAPS, ns, nameOf(obc)))
      ctx.store.create(CONFIGMAPS, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: nameOf(obc), namespace: ns, labels, ownerReferences: owner },
        data: {
          BUCKET_HOST: endpoint.hostname,
          BUCKET_NAME: bucket,
          BUCKET_PORT: endpoint.port || '80',
          BUCKET_REGION: 'us-east-1',
        },
      } as KubeObject);
    if (!ctx.store.get(SECRETS, ns, nameOf(obc)))
      ctx.store.create(SECRETS, {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: nameOf(obc), namespace: ns, labels, ownerReferences: owner },
        type: 'Opaque',
        data: {
          AWS_ACCESS_KEY_ID: b64(hex64(`${obc.metadata.uid}/a`).slice(0, 20).toUpperCase()),
          AWS_SECRET_ACCESS_KEY: b64(hex64(`${obc.metadata.uid}/s`).slice(0, 40)),
        },
      } as KubeObject);
    const bound = ctx.store.update(OBJECT_BUCKET_CLAIMS, {
      ...obc,
      spec: { ...spec, bucketName: bucket, objectBucketName: `obc-${ns}-${nameOf(obc)}` },
    });
    writeStatus(ctx, OBJECT_BUCKET_CLAIMS, bound, { ...statusOf(bound), phase: 'Bound' });
  }

  return {
    reconcileCluster,
    reconcileUser,
    reconcileRadosNamespace,
    reconcileSubVolumeGroup,
    reconcileBucketClaim,
  };
}
