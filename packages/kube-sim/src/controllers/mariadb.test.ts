import { afterEach, describe, expect, it } from 'vitest';
import { type KubeSim, startKubeSim } from '../index.js';
import type { KubeObject, ResourceRef } from '../store/types.js';
import { createManualClock, type ManualClock } from './clock.js';
import { type Controllers, createControllers } from './controllers.js';
import { MARIADB_BACKUPS, MARIADB_MARIADBS, MARIADB_MAXSCALES, MARIADB_RESTORES } from './mariadb-refs.js';
import { cond, type J, status } from './operators-test-helpers.js';
import { JOBS, PODS, STATEFULSETS } from './refs.js';

const SERVICES: ResourceRef = { group: '', version: 'v1', resource: 'services', kind: 'Service' };

let sim: KubeSim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function demo(): Promise<{ sim: KubeSim; clock: ManualClock; controllers: Controllers; run(ms: number): void }> {
  sim = await startKubeSim({ scenario: 'demo', controllers: false });
  const clock = createManualClock(Date.now());
  const controllers = createControllers({ store: sim.store, clock });
  const s = sim;
  return { sim: s, clock, controllers, run: (ms) => controllers.settle(clock.now() + ms) };
}

function patchSpec(s: KubeSim, name: string, ns: string, edit: (spec: J) => void): void {
  const o = structuredClone(s.store.get(MARIADB_MARIADBS, ns, name) as KubeObject);
  edit(o.spec as J);
  s.store.update(MARIADB_MARIADBS, o, { preserveStatus: true });
}

const mdb = (s: KubeSim, name: string, ns: string) => s.store.get(MARIADB_MARIADBS, ns, name);

describe('simulated mariadb-operator', () => {
  it('leaves the seeded objects as they are, the Galera switchover waiting for its unready target', async () => {
    const { sim: s, run } = await demo();
    const refs = [MARIADB_MARIADBS, MARIADB_BACKUPS, MARIADB_RESTORES, MARIADB_MAXSCALES];
    const snapshot = () =>
      Object.fromEntries(
        refs.flatMap((r) =>
          s.store
            .list(r)
            .items.map((o) => [`${r.resource}/${o.metadata.namespace}/${o.metadata.name}`, o.metadata.resourceVersion]),
        ),
      );
    const before = snapshot();
    run(30_000);
    expect(snapshot()).toEqual(before);
    expect(cond(mdb(s, 'mariadb-galera', 'cms'), 'Ready')).toMatchObject({
      status: 'False',
      reason: 'SwitchPrimary',
      message: "Switching primary to 'mariadb-galera-1'",
    });
  });

  it('switches the primary of a replication cluster by spec.replication.primary.podIndex, in steps', async () => {
    const { sim: s, run } = await demo();
    patchSpec(s, 'mariadb-repl', 'shop', (spec) => {
      spec.replication.primary.podIndex = 2;
    });
    run(100);
    expect(cond(mdb(s, 'mariadb-repl', 'shop'), 'Ready')).toMatchObject({
      status: 'False',
      reason: 'SwitchPrimary',
      message: "Switching primary to 'mariadb-repl-2'",
    });
    expect(status(mdb(s, 'mariadb-repl', 'shop')).currentPrimary).toBe('mariadb-repl-0');
    run(5000);
    const st = status(mdb(s, 'mariadb-repl', 'shop'));
    expect(st).toMatchObject({ currentPrimary: 'mariadb-repl-2', currentPrimaryPodIndex: 2 });
    expect(st.replication.roles).toEqual({
      'mariadb-repl-0': 'Replica',
      'mariadb-repl-1': 'Replica',
      'mariadb-repl-2': 'Primary',
    });
    expect(Object.keys(st.replication.replicas).sort()).toEqual(['mariadb-repl-0', 'mariadb-repl-1']);
    expect(cond(mdb(s, 'mariadb-repl', 'shop'), 'Ready')).toMatchObject({ status: 'True', reason: 'StatefulSetReady' });
    const svc = s.store.get(SERVICES, 'shop', 'mariadb-repl-primary') as KubeObject;
    expect((svc.spec as J).selector['statefulset.kubernetes.io/pod-name']).toBe('mariadb-repl-2');
    expect(status(s.store.get(MARIADB_MAXSCALES, 'shop', 'maxscale-repl')).primaryServer).toBe('mariadb-repl-2');
  });

  it('cancels the Galera switchover when the old index is set back', async () => {
    const { sim: s, run } = await demo();
    patchSpec(s, 'mariadb-galera', 'cms', (spec) => {
      spec.galera.primary.podIndex = 0;
    });
    run(1000);
    // mariadb-galera-1 is still not ready: the cluster is not ready either, but no longer switching.
    const ready = cond(mdb(s, 'mariadb-galera', 'cms'), 'Ready');
    expect(ready).toMatchObject({ status: 'False', reason: 'StatefulSetNotReady' });
    expect(status(mdb(s, 'mariadb-galera', 'cms')).currentPrimary).toBe('mariadb-galera-0');
  });

  it('honours spec.suspend: Ready False Suspended, and no switchover until resumed', async () => {
    const { sim: s, run } = await demo();
    patchSpec(s, 'mariadb-repl', 'shop', (spec) => {
      spec.suspend = true;
      spec.replication.primary.podIndex = 1;
    });
    run(10_000);
    expect(cond(mdb(s, 'mariadb-repl', 'shop'), 'Ready')).toMatchObject({ status: 'False', reason: 'Suspended' });
    expect(status(mdb(s, 'mariadb-repl', 'shop')).currentPrimary).toBe('mariadb-repl-0');
    patchSpec(s, 'mariadb-repl', 'shop', (spec) => {
      spec.suspend = false;
    });
    run(10_000);
    expect(status(mdb(s, 'mariadb-repl', 'shop')).currentPrimary).toBe('mariadb-repl-1');
    expect(cond(mdb(s, 'mariadb-repl', 'shop'), 'Ready')).toMatchObject({ status: 'True' });
  });

  it('restarts by rolling the pods when spec.podMetadata.annotations change', async () => {
    const { sim: s, run } = await demo();
    const uids = () => [0, 1, 2].map((i) => s.store.get(PODS, 'shop', `mariadb-repl-${i}`)?.metadata.uid);
    const before = uids();
    patchSpec(s, 'mariadb-repl', 'shop', (spec) => {
      spec.podMetadata = { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:00Z' } };
    });
    run(100);
    expect(cond(mdb(s, 'mariadb-repl', 'shop'), 'Ready')).toMatchObject({ status: 'False', reason: 'Updating' });
    const sts = s.store.get(STATEFULSETS, 'shop', 'mariadb-repl') as KubeObject;
    expect(((sts.spec as J).template.metadata.annotations as J)['kubectl.kubernetes.io/restartedAt']).toBe(
      '2026-01-01T00:00:00Z',
    );
    run(60_000);
    const after = uids();
    expect(after.every((u, i) => u && u !== before[i])).toBe(true);
    expect(cond(mdb(s, 'mariadb-repl', 'shop'), 'Ready')).toMatchObject({ status: 'True', reason: 'StatefulSetReady' });
  });

  it('runs a one-shot Backup as a Job and reports it Complete', async () => {
    const { sim: s, run } = await demo();
    s.store.create(MARIADB_BACKUPS, {
      apiVersion: 'k8s.mariadb.com/v1alpha1',
      kind: 'Backup',
      metadata: { name: 'adhoc', namespace: 'shop' },
      spec: { mariaDbRef: { name: 'mariadb-repl' }, storage: { s3: { bucket: 'backups' } } },
    });
    run(100);
    expect(cond(s.store.get(MARIADB_BACKUPS, 'shop', 'adhoc'), 'Complete')).toMatchObject({
      status: 'False',
      reason: 'JobRunning',
    });
    expect(s.store.get(JOBS, 'shop', 'adhoc')).toBeTruthy();
    run(30_000);
    expect(cond(s.store.get(MARIADB_BACKUPS, 'shop', 'adhoc'), 'Complete')).toMatchObject({
      status: 'True',
      reason: 'JobComplete',
      message: 'Success',
    });
  });
});
