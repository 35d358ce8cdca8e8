import { describe, expect, it } from 'vitest';
import { createHarness } from './controllers-test-helpers.js';
import {
  annotate,
  cluster,
  cond,
  eventReasons,
  healthyCluster,
  type J,
  roles,
  status,
} from './operators-test-helpers.js';
import { CNPG_BACKUPS, CNPG_CLUSTERS, CNPG_POOLERS, DEPLOYMENTS, PODS, PVCS } from './refs.js';

describe('simulated CloudNativePG: Cluster', () => {
  it('bootstraps a primary, then replicas one by one, and reports a healthy cluster', () => {
    const h = createHarness();
    h.store.create(CNPG_CLUSTERS, {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Cluster',
      metadata: { name: 'pg', namespace: 'default' },
      spec: { instances: 3, storage: { size: '2Gi' }, walStorage: { size: '1Gi' } },
    });
    h.controllers.tick();
    expect(status(cluster(h))).toMatchObject({ phase: 'Setting up primary', currentPrimary: 'pg-1' });
    expect(roles(h)).toEqual({ 'pg-1': 'primary' });
    h.run(10_000);
    expect(roles(h)).toEqual({ 'pg-1': 'primary', 'pg-2': 'replica', 'pg-3': 'replica' });
    expect(status(cluster(h))).toMatchObject({
      phase: 'Cluster in healthy state',
      instances: 3,
      readyInstances: 3,
      currentPrimary: 'pg-1',
      targetPrimary: 'pg-1',
      instancesStatus: { healthy: ['pg-1', 'pg-2', 'pg-3'] },
    });
    expect(cond(cluster(h), 'Ready')).toMatchObject({ status: 'True', reason: 'ClusterIsReady' });
    const pvcs = h.store.list(PVCS, { namespace: 'default' }).items.map((p) => p.metadata.name);
    expect(pvcs.sort()).toEqual(['pg-1', 'pg-1-wal', 'pg-2', 'pg-2-wal', 'pg-3', 'pg-3-wal']);
  });

  it('switches over when the status subresource names a new targetPrimary (kubectl cnpg promote)', () => {
    const h = healthyCluster();
    const c = structuredClone(cluster(h));
    Object.assign(c.status as J, {
      targetPrimary: 'pg-2',
      targetPrimaryTimestamp: '2025-03-01T12:00:10.000000Z',
      phase: 'Switchover in progress',
      phaseReason: 'Switching over to pg-2',
    });
    h.store.update(CNPG_CLUSTERS, c, { subresource: 'status' });
    h.run(1000);
    expect(status(cluster(h))).toMatchObject({ phase: 'Switchover in progress', currentPrimary: 'pg-1' });
    expect(roles(h)['pg-1']).toBe('primary');
    h.run(1500);
    const s = status(cluster(h));
    expect(s).toMatchObject({ phase: 'Cluster in healthy state', currentPrimary: 'pg-2', targetPrimary: 'pg-2' });
    expect(s.timelineID).toBe(2);
    expect(s.currentPrimaryTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(s.phaseReason).toBeUndefined();
    expect(roles(h)).toEqual({ 'pg-1': 'replica', 'pg-2': 'primary', 'pg-3': 'replica' });
    expect(h.pods('default', 'cnpg.io/cluster=pg,role=primary').map((p) => p.metadata.name)).toEqual(['pg-2']);
    expect(eventReasons(h, 'pg')).toContain('Switchover: Switched over from pg-1 to pg-2');
  });

  it('puts back a targetPrimary that names no running instance', () => {
    const h = healthyCluster();
    const c = structuredClone(cluster(h));
    Object.assign(c.status as J, { targetPrimary: 'pg-9', phase: 'Switchover in progress' });
    h.store.update(CNPG_CLUSTERS, c, { subresource: 'status' });
    h.run(100);
    expect(status(cluster(h))).toMatchObject({
      targetPrimary: 'pg-1',
      currentPrimary: 'pg-1',
      phase: 'Cluster in healthy state',
    });
  });

  it('hibernation deletes the pods primary first and keeps the PVCs; off brings them back', () => {
    const h = healthyCluster();
    const deleted: string[] = [];
    h.store.subscribe((ev) => ev.type === 'DELETED' && deleted.push(String(ev.object.metadata.name)), {
      resourceKeys: ['/pods'],
    });
    annotate(h, { 'cnpg.io/hibernation': 'on' });
    h.controllers.tick();
    expect(deleted).toEqual(['pg-1']);
    expect(cond(cluster(h), 'cnpg.io/hibernation')).toMatchObject({ status: 'False', reason: 'DeletingPods' });
    h.run(5000);
    expect(deleted).toEqual(['pg-1', 'pg-2', 'pg-3']);
    expect(h.pods('default', 'cnpg.io/cluster=pg')).toHaveLength(0);
    expect(h.store.list(PVCS, { namespace: 'default' }).items).toHaveLength(3);
    expect(cond(cluster(h), 'cnpg.io/hibernation')).toMatchObject({ status: 'True', reason: 'Hibernated' });
    expect(status(cluster(h))).toMatchObject({ instances: 3, readyInstances: 0, instancesStatus: {} });

    annotate(h, { 'cnpg.io/hibernation': 'off' });
    h.run(10_000);
    expect(roles(h)).toEqual({ 'pg-1': 'primary', 'pg-2': 'replica', 'pg-3': 'replica' });
    expect(cond(cluster(h), 'cnpg.io/hibernation')).toBeUndefined();
    expect(status(cluster(h))).toMatchObject({ phase: 'Cluster in healthy state', readyInstances: 3 });
  });

  it('fencing stops an instance (pod not ready) until the annotation is removed', () => {
    const h = healthyCluster();
    annotate(h, { 'cnpg.io/fencedInstances': '["pg-3"]' });
    h.run(100);
    const ready = (name: string) =>
      status(h.store.get(PODS, 'default', name)).conditions.find((c: J) => c.type === 'Ready').status;
    expect(ready('pg-3')).toBe('False');
    expect(ready('pg-1')).toBe('True');
    expect(status(cluster(h))).toMatchObject({
      readyInstances: 2,
      instancesStatus: { healthy: ['pg-1', 'pg-2'], replicating: ['pg-3'] },
    });
    annotate(h, { 'cnpg.io/fencedInstances': '["*"]' });
    h.run(100);
    expect(status(cluster(h)).readyInstances).toBe(0);
    annotate(h, { 'cnpg.io/fencedInstances': null });
    h.run(100);
    expect(['pg-1', 'pg-2', 'pg-3'].map(ready)).toEqual(['True', 'True', 'True']);
    expect(status(cluster(h)).readyInstances).toBe(3);
  });

  it('a rolling restart recreates the pods one at a time, the primary last', () => {
    const h = healthyCluster();
    const uids = Object.fromEntries(h.pods().map((p) => [p.metadata.name, p.metadata.uid]));
    const deleted: string[] = [];
    h.store.subscribe((ev) => ev.type === 'DELETED' && deleted.push(String(ev.object.metadata.name)), {
      resourceKeys: ['/pods'],
    });
    annotate(h, { 'kubectl.kubernetes.io/restartedAt': '2025-03-01T12:01:00Z' });
    h.controllers.tick();
    expect(status(cluster(h)).phase).toBe('Upgrading cluster');
    expect(deleted).toEqual(['pg-3']);
    h.run(10_000);
    expect(deleted).toEqual(['pg-3', 'pg-2', 'pg-1']);
    for (const p of h.pods()) {
      expect(p.metadata.uid).not.toBe(uids[p.metadata.name!]);
      expect(p.metadata.annotations?.['kubectl.kubernetes.io/restartedAt']).toBe('2025-03-01T12:01:00Z');
    }
    expect(roles(h)).toEqual({ 'pg-1': 'primary', 'pg-2': 'replica', 'pg-3': 'replica' });
    expect(status(cluster(h))).toMatchObject({ phase: 'Cluster in healthy state', readyInstances: 3 });
  });

  it('acknowledges a configuration reload with an event', () => {
    const h = healthyCluster();
    annotate(h, { 'cnpg.io/reloadedAt': '2025-03-01T12:05:00.000000Z' });
    h.run(100);
    expect(eventReasons(h, 'pg').some((e) => e.startsWith('ReloadConfiguration: Reloaded'))).toBe(true);
    expect(h.pods()).toHaveLength(3);
  });

  it('scales spec.instances up and down, keeping the primary', () => {
    const h = healthyCluster();
    const setInstances = (n: number) => {
      const c = structuredClone(cluster(h));
      (c.spec as J).instances = n;
      h.store.update(CNPG_CLUSTERS, c, { preserveStatus: true });
    };
    setInstances(4);
    h.controllers.tick();
    expect(status(cluster(h))).toMatchObject({ phase: 'Creating a new replica', phaseReason: 'Creating replica pg-4' });
    h.run(5000);
    expect(roles(h)).toEqual({ 'pg-1': 'primary', 'pg-2': 'replica', 'pg-3': 'replica', 'pg-4': 'replica' });
    expect(status(cluster(h))).toMatchObject({ phase: 'Cluster in healthy state', instances: 4, readyInstances: 4 });
    setInstances(2);
    h.run(5000);
    expect(roles(h)).toEqual({ 'pg-1': 'primary', 'pg-2': 'replica' });
    expect(status(cluster(h))).toMatchObject({ instances: 2, readyInstances: 2, phase: 'Cluster in healthy state' });
    expect(h.store.get(PVCS, 'default', 'pg-4')).toBeUndefined();
  });
});

describe('simulated CloudNativePG: Backup, Pooler', () => {
  it('a Backup goes pending → running on a replica → completed, and the cluster records it', () => {
    const h = healthyCluster();
    h.store.create(CNPG_BACKUPS, {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Backup',
      metadata: { name: 'now', namespace: 'default' },
      spec: {
        cluster: { name: 'pg' },
        method: 'plugin',
        pluginConfiguration: { name: 'barman-cloud.cloudnative-pg.io' },
      },
    });
    const backup = () => status(h.store.get(CNPG_BACKUPS, 'default', 'now'));
    h.controllers.tick();
    expect(backup().phase).toBe('pending');
    h.run(2000);
    expect(backup()).toMatchObject({ phase: 'running', method: 'plugin', instanceID: { podName: 'pg-2' } });
    expect(backup().startedAt).toBe('2025-03-01T12:00:12Z');
    expect(cond(cluster(h), 'LastBackupSucceeded')).toMatchObject({ status: 'False', reason: 'BackupStarted' });
    h.run(4000);
    const done = backup();
    expect(done).toMatchObject({ phase: 'completed', backupId: '20250301T120012', stoppedAt: '2025-03-01T12:00:16Z' });
    expect(status(cluster(h))).toMatchObject({
      lastSuccessfulBackup: '2025-03-01T12:00:16Z',
      firstRecoverabilityPoint: '2025-03-01T12:00:16Z',
    });
    expect(cond(cluster(h), 'LastBackupSucceeded')).toMatchObject({ status: 'True' });
    expect(eventReasons(h, 'now')).toEqual(['Starting: Starting backup for cluster pg', 'Completed: Backup completed']);
  });

  it('fails a barmanObjectStore backup of a cluster without that section, as CNPG does', () => {
    const h = healthyCluster(1);
    h.store.create(CNPG_BACKUPS, {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Backup',
      metadata: { name: 'adhoc', namespace: 'default' },
      spec: { cluster: { name: 'pg' } },
    });
    h.run(100);
    expect(status(h.store.get(CNPG_BACKUPS, 'default', 'adhoc'))).toMatchObject({
      phase: 'failed',
      error: 'no barmanObjectStore section defined on the target cluster',
    });
    expect(cond(cluster(h), 'LastBackupSucceeded')).toMatchObject({ status: 'False', reason: 'LastBackupFailed' });
  });

  it('a paused pooler reports phase paused; its instances drive the Deployment', () => {
    const h = createHarness();
    const pooler = h.store.create(CNPG_POOLERS, {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Pooler',
      metadata: { name: 'pool', namespace: 'default' },
      spec: { cluster: { name: 'pg' }, type: 'rw', instances: 2, pgbouncer: { paused: false } },
    });
    h.store.create(DEPLOYMENTS, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'pool',
        namespace: 'default',
        ownerReferences: [
          {
            apiVersion: 'postgresql.cnpg.io/v1',
            kind: 'Pooler',
            name: 'pool',
            uid: pooler.metadata.uid!,
            controller: true,
          },
        ],
      },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'pool' } },
        template: {
          metadata: { labels: { app: 'pool' } },
          spec: { containers: [{ name: 'pgbouncer', image: 'pgb' }] },
        },
      },
    });
    h.run(3000);
    const p = () => h.store.get(CNPG_POOLERS, 'default', 'pool')!;
    expect(status(p())).toMatchObject({ phase: 'active', instances: 2 });
    const paused = structuredClone(p());
    (paused.spec as J).pgbouncer.paused = true;
    h.store.update(CNPG_POOLERS, paused, { preserveStatus: true });
    h.run(100);
    expect(status(p())).toMatchObject({ phase: 'paused', phaseReason: 'pgbouncer is paused', instances: 2 });
    expect(h.pods('default', 'app=pool')).toHaveLength(2);
  });
});
