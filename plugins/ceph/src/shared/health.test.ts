/**
 * The health rules of ../shared/reference/operators.md §4, table-driven: the reference's own example
 * objects, variations of them for each rule (staleness of `lastChecked` included), and the objects
 * kube-sim's demo scenario seeds.
 */
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucketClaimHealth, cephClusterHealth, phaseHealth } from './health.js';
import { blockPoolSummary, clusterSummary, filesystemSummary } from './summary.js';
import type { CephCluster, CephPhased, HealthStatus, ObjectBucketClaim } from './types.js';

const CHECKED = '2026-08-20T10:15:00Z';
const at = (iso: string, plusMinutes: number) => Date.parse(iso) + plusMinutes * 60_000;

// The reference's CephCluster example, verbatim.
const rookCeph: CephCluster = {
  metadata: { name: 'rook-ceph', namespace: 'rook-ceph' },
  spec: {
    cephVersion: { image: 'quay.io/ceph/ceph:v19.2.3' },
    dataDirHostPath: '/var/lib/rook',
    mon: { count: 3 },
  },
  status: {
    phase: 'Ready',
    state: 'Created',
    message: 'Cluster created successfully',
    version: { version: '19.2.3-0' },
    ceph: {
      health: 'HEALTH_WARN',
      lastChecked: CHECKED,
      details: { OSD_NEARFULL: { severity: 'HEALTH_WARN', message: '1 nearfull osd(s)' } },
      capacity: { bytesTotal: 3298534883328, bytesUsed: 2473901162496, bytesAvailable: 824633720832 },
    },
  },
};

type Status = NonNullable<CephCluster['status']>;
const cluster = (status: Partial<Status>, ceph: Partial<NonNullable<Status['ceph']>> = {}): CephCluster => ({
  ...rookCeph,
  status: { ...rookCeph.status, ...status, ceph: { ...rookCeph.status?.ceph, ...ceph } },
});
const ok = { health: 'HEALTH_OK', details: {} };
const TB = 1_000_000_000_000;

describe('CephCluster health', () => {
  const rows: Array<[string, CephCluster, number, HealthStatus, string | RegExp]> = [
    [
      "the reference's example: HEALTH_WARN with its check",
      rookCeph,
      at(CHECKED, 1),
      'Degraded',
      'HEALTH_WARN: OSD_NEARFULL (1 nearfull osd(s))',
    ],
    ['Ready with HEALTH_OK', cluster({}, ok), at(CHECKED, 1), 'Healthy', 'HEALTH_OK'],
    [
      'an external cluster: Connected with HEALTH_OK',
      cluster({ phase: 'Connected' }, ok),
      at(CHECKED, 1),
      'Healthy',
      'Connected (external), HEALTH_OK',
    ],
    [
      'HEALTH_ERR lists its checks, the errors first',
      cluster(
        {},
        {
          health: 'HEALTH_ERR',
          details: {
            OSD_NEARFULL: { severity: 'HEALTH_WARN', message: '1 nearfull osd(s)' },
            MON_DOWN: { severity: 'HEALTH_ERR', message: '2/3 mons down' },
          },
        },
      ),
      at(CHECKED, 1),
      'Failed',
      'HEALTH_ERR: MON_DOWN (2/3 mons down), OSD_NEARFULL (1 nearfull osd(s))',
    ],
    [
      'phase Failure',
      cluster({ phase: 'Failure', message: 'failed to create cluster' }, ok),
      at(CHECKED, 1),
      'Failed',
      'Rook reports Failure: failed to create cluster',
    ],
    ['state Error', cluster({ state: 'Error', message: '' }, ok), at(CHECKED, 1), 'Failed', 'Rook reports state Error'],
    [
      'usage at 85% is nearfull even with HEALTH_OK',
      cluster({}, { ...ok, capacity: { bytesTotal: 100 * TB, bytesUsed: 85 * TB, bytesAvailable: 15 * TB } }),
      at(CHECKED, 1),
      'Degraded',
      '85% of the raw capacity used (nearfull)',
    ],
    [
      'usage just under 85% with HEALTH_OK is fine',
      cluster({}, { ...ok, capacity: { bytesTotal: 100 * TB, bytesUsed: 84.9 * TB, bytesAvailable: 15.1 * TB } }),
      at(CHECKED, 1),
      'Healthy',
      'HEALTH_OK',
    ],
    [
      'Progressing',
      cluster({ phase: 'Progressing', message: 'Configuring Ceph Mons' }, ok),
      at(CHECKED, 1),
      'Progressing',
      'Configuring Ceph Mons',
    ],
    ['Updating', cluster({ state: 'Updating', message: '' }, ok), at(CHECKED, 1), 'Progressing', 'Updating'],
    ['lastChecked exactly 5 minutes old still counts', rookCeph, at(CHECKED, 5), 'Degraded', /^HEALTH_WARN/],
    [
      'lastChecked more than 5 minutes old: Unknown',
      cluster({}, ok),
      at(CHECKED, 6),
      'Unknown',
      'Ceph health last checked 6 minutes ago',
    ],
    ['a stale warning is not believed either', rookCeph, at(CHECKED, 60), 'Unknown', /last checked 60 minutes ago/],
    [
      'a Rook failure shows even when the check is stale',
      cluster({ phase: 'Failure', message: 'x' }),
      at(CHECKED, 60),
      'Failed',
      'Rook reports Failure: x',
    ],
    [
      'a new cluster without status',
      { ...rookCeph, status: undefined },
      at(CHECKED, 1),
      'Progressing',
      'No status yet',
    ],
  ];
  it.each(rows)('%s', (_what, c, now, status, reason) => {
    const h = cephClusterHealth(c, now);
    expect(h.status).toBe(status);
    if (typeof reason === 'string') expect(h.reason).toBe(reason);
    else expect(h.reason).toMatch(reason);
  });

  it("summarises the reference's example: checks, capacity, monitors", () => {
    expect(clusterSummary(rookCeph)).toMatchObject({
      cephHealth: 'HEALTH_WARN',
      checks: [{ code: 'OSD_NEARFULL', severity: 'HEALTH_WARN', message: '1 nearfull osd(s)' }],
      capacity: { total: 3298534883328, used: 2473901162496, available: 824633720832, usedPercent: 75 },
      mons: { desired: 3, running: 0 },
      version: '19.2.3-0',
      lastChecked: CHECKED,
    });
  });
});

describe('pools, filesystems, object stores, users and the other phased kinds', () => {
  const obj = (phase?: string): CephPhased => ({
    metadata: { name: 'x', namespace: 'rook-ceph' },
    ...(phase ? { status: { phase } } : {}),
  });
  it.each([
    ['Ready', 'Healthy'],
    ['Progressing', 'Progressing'],
    ['Failure', 'Failed'],
    [undefined, 'Progressing'],
    ['Deleting', 'Unknown'],
  ] as const)('phase %s → %s', (phase, status) => {
    expect(phaseHealth(obj(phase)).status).toBe(status);
  });

  it("the reference's pool and object store examples", () => {
    const replicapool = {
      metadata: { name: 'replicapool', namespace: 'rook-ceph' },
      spec: { failureDomain: 'host', replicated: { size: 3 } },
      status: { phase: 'Ready', info: { type: 'Replicated', failureDomain: 'host' } },
    };
    expect(phaseHealth(replicapool)).toEqual({ status: 'Healthy', reason: 'Ready' });
    expect(blockPoolSummary(replicapool)).toEqual({
      type: 'Replicated',
      redundancy: '3 replicas',
      failureDomain: 'host',
      deviceClass: null,
    });
    const myStore = {
      metadata: { name: 'my-store', namespace: 'rook-ceph' },
      spec: { gateway: { port: 80, instances: 2 }, dataPool: { erasureCoded: { dataChunks: 2, codingChunks: 1 } } },
      status: { phase: 'Progressing', info: { endpoint: 'http://rook-ceph-rgw-my-store.rook-ceph.svc:80' } },
    };
    expect(phaseHealth(myStore)).toEqual({ status: 'Progressing', reason: 'Progressing' });
  });

  it('names a filesystem’s data pools as Ceph does (<fs>-<pool>)', () => {
    const fs = {
      metadata: { name: 'myfs', namespace: 'rook-ceph' },
      spec: { dataPools: [{ name: 'replicated', replicated: { size: 3 } }], metadataServer: { activeCount: 1 } },
    };
    expect(filesystemSummary(fs).dataPools).toEqual([{ name: 'myfs-replicated', redundancy: '3 replicas' }]);
  });

  it.each([
    ['Bound', 'Healthy'],
    ['Pending', 'Progressing'],
    [undefined, 'Progressing'],
    ['Failed', 'Failed'],
    ['Released', 'Degraded'],
  ] as const)('bucket claim phase %s → %s', (phase, status) => {
    const obc: ObjectBucketClaim = {
      metadata: { name: 'b', namespace: 'shop' },
      ...(phase ? { status: { phase } } : {}),
    };
    expect(bucketClaimHealth(obc).status).toBe(status);
  });
});

describe("kube-sim's demo objects", () => {
  let sim: KubeSim;
  beforeAll(async () => {
    sim = await startKubeSim({ scenario: 'demo', controllers: false });
  });
  afterAll(() => sim?.close());
  const list = (resource: string, group = 'ceph.rook.io', version = 'v1') =>
    sim.store.list({ group, version, resource, kind: '' }).items as unknown as CephPhased[];

  it('the demo CephCluster is HEALTH_WARN with OSD_NEARFULL: Degraded while its check is fresh', () => {
    const [c] = list('cephclusters') as unknown as CephCluster[];
    const checked = Date.parse(c?.status?.ceph?.lastChecked ?? '');
    expect(cephClusterHealth(c as CephCluster, checked + 30_000)).toEqual({
      status: 'Degraded',
      reason: 'HEALTH_WARN: OSD_NEARFULL (1 nearfull osd(s))',
    });
    expect(clusterSummary(c as CephCluster)).toMatchObject({ mons: { desired: 3, running: 3 }, mgrs: 1, osds: 3 });
  });

  it.each([
    ['cephblockpools', 'replicapool', 'Healthy'],
    ['cephfilesystems', 'myfs', 'Healthy'],
    ['cephobjectstores', 'my-store', 'Progressing'],
    ['cephobjectstoreusers', 'shop-uploads', 'Healthy'],
    ['cephnfses', 'my-nfs', 'Healthy'],
    ['cephfilesystemsubvolumegroups', 'myfs-csi', 'Healthy'],
    ['cephblockpoolradosnamespaces', 'shop', 'Healthy'],
  ] as const)('%s/%s is %s', (resource, name, status) => {
    const o = list(resource).find((x) => x.metadata.name === name);
    expect(o, `${resource}/${name} in the demo`).toBeTruthy();
    expect(phaseHealth(o as CephPhased).status).toBe(status);
  });

  it('the demo bucket claims: one bound, one still pending', () => {
    const obcs = list('objectbucketclaims', 'objectbucket.io', 'v1alpha1') as unknown as ObjectBucketClaim[];
    const by = Object.fromEntries(obcs.map((o) => [o.metadata.name, bucketClaimHealth(o).status]));
    expect(by).toEqual({ 'shop-media': 'Healthy', 'analytics-exports': 'Progressing' });
  });
});
