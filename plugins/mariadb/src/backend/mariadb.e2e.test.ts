/**
 * End to end through the real server (plugin test kit) over kube-sim's demo scenario: the mariadb-operator's
 * objects with the reference's health; switch primary, back up now, restart, suspend and resume as an
 * operator, through the kubectl gateway (real kubectl reads the result back; kube-sim's simulated operator
 * carries them out; the audit log names the operator); a viewer refused; 409 where the state forbids it;
 * a namespace-scoped user sees only its namespace; a cluster without the CRDs is not offered the plugin.
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
    kit.user('mdb-operator', [{ role: 'operator' }]),
    kit.user('mdb-viewer', [{ role: 'viewer' }]),
  ]);
});

afterAll(() => kit?.close());

const kubectl = async (kind: string, ns: string, name: string, path: string) => {
  const r = await kit.sim.kubectl.run(['get', `${kind}.k8s.mariadb.com`, name, '-n', ns, '-o', `jsonpath=${path}`]);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
};
const detail = (user: TestUser, plural: string, ns: string, name: string) =>
  kit.call(user, 'GET', `/resources/${plural}/${name}?namespace=${ns}`);
const act = (user: TestUser, name: string, action: string, params?: unknown, ns = 'shop') =>
  kit.call(user, 'POST', `/resources/mariadbs/${name}/actions/${action}?namespace=${ns}`, params ? { params } : {});
const healthOf = async (name: string, ns = 'shop') => (await detail(operator, 'mariadbs', ns, name)).body.health;

describe('reading', () => {
  it('lists MariaDBs with the reference’s health: the Galera switchover in progress', async () => {
    const r = await kit.call(viewer, 'GET', '/resources/mariadbs');
    expect(r.status).toBe(200);
    const by = Object.fromEntries(r.body.items.map((i: Json) => [i.metadata.name, i]));
    expect(by['mariadb-repl'].health).toEqual({ status: 'Healthy', reason: 'Running' });
    expect(by['mariadb-galera'].health).toEqual({
      status: 'Progressing',
      reason: "Switching primary to 'mariadb-galera-1'",
    });
    expect(by['mariadb-galera'].summary).toMatchObject({
      topology: 'galera',
      primary: 'mariadb-galera-0',
      switching_to: 'mariadb-galera-1',
    });
    expect(by['mariadb-repl'].summary).toMatchObject({ topology: 'replication', replicas: '3/3' });
  });

  it('shows why the reporting user fails, and the other kinds the demo seeds', async () => {
    const users = await kit.call(viewer, 'GET', '/resources/users?namespace=shop');
    const reporting = users.body.items.find((i: Json) => i.metadata.name === 'reporting');
    expect(reporting.health).toEqual({
      status: 'Failed',
      reason: 'Error getting password: Secret "mariadb-reporting" not found',
    });
    for (const [plural, name, status] of [
      ['maxscales', 'maxscale-repl', 'Healthy'],
      ['backups', 'mariadb-repl-nightly', 'Healthy'],
      ['physicalbackups', 'mariadb-galera-physical', 'Healthy'],
      ['restores', 'mariadb-repl-restore-drill', 'Healthy'],
      ['sqljobs', 'reporting-views', 'Failed'],
      ['databases', 'shop', 'Healthy'],
      ['grants', 'shop-all', 'Healthy'],
      ['connections', 'shop-app', 'Healthy'],
    ]) {
      const list = await kit.call(viewer, 'GET', `/resources/${plural}`);
      expect(list.status, plural).toBe(200);
      const item = list.body.items.find((i: Json) => i.metadata.name === name);
      expect(item?.health.status, `${plural}/${name}`).toBe(status);
    }
  });

  it('shows a namespace-scoped user only its namespace', async () => {
    const scoped = await kit.user('mdb-cms', [{ role: 'viewer', namespace: 'cms' }]);
    const list = await kit.call(scoped, 'GET', '/resources/mariadbs');
    expect(list.body.items.map((i: Json) => i.metadata.name)).toEqual(['mariadb-galera']);
    expect((await detail(scoped, 'mariadbs', 'shop', 'mariadb-repl')).status).toBe(403);
    expect((await kit.call(scoped, 'GET', '/resources/users')).body.items).toEqual([]);
  });
});

describe('actions', () => {
  it('offers a viewer no action and refuses one (403), leaving the object as it was', async () => {
    const d = await detail(viewer, 'mariadbs', 'shop', 'mariadb-repl');
    expect(d.body.actions.map((a: Json) => [a.id, a.allowed])).toEqual([
      ['switchover', false],
      ['backup-now', false],
      ['restart', false],
      ['suspend', false],
      ['resume', false],
    ]);
    const denied = await act(viewer, 'mariadb-repl', 'switchover', { target: 'mariadb-repl-1' });
    expect(denied.status).toBe(403);
    expect(await kubectl('mariadb', 'shop', 'mariadb-repl', '{.spec.replication.primary.podIndex}')).toBe('0');
  });

  it('switches the primary by spec.replication.primary.podIndex as the operator, audited under that user', async () => {
    const d = await detail(operator, 'mariadbs', 'shop', 'mariadb-repl');
    const sw = d.body.actions.find((a: Json) => a.id === 'switchover');
    expect(sw).toMatchObject({ allowed: true, available: true });
    expect(sw.confirm).toMatch(/the primary of mariadb-repl\?/);

    const same = await act(operator, 'mariadb-repl', 'switchover', { target: 'mariadb-repl-0' });
    expect(same).toMatchObject({ status: 409, body: { error: { code: 'ACTION_NOT_AVAILABLE' } } });
    expect(same.body.error.message).toBe('mariadb-repl-0 is the primary already');
    const stranger = await act(operator, 'mariadb-repl', 'switchover', { target: 'mariadb-galera-1' });
    expect(stranger).toMatchObject({ status: 409, body: { error: { code: 'ACTION_NOT_AVAILABLE' } } });
    const missing = await act(operator, 'mariadb-repl', 'switchover', {});
    expect(missing).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });

    const r = await act(operator, 'mariadb-repl', 'switchover', { target: 'mariadb-repl-1' });
    expect(r.status).toBe(200);
    expect(await kubectl('mariadb', 'shop', 'mariadb-repl', '{.spec.replication.primary.podIndex}')).toBe('1');
    const audit = await kit.audit({ user: operator });
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          user_email: 'mdb-operator@example.com',
          path: expect.stringMatching(/\/resources\/mariadbs\/mariadb-repl\/actions\/switchover$/),
          namespace: 'shop',
          outcome: 'success',
        }),
        expect.objectContaining({
          user_email: 'mdb-operator@example.com',
          method: 'PATCH',
          path: expect.stringMatching(
            /\/k8s\/apis\/k8s\.mariadb\.com\/v1alpha1\/namespaces\/shop\/mariadbs\/mariadb-repl$/,
          ),
          outcome: 'success',
        }),
      ]),
    );
    // kube-sim's operator switches in steps: Progressing, then the new primary and Healthy again.
    await waitFor(async () => (await healthOf('mariadb-repl')).status === 'Progressing');
    const during = await act(operator, 'mariadb-repl', 'switchover', { target: 'mariadb-repl-2' });
    expect(during).toMatchObject({ status: 409, body: { error: { code: 'ACTION_NOT_AVAILABLE' } } });
    await waitFor(
      async () => (await kubectl('mariadb', 'shop', 'mariadb-repl', '{.status.currentPrimary}')) === 'mariadb-repl-1',
    );
    await waitFor(async () => (await healthOf('mariadb-repl')).status === 'Healthy');
    const roles = JSON.parse(await kubectl('mariadb', 'shop', 'mariadb-repl', '{.status.replication.roles}'));
    expect(roles).toEqual({ 'mariadb-repl-0': 'Replica', 'mariadb-repl-1': 'Primary', 'mariadb-repl-2': 'Replica' });
  });

  it('cancels the Galera switchover by choosing the current primary; another target is refused meanwhile', async () => {
    const other = await act(operator, 'mariadb-galera', 'switchover', { target: 'mariadb-galera-2' }, 'cms');
    expect(other).toMatchObject({ status: 409, body: { error: { code: 'ACTION_NOT_AVAILABLE' } } });
    expect(other.body.error.message).toMatch(/A switchover to mariadb-galera-1 is in progress/);
    const d = await detail(operator, 'mariadbs', 'cms', 'mariadb-galera');
    expect(d.body.actions.find((a: Json) => a.id === 'switchover')).toMatchObject({ available: true });
    const cancel = await act(operator, 'mariadb-galera', 'switchover', { target: 'mariadb-galera-0' }, 'cms');
    expect(cancel.status).toBe(200);
    expect(await kubectl('mariadb', 'cms', 'mariadb-galera', '{.spec.galera.primary.podIndex}')).toBe('0');
    // No longer switching; mariadb-galera-1 is still not ready, so the cluster is not ready either.
    await waitFor(async () => (await healthOf('mariadb-galera', 'cms')).status === 'Degraded', 10_000, 250);
    expect((await healthOf('mariadb-galera', 'cms')).reason).toMatch(/StatefulSetNotReady/);
  });

  it('backs up now: a one-shot Backup with the MariaDB’s storage, completed by the operator', async () => {
    const r = await act(operator, 'mariadb-repl', 'backup-now');
    expect(r.status).toBe(200);
    const name = r.body.result.metadata.name as string;
    expect(name).toMatch(/^mariadb-repl-\d{14}$/);
    expect(r.body.result.spec).toEqual({
      mariaDbRef: { name: 'mariadb-repl' },
      storage: { s3: { bucket: 'backups', endpoint: 'minio.minio:9000', prefix: 'shop/adhoc' } },
    });
    await waitFor(
      async () => (await detail(viewer, 'backups', 'shop', name)).body.health?.status === 'Healthy',
      30_000,
      250,
    );
    expect(await kubectl('backup', 'shop', name, '{.status.conditions[0].reason}')).toBe('JobComplete');
  });

  it('suspends reconciliation (Paused, switchover refused) and resumes it', async () => {
    expect((await act(operator, 'mariadb-repl', 'suspend')).status).toBe(200);
    expect(await kubectl('mariadb', 'shop', 'mariadb-repl', '{.spec.suspend}')).toBe('true');
    await waitFor(async () => (await healthOf('mariadb-repl')).status === 'Paused');
    const refused = await act(operator, 'mariadb-repl', 'switchover', { target: 'mariadb-repl-0' });
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'ACTION_NOT_AVAILABLE' } } });
    expect((await act(operator, 'mariadb-repl', 'suspend')).status).toBe(409);
    expect((await act(operator, 'mariadb-repl', 'resume')).status).toBe(200);
    await waitFor(async () => (await healthOf('mariadb-repl')).status === 'Healthy');
    expect((await act(operator, 'mariadb-repl', 'resume')).status).toBe(409);
  });

  it('restarts by a new pod-template annotation, which the operator rolls out', async () => {
    const r = await act(operator, 'mariadb-repl', 'restart');
    expect(r.status).toBe(200);
    const at = await kubectl(
      'mariadb',
      'shop',
      'mariadb-repl',
      "{.spec.podMetadata.annotations['kubectl\\.kubernetes\\.io/restartedAt']}",
    );
    expect(at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    await waitFor(async () => (await healthOf('mariadb-repl')).status === 'Progressing');
    await waitFor(async () => (await healthOf('mariadb-repl')).status === 'Healthy', 60_000, 250);
  }, 90_000);

  it('suspends and resumes a backup schedule; a one-shot backup has none', async () => {
    const path = '/resources/backups/mariadb-repl-nightly/actions';
    expect((await kit.call(operator, 'POST', `${path}/suspend?namespace=shop`, {})).status).toBe(200);
    expect(await kubectl('backup', 'shop', 'mariadb-repl-nightly', '{.spec.schedule.suspend}')).toBe('true');
    await waitFor(
      async () => (await detail(viewer, 'backups', 'shop', 'mariadb-repl-nightly')).body.health.status === 'Paused',
    );
    expect((await kit.call(operator, 'POST', `${path}/resume?namespace=shop`, {})).status).toBe(200);
    const once = await kit.call(
      operator,
      'POST',
      '/resources/backups/mariadb-repl-before-upgrade/actions/suspend?namespace=shop',
      {},
    );
    expect(once).toMatchObject({ status: 409, body: { error: { code: 'ACTION_NOT_AVAILABLE' } } });
  });
});

describe('restore', () => {
  it('restores a completed backup into its MariaDB as a Restore the operator runs; refuses an unfinished one', async () => {
    const path = '/resources/backups/mariadb-repl-before-upgrade/actions/restore?namespace=shop';
    const d = await detail(operator, 'backups', 'shop', 'mariadb-repl-before-upgrade');
    expect(d.body.actions.find((a: Json) => a.id === 'restore')).toMatchObject({ allowed: true, available: true });
    expect(d.body.actions.find((a: Json) => a.id === 'restore').confirm).toMatch(/overwritten/);
    expect((await kit.call(viewer, 'POST', path, {})).status).toBe(403);
    const bad = await kit.call(operator, 'POST', path, { params: { targetRecoveryTime: 'yesterday' } });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
    const r = await kit.call(operator, 'POST', path, {});
    expect(r.status).toBe(200);
    const name = r.body.result.metadata.name as string;
    expect(r.body.result.spec).toEqual({
      mariaDbRef: { name: 'mariadb-repl' },
      backupRef: { name: 'mariadb-repl-before-upgrade' },
    });
    await waitFor(
      async () => (await detail(viewer, 'restores', 'shop', name)).body.health?.status === 'Healthy',
      30_000,
      250,
    );

    // A backup still running (its Job takes seconds) has nothing to restore yet.
    const fresh = await act(operator, 'mariadb-repl', 'backup-now');
    const unfinished = await kit.call(
      operator,
      'POST',
      `/resources/backups/${fresh.body.result.metadata.name}/actions/restore?namespace=shop`,
      {},
    );
    expect(unfinished).toMatchObject({ status: 409, body: { error: { code: 'ACTION_NOT_AVAILABLE' } } });
  });
});

describe('clusters without the mariadb-operator', () => {
  it('offers the plugin only where its CRDs exist', async () => {
    const bare = await kit.addCluster('no-mariadb', { scenario: 'empty' });
    await waitFor(async () => {
      const r = await kit.call(kit.admin, 'GET', '/api/plugins');
      const p = r.body.plugins.find((x: Json) => x.id === 'mariadb');
      const on = (id: string) => p.clusters.find((c: Json) => c.id === id)?.available;
      return on(kit.clusterId) === true && on(bare.id) === false;
    });
    const refused = await kit.call(kit.admin, 'GET', '/resources/mariadbs', undefined, { cluster: bare.id });
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'PLUGIN_NOT_AVAILABLE' } } });
  });
});
