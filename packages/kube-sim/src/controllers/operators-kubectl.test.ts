/**
 * The simulated CloudNativePG and KEDA operators on the demo scenario, driven with the real kubectl the
 * way the plugins (and `kubectl cnpg`) drive the real operators: annotations, a status-subresource
 * merge patch, a created Backup.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimFixture, startSimFixture, waitFor } from '../testing/sim-fixture.js';
import { findKubectl } from './kubectl-test-helpers.js';
import { CNPG_BACKUPS, CNPG_CLUSTERS, DEPLOYMENTS, HPAS, KEDA_SCALED_OBJECTS, PODS, PVCS } from './refs.js';

// biome-ignore lint/suspicious/noExplicitAny: test assertions walk plain JSON
type J = Record<string, any>;

describe.skipIf(!findKubectl())('kubectl against the simulated operators (demo scenario)', () => {
  let f: SimFixture;
  const get = (ref: typeof PODS, ns: string, name: string): J | undefined =>
    f.sim.store.get(ref, ns, name) as J | undefined;
  const cond = (o: J | undefined, type: string) => o?.status?.conditions?.find((c: J) => c.type === type);
  const kubectl = async (...args: string[]) => {
    const r = await f.kubectl.run(args);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return r.stdout;
  };

  beforeAll(async () => {
    f = await startSimFixture({
      scenario: 'demo',
      tls: true,
      controllerTimings: { startMs: 150, operatorStepMs: 250, backupRunMs: 400 },
    });
  });
  afterAll(async () => {
    await f?.close();
  });

  it('keeps the seeded states: pg-main healthy, pg-reporting progressing, the failed backup, api on fallback', async () => {
    await new Promise((r) => setTimeout(r, 1000)); // the controllers have synced and ticked a few times
    expect(get(CNPG_CLUSTERS, 'payments', 'pg-main')?.status).toMatchObject({
      phase: 'Cluster in healthy state',
      instances: 3,
      readyInstances: 3,
      currentPrimary: 'pg-main-1',
    });
    expect(get(CNPG_CLUSTERS, 'analytics', 'pg-reporting')?.status).toMatchObject({
      phase: 'Creating a new replica',
      readyInstances: 1,
      instancesStatus: { healthy: ['pg-reporting-1'], failed: ['pg-reporting-2'] },
    });
    expect(get(CNPG_BACKUPS, 'analytics', 'pg-reporting-adhoc')?.status.phase).toBe('failed');
    const api = get(KEDA_SCALED_OBJECTS, 'shop', 'api');
    expect(cond(api, 'Fallback')).toMatchObject({ status: 'True', reason: 'FallbackExists' });
    expect(cond(api, 'Paused')).toBeUndefined();
    expect(cond(get(KEDA_SCALED_OBJECTS, 'analytics', 'report-worker'), 'Paused')?.status).toBe('True');
    expect(get(DEPLOYMENTS, 'shop', 'api')?.spec.replicas).toBe(6);
    expect(get(HPAS, 'shop', 'keda-hpa-api')).toBeDefined();
  });

  it('kubectl annotate scaledobject api paused-replicas=2: 2 replicas, Paused True; removing it resumes', async () => {
    await kubectl('annotate', '-n', 'shop', 'scaledobject', 'api', 'autoscaling.keda.sh/paused-replicas=2');
    await waitFor(
      async () => (await kubectl('get', '-n', 'shop', 'deploy', 'api', '-o', 'jsonpath={.spec.replicas}')) === '2',
    );
    const paused = 'jsonpath={.status.conditions[?(@.type=="Paused")].status}';
    expect(await kubectl('get', '-n', 'shop', 'so', 'api', '-o', paused)).toBe('True');
    await waitFor(
      async () => (await kubectl('get', '-n', 'shop', 'deploy', 'api', '-o', 'jsonpath={.status.replicas}')) === '2',
    );
    expect((await f.kubectl.run(['get', '-n', 'shop', 'hpa', 'keda-hpa-api'])).stderr).toContain('NotFound');

    await kubectl('annotate', '-n', 'shop', 'scaledobject', 'api', 'autoscaling.keda.sh/paused-replicas-');
    await waitFor(async () => (await kubectl('get', '-n', 'shop', 'so', 'api', '-o', paused)) === 'False');
    await waitFor(
      async () => (await kubectl('get', '-n', 'shop', 'deploy', 'api', '-o', 'jsonpath={.spec.replicas}')) === '6',
    );
    expect(await kubectl('get', '-n', 'shop', 'hpa', 'keda-hpa-api', '-o', 'jsonpath={.status.desiredReplicas}')).toBe(
      '6',
    );
  });

  it('a switchover patched into the Cluster status moves the primary and the role labels', async () => {
    const patch = {
      status: {
        targetPrimary: 'pg-main-2',
        targetPrimaryTimestamp: new Date().toISOString().replace('Z', '000Z'),
        phase: 'Switchover in progress',
        phaseReason: 'Switching over to pg-main-2',
      },
    };
    await kubectl(
      'patch',
      '-n',
      'payments',
      'cluster',
      'pg-main',
      '--subresource=status',
      '--type=merge',
      '-p',
      JSON.stringify(patch),
    );
    const primary = [
      'get',
      '-n',
      'payments',
      'pods',
      '-l',
      'cnpg.io/cluster=pg-main,cnpg.io/instanceRole=primary',
      '-o',
      'name',
    ];
    await waitFor(async () => (await kubectl(...primary)).trim() === 'pod/pg-main-2');
    const status = JSON.parse(await kubectl('get', '-n', 'payments', 'cluster', 'pg-main', '-o', 'jsonpath={.status}'));
    expect(status).toMatchObject({ currentPrimary: 'pg-main-2', targetPrimary: 'pg-main-2', timelineID: 2 });
    await waitFor(() => get(CNPG_CLUSTERS, 'payments', 'pg-main')?.status.phase === 'Cluster in healthy state');
    expect(get(PODS, 'payments', 'pg-main-1')?.metadata.labels.role).toBe('replica');
  });

  it('a Backup created with kubectl runs on a replica and completes', async () => {
    const backup = `apiVersion: postgresql.cnpg.io/v1
kind: Backup
metadata: {name: pg-main-now, namespace: payments}
spec: {cluster: {name: pg-main}, method: plugin, pluginConfiguration: {name: barman-cloud.cloudnative-pg.io}}
`;
    const created = await f.kubectl.run(['create', '-f', '-'], { input: backup });
    expect(created.stdout).toContain('backup.postgresql.cnpg.io/pg-main-now created');
    const phase = [
      'get',
      '-n',
      'payments',
      'backups.postgresql.cnpg.io',
      'pg-main-now',
      '-o',
      'jsonpath={.status.phase}',
    ];
    await waitFor(async () => (await kubectl(...phase)) === 'completed');
    const b = get(CNPG_BACKUPS, 'payments', 'pg-main-now');
    expect(b?.status.instanceID.podName).toBe('pg-main-1'); // a standby since the switchover
    expect(get(CNPG_CLUSTERS, 'payments', 'pg-main')?.status.lastSuccessfulBackup).toBe(b?.status.stoppedAt);
  });

  it('kubectl annotate cluster cnpg.io/hibernation=on removes the pods, off restores them', async () => {
    await kubectl('annotate', '-n', 'payments', 'cluster', 'pg-main', 'cnpg.io/hibernation=on');
    const pods = [
      'get',
      '-n',
      'payments',
      'pods',
      '-l',
      'cnpg.io/cluster=pg-main,cnpg.io/podRole=instance',
      '-o',
      'name',
    ];
    await waitFor(async () => (await kubectl(...pods)).trim() === '');
    expect(get(PVCS, 'payments', 'pg-main-1-wal')).toBeDefined();
    expect(cond(get(CNPG_CLUSTERS, 'payments', 'pg-main'), 'cnpg.io/hibernation')?.reason).toBe('Hibernated');
    await kubectl('annotate', '--overwrite', '-n', 'payments', 'cluster', 'pg-main', 'cnpg.io/hibernation=off');
    await waitFor(() => get(CNPG_CLUSTERS, 'payments', 'pg-main')?.status.readyInstances === 3);
    expect((await kubectl(...pods)).trim().split('\n')).toEqual(['pod/pg-main-1', 'pod/pg-main-2', 'pod/pg-main-3']);
    expect(get(PODS, 'payments', 'pg-main-2')?.metadata.labels['cnpg.io/instanceRole']).toBe('primary');
  });
});
