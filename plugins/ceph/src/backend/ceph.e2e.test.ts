/**
 * End to end through the real server (plugin test kit) over kube-sim's demo scenario: Rook's objects with the
 * reference's health (HEALTH_WARN with OSD_NEARFULL, kept fresh by kube-sim's Rook), which StorageClasses and
 * claims use which pool, Rook's daemons; the non-destructive actions as an operator through the kubectl
 * gateway (real kubectl reads the result back; the audit log names the operator); a viewer refused; a
 * namespace-scoped user sees only its namespace; a cluster without Rook does not offer the plugin.
 */
import { type PluginTestKit, startPluginTestKit, type TestUser, waitFor } from '@argus/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from './index.js';

// biome-ignore lint/suspicious/noExplicitAny: test assertions walk arbitrary JSON
type Json = any;

let kit: PluginTestKit;
let operator: TestUser;
let viewer: TestUser;

beforeAll(async () => {
  kit = await startPluginTestKit({ plugins: [plugin], sim: { scenario: 'demo' } });
  [operator, viewer] = await Promise.all([
    kit.user('ceph-operator', [{ role: 'operator' }]),
    kit.user('ceph-viewer', [{ role: 'viewer' }]),
  ]);
});

afterAll(() => kit?.close());

const kubectl = async (...args: string[]) => {
  const r = await kit.sim.kubectl.run(args);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
};
const byName = (items: Json[]) => Object.fromEntries(items.map((i: Json) => [i.metadata.name, i]));
const ROOK = 'namespace=rook-ceph';

describe('reading', () => {
  it("shows the CephCluster's HEALTH_WARN with its OSD_NEARFULL check, capacity and daemons", async () => {
    const r = await kit.call(viewer, 'GET', '/resources/cephclusters');
    expect(r.status).toBe(200);
    const [c] = r.body.items;
    expect(c.health).toEqual({ status: 'Degraded', reason: 'HEALTH_WARN: OSD_NEARFULL (1 nearfull osd(s))' });
    expect(c.summary).toMatchObject({
      cephHealth: 'HEALTH_WARN',
      checks: [{ code: 'OSD_NEARFULL', severity: 'HEALTH_WARN', message: '1 nearfull osd(s)' }],
      capacity: { total: 3298534883328, used: 2473901162496, available: 824633720832, usedPercent: 75 },
      mons: { desired: 3, running: 3 },
      mgrs: 1,
      osds: 3,
      version: '19.2.3-0',
    });
  });

  it("keeps lastChecked fresh as Rook does (kube-sim's Rook writes it on its clock)", async () => {
    const last = await kubectl(
      'get',
      'cephcluster',
      'rook-ceph',
      '-n',
      'rook-ceph',
      '-o',
      'jsonpath={.status.ceph.lastChecked}',
    );
    // The scenario was seeded months before today: a fresh value is the simulated operator's.
    expect(Math.abs(Date.now() - Date.parse(last))).toBeLessThan(5 * 60_000);
  });

  it('lists pools, filesystems, object stores, users, NFS, groups, RADOS namespaces and bucket claims', async () => {
    const get = async (plural: string) => byName((await kit.call(viewer, 'GET', `/resources/${plural}`)).body.items);
    expect((await get('cephblockpools')).replicapool).toMatchObject({
      health: { status: 'Healthy' },
      summary: { type: 'Replicated', redundancy: '3 replicas', failureDomain: 'host' },
    });
    expect((await get('cephfilesystems')).myfs.summary).toMatchObject({
      activeCount: 1,
      activeStandby: true,
      dataPools: [{ name: 'myfs-replicated' }],
    });
    expect((await get('cephobjectstores'))['my-store']).toMatchObject({
      health: { status: 'Progressing' },
      summary: { endpoint: 'http://rook-ceph-rgw-my-store.rook-ceph.svc:80', instances: 2, dataPool: 'EC 2+1' },
    });
    expect((await get('cephobjectstoreusers'))['shop-uploads'].summary).toMatchObject({
      store: 'my-store',
      secretName: 'rook-ceph-object-user-my-store-shop-uploads',
    });
    expect((await get('cephnfses'))['my-nfs'].health.status).toBe('Healthy');
    expect((await get('cephfilesystemsubvolumegroups'))['myfs-csi'].summary).toEqual({ filesystem: 'myfs' });
    expect((await get('cephblockpoolradosnamespaces')).shop.summary).toEqual({ pool: 'replicapool' });
    const obcs = await get('objectbucketclaims');
    expect(obcs['shop-media'].health.status).toBe('Healthy');
    expect(obcs['analytics-exports'].health.status).toBe('Progressing');
  });

  it('says which StorageClasses, PVCs and bucket claims use which pool', async () => {
    const r = await kit.call(viewer, 'GET', '/storage');
    expect(r.status).toBe(200);
    const classes = Object.fromEntries(r.body.classes.map((c: Json) => [c.name, c]));
    expect(classes['rook-ceph-block']).toMatchObject({ type: 'block', clusterID: 'rook-ceph', pool: 'replicapool' });
    expect(classes['rook-ceph-block'].claims).toBeGreaterThan(3);
    expect(classes['rook-cephfs']).toMatchObject({
      type: 'filesystem',
      fsName: 'myfs',
      pool: 'myfs-replicated',
      claims: 1,
    });
    expect(classes['rook-ceph-bucket']).toMatchObject({ type: 'bucket', objectStoreName: 'my-store', claims: 2 });
    const claim = (ns: string, name: string) => r.body.claims.find((c: Json) => c.namespace === ns && c.name === name);
    expect(claim('cms', 'cms-uploads')).toMatchObject({
      kind: 'PersistentVolumeClaim',
      storageClass: 'rook-cephfs',
      fsName: 'myfs',
      pool: 'myfs-replicated',
      phase: 'Bound',
    });
    expect(claim('payments', 'pg-main-1')).toMatchObject({
      type: 'block',
      pool: 'replicapool',
      clusterID: 'rook-ceph',
    });
    expect(claim('shop', 'shop-media')).toMatchObject({ kind: 'ObjectBucketClaim', objectStoreName: 'my-store' });
  });

  it("lists Rook's daemons with their readiness", async () => {
    const r = await kit.call(viewer, 'GET', `/daemons?${ROOK}`);
    const types = r.body.items.map((d: Json) => `${d.type}:${d.id}`);
    expect(types).toEqual(
      expect.arrayContaining([
        'mon:a',
        'mon:b',
        'mon:c',
        'mgr:a',
        'osd:0',
        'osd:1',
        'osd:2',
        'mds:myfs-a',
        'rgw:my-store',
      ]),
    );
    await waitFor(async () => {
      const d = (await kit.call(viewer, 'GET', `/daemons?${ROOK}`)).body.items;
      return d.find((x: Json) => x.name === 'rook-ceph-mgr-a')?.ready === 1;
    });
  });

  it('shows a namespace-scoped user only its namespace', async () => {
    const scoped = await kit.user('ceph-shop', [{ role: 'viewer', namespace: 'shop' }]);
    expect((await kit.call(scoped, 'GET', '/resources/cephclusters')).body.items).toEqual([]);
    const obcs = (await kit.call(scoped, 'GET', '/resources/objectbucketclaims')).body.items;
    expect(obcs.map((o: Json) => o.metadata.name)).toEqual(['shop-media']);
    const storage = await kit.call(scoped, 'GET', '/storage');
    expect(storage.body.classes).toEqual([]);
    expect(new Set(storage.body.claims.map((c: Json) => c.namespace))).toEqual(new Set(['shop']));
    expect((await kit.call(scoped, 'GET', '/daemons')).body.items).toEqual([]);
  });
});

describe('actions', () => {
  it('offers a viewer no action and refuses one', async () => {
    const detail = await kit.call(viewer, 'GET', `/resources/cephclusters/rook-ceph?${ROOK}`);
    expect(detail.body.actions.map((a: Json) => [a.id, a.allowed])).toEqual([['restart', false]]);
    const denied = await kit.call(viewer, 'POST', `/resources/cephclusters/rook-ceph/actions/restart?${ROOK}`, {});
    expect(denied.status).toBe(403);
    const denied2 = await kit.call(viewer, 'POST', `/resources/cephobjectstores/my-store/actions/create-user?${ROOK}`, {
      params: { name: 'sneaky' },
    });
    expect(denied2.status).toBe(403);
    const users = await kubectl('get', 'cephobjectstoreusers', '-n', 'rook-ceph', '-o', 'name');
    expect(users).not.toContain('sneaky');
  });

  it('restarts the manager by a rollout-restart annotation, as the operator, audited', async () => {
    const detail = await kit.call(operator, 'GET', `/resources/cephclusters/rook-ceph?${ROOK}`);
    expect(detail.body.actions[0]).toMatchObject({ id: 'restart', allowed: true, available: true });
    expect(detail.body.actions[0].confirm).toMatch(/^Restart rook-ceph-mgr-a/);
    const r = await kit.call(operator, 'POST', `/resources/cephclusters/rook-ceph/actions/restart?${ROOK}`, {});
    expect(r.status).toBe(200);
    expect(r.body.result.deployment).toEqual({ namespace: 'rook-ceph', name: 'rook-ceph-mgr-a' });
    const at = await kubectl(
      'get',
      'deployment',
      'rook-ceph-mgr-a',
      '-n',
      'rook-ceph',
      '-o',
      "jsonpath={.spec.template.metadata.annotations['kubectl\\.kubernetes\\.io/restartedAt']}",
    );
    expect(at).toBe(r.body.result.restartedAt);
    const audit = await kit.audit({ user: operator });
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          user_email: 'ceph-operator@example.com',
          method: 'PATCH',
          path: expect.stringMatching(/\/k8s\/apis\/apps\/v1\/namespaces\/rook-ceph\/deployments\/rook-ceph-mgr-a$/),
          outcome: 'success',
        }),
      ]),
    );
    // The Deployment rolls: its new ReplicaSet carries the annotation.
    await waitFor(async () => {
      const d = (await kit.call(viewer, 'GET', `/daemons?${ROOK}`)).body.items;
      return d.find((x: Json) => x.name === 'rook-ceph-mgr-a')?.restartedAt === r.body.result.restartedAt;
    });
  });

  it('creates a user and a bucket claim of the object store; Rook readies them once the store is Ready', async () => {
    const base = `/resources/cephobjectstores/my-store/actions`;
    const u = await kit.call(operator, 'POST', `${base}/create-user?${ROOK}`, {
      params: { name: 'backup', displayName: 'Backups' },
    });
    expect(u.status).toBe(200);
    expect(u.body.result).toMatchObject({
      kind: 'CephObjectStoreUser',
      spec: { store: 'my-store', displayName: 'Backups' },
    });
    const b = await kit.call(operator, 'POST', `${base}/create-bucket-claim?${ROOK}`, { params: { name: 'backups' } });
    expect(b.status).toBe(200);
    expect(b.body.result.spec).toEqual({ storageClassName: 'rook-ceph-bucket', generateBucketName: 'backups' });
    // The store is still Progressing (one of two gateways not ready): Rook waits.
    await waitFor(async () => {
      const users = byName((await kit.call(viewer, 'GET', `/resources/cephobjectstoreusers?${ROOK}`)).body.items);
      return users.backup?.health.status === 'Progressing';
    });
    // Rook reports the store Ready: the user gets its Secret, the claim its bucket.
    await kubectl(
      'patch',
      'cephobjectstore',
      'my-store',
      '-n',
      'rook-ceph',
      '--subresource=status',
      '--type=merge',
      '-p',
      '{"status":{"phase":"Ready"}}',
    );
    await waitFor(async () => {
      const users = byName((await kit.call(viewer, 'GET', `/resources/cephobjectstoreusers?${ROOK}`)).body.items);
      return users.backup?.health.status === 'Healthy';
    });
    expect(
      await kubectl('get', 'secret', 'rook-ceph-object-user-my-store-backup', '-n', 'rook-ceph', '-o', 'name'),
    ).toContain('rook-ceph-object-user-my-store-backup');
    await waitFor(async () => {
      const obcs = byName((await kit.call(viewer, 'GET', `/resources/objectbucketclaims?${ROOK}`)).body.items);
      return obcs.backups?.health.status === 'Healthy';
    });
    const dup = await kit.call(operator, 'POST', `${base}/create-user?${ROOK}`, { params: { name: 'backup' } });
    expect(dup).toMatchObject({ status: 409, body: { error: { code: 'ALREADY_EXISTS' } } });
  });

  it('creates a RADOS namespace of a pool and a sub-volume group of a filesystem', async () => {
    const ns = await kit.call(
      operator,
      'POST',
      `/resources/cephblockpools/replicapool/actions/create-rados-namespace?${ROOK}`,
      {
        params: { name: 'analytics' },
      },
    );
    expect(ns.status).toBe(200);
    const g = await kit.call(
      operator,
      'POST',
      `/resources/cephfilesystems/myfs/actions/create-subvolume-group?${ROOK}`,
      {
        params: { name: 'reports' },
      },
    );
    expect(g.status).toBe(200);
    await waitFor(async () => {
      const r = byName((await kit.call(viewer, 'GET', '/resources/cephblockpoolradosnamespaces')).body.items);
      const s = byName((await kit.call(viewer, 'GET', '/resources/cephfilesystemsubvolumegroups')).body.items);
      return r.analytics?.health.status === 'Healthy' && s.reports?.health.status === 'Healthy';
    });
  });

  it('refuses a bad name', async () => {
    const r = await kit.call(
      operator,
      'POST',
      `/resources/cephblockpools/replicapool/actions/create-rados-namespace?${ROOK}`,
      {
        params: { name: 'Not_A_Name' },
      },
    );
    expect(r).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
  });
});

describe('clusters without Rook', () => {
  it('offers the plugin only where its CRDs exist', async () => {
    const bare = await kit.addCluster('no-ceph', { scenario: 'empty' });
    await waitFor(async () => {
      const r = await kit.call(kit.admin, 'GET', '/api/plugins');
      const p = r.body.plugins.find((x: Json) => x.id === 'ceph');
      return p.clusters.find((c: Json) => c.id === bare.id)?.available === false;
    });
    const r = await kit.call(kit.admin, 'GET', '/api/plugins');
    const ceph = r.body.plugins.find((x: Json) => x.id === 'ceph');
    expect(ceph.clusters.find((c: Json) => c.id === kit.clusterId)?.available).toBe(true);
    const refused = await kit.call(kit.admin, 'GET', '/resources/cephclusters', undefined, { cluster: bare.id });
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'PLUGIN_NOT_AVAILABLE' } } });
  });
});
