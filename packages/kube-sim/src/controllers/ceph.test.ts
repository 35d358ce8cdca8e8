import { describe, expect, it } from 'vitest';
import type { KubeObject, ResourceRef } from '../store/types.js';
import { CEPH_STATUS_INTERVAL_MS } from './ceph.js';
import {
  CEPH_CLUSTERS,
  CEPH_OBJECT_STORE_USERS,
  CEPH_OBJECT_STORES,
  CEPH_RADOS_NAMESPACES,
  OBJECT_BUCKET_CLAIMS,
} from './ceph-refs.js';
import { createHarness } from './controllers-test-helpers.js';
import { type H, type J, status } from './operators-test-helpers.js';

const SECRETS: ResourceRef = { group: '', version: 'v1', resource: 'secrets', kind: 'Secret' };
const CONFIGMAPS: ResourceRef = { group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap' };
const SCS: ResourceRef = {
  group: 'storage.k8s.io',
  version: 'v1',
  resource: 'storageclasses',
  kind: 'StorageClass',
  namespaced: false,
};
const POOLS: ResourceRef = { group: 'ceph.rook.io', version: 'v1', resource: 'cephblockpools', kind: 'CephBlockPool' };

const rook = (kind: string, name: string, spec: J, st?: J): KubeObject => ({
  apiVersion: 'ceph.rook.io/v1',
  kind,
  metadata: { name, namespace: 'default' },
  spec,
  ...(st ? { status: st } : {}),
});

function rookCluster(lastChecked: string): H {
  const h = createHarness();
  h.store.create(
    CEPH_CLUSTERS,
    rook(
      'CephCluster',
      'rook-ceph',
      { mon: { count: 3 } },
      {
        phase: 'Ready',
        ceph: {
          health: 'HEALTH_WARN',
          lastChecked,
          details: { OSD_NEARFULL: { severity: 'HEALTH_WARN', message: '1 nearfull osd(s)' } },
          capacity: { bytesTotal: 100, bytesUsed: 75, bytesAvailable: 25, lastUpdated: lastChecked },
        },
      },
    ),
  );
  return h;
}
const ceph = (h: H) => status(h.store.get(CEPH_CLUSTERS, 'default', 'rook-ceph')).ceph as J;

describe('simulated Rook: CephCluster status checks', () => {
  it('keeps lastChecked fresh every 60 s on the clock, keeping the health Ceph reported', () => {
    const h = rookCluster('2020-01-01T00:00:00Z');
    h.run(0);
    const first = ceph(h);
    expect(first.lastChecked).toBe(`${new Date(h.clock.now()).toISOString().slice(0, 19)}Z`);
    expect(first.capacity.lastUpdated).toBe(first.lastChecked);
    expect(first).toMatchObject({ health: 'HEALTH_WARN', details: { OSD_NEARFULL: { message: '1 nearfull osd(s)' } } });
    const t0 = Date.parse(first.lastChecked);
    h.run(CEPH_STATUS_INTERVAL_MS / 2);
    expect(ceph(h).lastChecked).toBe(first.lastChecked);
    h.run(CEPH_STATUS_INTERVAL_MS);
    const later = Date.parse(ceph(h).lastChecked);
    expect(later).toBeGreaterThan(t0);
    expect(h.clock.now() - later).toBeLessThan(CEPH_STATUS_INTERVAL_MS);
  });
});

describe('simulated Rook: objects the plugin creates', () => {
  function withStore(phase: string): H {
    const h = createHarness();
    h.store.create(
      CEPH_OBJECT_STORES,
      rook(
        'CephObjectStore',
        'my-store',
        { gateway: { port: 80, instances: 2 } },
        {
          phase,
          info: { endpoint: 'http://rook-ceph-rgw-my-store.default.svc:80' },
        },
      ),
    );
    h.store.create(SCS, {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'rook-ceph-bucket' },
      provisioner: 'default.ceph.rook.io/bucket',
      parameters: { objectStoreName: 'my-store', objectStoreNamespace: 'default' },
    } as KubeObject);
    return h;
  }
  const setStorePhase = (h: H, phase: string) => {
    const s = structuredClone(h.store.get(CEPH_OBJECT_STORES, 'default', 'my-store')!);
    s.status = { ...(s.status as J), phase };
    h.store.update(CEPH_OBJECT_STORES, s, { subresource: 'status' });
  };

  it('an object store user waits for its store, then is Ready with its Secret', () => {
    const h = withStore('Progressing');
    h.store.create(CEPH_OBJECT_STORE_USERS, rook('CephObjectStoreUser', 'backup', { store: 'my-store' }));
    h.run(10_000);
    const user = () => h.store.get(CEPH_OBJECT_STORE_USERS, 'default', 'backup');
    expect(status(user()).phase).toBe('Progressing');
    setStorePhase(h, 'Ready');
    h.run(10_000);
    expect(status(user())).toMatchObject({
      phase: 'Ready',
      info: { secretName: 'rook-ceph-object-user-my-store-backup' },
    });
    const secret = h.store.get(SECRETS, 'default', 'rook-ceph-object-user-my-store-backup');
    expect(Object.keys((secret?.data as J) ?? {}).sort()).toEqual(['AccessKey', 'Endpoint', 'SecretKey']);
  });

  it('a user of a store that does not exist fails', () => {
    const h = withStore('Ready');
    h.store.create(CEPH_OBJECT_STORE_USERS, rook('CephObjectStoreUser', 'lost', { store: 'nope' }));
    h.run(10_000);
    expect(status(h.store.get(CEPH_OBJECT_STORE_USERS, 'default', 'lost')).phase).toBe('Failure');
  });

  it('a bucket claim stays Pending until the store is Ready, then is Bound with its ConfigMap and Secret', () => {
    const h = withStore('Progressing');
    h.store.create(OBJECT_BUCKET_CLAIMS, {
      apiVersion: 'objectbucket.io/v1alpha1',
      kind: 'ObjectBucketClaim',
      metadata: { name: 'media', namespace: 'default' },
      spec: { generateBucketName: 'media', storageClassName: 'rook-ceph-bucket' },
    });
    h.run(10_000);
    const obc = () => h.store.get(OBJECT_BUCKET_CLAIMS, 'default', 'media');
    expect(status(obc()).phase).toBe('Pending');
    setStorePhase(h, 'Ready');
    h.run(10_000);
    expect(status(obc()).phase).toBe('Bound');
    const bucket = ((obc()?.spec ?? {}) as J).bucketName as string;
    expect(bucket).toMatch(/^media-[0-9a-f]{8}$/);
    expect(h.store.get(CONFIGMAPS, 'default', 'media')?.data).toMatchObject({
      BUCKET_HOST: 'rook-ceph-rgw-my-store.default.svc',
      BUCKET_NAME: bucket,
      BUCKET_PORT: '80',
    });
    expect(h.store.get(SECRETS, 'default', 'media')).toBeTruthy();
  });

  it('a RADOS namespace is Ready once its pool exists, Failure otherwise', () => {
    const h = createHarness();
    h.store.create(POOLS, rook('CephBlockPool', 'replicapool', { replicated: { size: 3 } }, { phase: 'Ready' }));
    h.store.create(
      CEPH_RADOS_NAMESPACES,
      rook('CephBlockPoolRadosNamespace', 'shop', { blockPoolName: 'replicapool' }),
    );
    h.store.create(CEPH_RADOS_NAMESPACES, rook('CephBlockPoolRadosNamespace', 'orphan', { blockPoolName: 'gone' }));
    h.run(10_000);
    expect(status(h.store.get(CEPH_RADOS_NAMESPACES, 'default', 'shop')).phase).toBe('Ready');
    expect(status(h.store.get(CEPH_RADOS_NAMESPACES, 'default', 'orphan')).phase).toBe('Failure');
  });
});
