/**
 * CloudNativePG's actions end to end: run by an operator through the real server, they take effect in
 * kube-sim (read back with the real kubectl, and kube-sim's simulated operator acts on them), the audit log
 * records them under that operator, a viewer is refused, and the object's state refuses what it forbids.
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
    kit.user('pg-operator', [{ role: 'operator' }]),
    kit.user('pg-viewer', [{ role: 'viewer' }]),
  ]);
});

afterAll(() => kit?.close());

const act = (user: TestUser, target: string, action: string, params?: Record<string, unknown>) => {
  const [plural, ns, name] = target.split('/');
  return kit.call(
    user,
    'POST',
    `/resources/${plural}/${name}/actions/${action}?namespace=${ns}`,
    params ? { params } : {},
  );
};
const kubectl = async (...args: string[]) => {
  const r = await kit.sim.kubectl.run(args);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
};
const clusterJson = async (ns: string, name: string): Promise<Json> =>
  JSON.parse(await kubectl('get', 'clusters.postgresql.cnpg.io', name, '-n', ns, '-o', 'json'));
const pods = async (ns: string, cluster: string): Promise<Record<string, string>> => {
  const selector = `cnpg.io/cluster=${cluster},cnpg.io/podRole=instance`;
  const out = await kubectl('get', 'pods', '-n', ns, '-l', selector, '-o', 'json');
  return Object.fromEntries(
    JSON.parse(out).items.map((p: Json) => [p.metadata.name, p.metadata.labels['cnpg.io/instanceRole']]),
  );
};
const audited = async (user: TestUser, method: string, path: RegExp) =>
  (await kit.audit({ user })).some(
    (row) => row.method === method && path.test(String(row.path)) && row.outcome === 'success',
  );

describe('a viewer', () => {
  it('is refused every action, and nothing changes', async () => {
    for (const [target, action, params] of [
      ['clusters/payments/pg-main', 'backup-now'],
      ['clusters/payments/pg-main', 'switchover', { target: 'pg-main-2' }],
      ['clusters/payments/pg-main', 'hibernate'],
      ['scheduledbackups/payments/pg-main-daily', 'suspend'],
      ['poolers/payments/pg-main-pooler-rw', 'pause'],
    ] as const) {
      const r = await act(viewer, target, action, params);
      expect(r.status, `${action} ${target}`).toBe(403);
    }
    expect((await clusterJson('payments', 'pg-main')).status.targetPrimary).toBe('pg-main-1');
  });
});

describe('backup now', () => {
  it('creates a Backup as the operator, which runs to completed', async () => {
    const r = await act(operator, 'clusters/payments/pg-main', 'backup-now');
    expect(r.status).toBe(200);
    const name = r.body.result.metadata.name as string;
    expect(name).toMatch(/^pg-main-\d{14}$/);
    expect(r.body.result.spec).toEqual({
      cluster: { name: 'pg-main' },
      method: 'plugin',
      pluginConfiguration: { name: 'barman-cloud.cloudnative-pg.io' },
    });
    expect(
      await kubectl('get', 'backups.postgresql.cnpg.io', name, '-n', 'payments', '-o', 'jsonpath={.spec.cluster.name}'),
    ).toBe('pg-main');
    expect(
      await audited(operator, 'POST', /\/k8s\/apis\/postgresql\.cnpg\.io\/v1\/namespaces\/payments\/backups$/),
    ).toBe(true);
    await waitFor(async () => {
      const b = await kit.call(viewer, 'GET', `/resources/backups/${name}?namespace=payments`);
      return b.body.health?.status === 'Healthy';
    }, 30_000);
  });

  it('is refused on a cluster without a backup configuration', async () => {
    const r = await act(operator, 'clusters/analytics/pg-reporting', 'backup-now');
    expect(r).toMatchObject({ status: 409, body: { error: { code: 'ACTION_NOT_AVAILABLE' } } });
    expect(r.body.error.message).toMatch(/has no backup configuration/);
  });
});

describe('switchover', () => {
  it('refuses a failed replica, the primary itself, and a missing target', async () => {
    const failed = await act(operator, 'clusters/analytics/pg-reporting', 'switchover', { target: 'pg-reporting-2' });
    expect(failed).toMatchObject({ status: 409, body: { error: { code: 'ACTION_NOT_AVAILABLE' } } });
    const self = await act(operator, 'clusters/payments/pg-main', 'switchover', { target: 'pg-main-1' });
    expect(self.body.error.message).toBe('pg-main-1 is the primary already');
    const none = await act(operator, 'clusters/payments/pg-main', 'switchover', {});
    expect(none).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
  });

  it('sets the target primary on the status subresource; the primary and the pod roles move', async () => {
    const r = await act(operator, 'clusters/payments/pg-main', 'switchover', { target: 'pg-main-2' });
    expect(r.status).toBe(200);
    expect(r.body.result.status).toMatchObject({ targetPrimary: 'pg-main-2', phase: 'Switchover in progress' });
    expect(r.body.result.status.targetPrimaryTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(
      await audited(
        operator,
        'PATCH',
        /\/k8s\/apis\/postgresql\.cnpg\.io\/v1\/namespaces\/payments\/clusters\/pg-main\/status$/,
      ),
    ).toBe(true);
    await waitFor(async () => (await clusterJson('payments', 'pg-main')).status.currentPrimary === 'pg-main-2', 30_000);
    await waitFor(async () => (await pods('payments', 'pg-main'))['pg-main-2'] === 'primary', 30_000);
    expect((await pods('payments', 'pg-main'))['pg-main-1']).toBe('replica');
    await waitFor(async () => {
      const c = await kit.call(viewer, 'GET', '/resources/clusters/pg-main?namespace=payments');
      return c.body.health.status === 'Healthy' && c.body.summary.primary === 'pg-main-2';
    }, 30_000);
  });
});

describe('hibernation', () => {
  it('hibernates (pods removed, health Paused) and wakes the cluster (pods back)', async () => {
    // The operator hibernates a healthy cluster only.
    const healthy = async () =>
      (await kit.call(viewer, 'GET', '/resources/clusters/pg-main?namespace=payments')).body.health.status ===
      'Healthy';
    await waitFor(healthy, 30_000);
    expect((await act(operator, 'clusters/payments/pg-main', 'hibernate')).status).toBe(200);
    await waitFor(async () => {
      const c = await kit.call(viewer, 'GET', '/resources/clusters/pg-main?namespace=payments');
      return c.body.health.status === 'Paused';
    });
    await waitFor(async () => Object.keys(await pods('payments', 'pg-main')).length === 0, 30_000);
    const twice = await act(operator, 'clusters/payments/pg-main', 'hibernate');
    expect(twice.body.error.message).toBe('pg-main is hibernated already');
    const backup = await act(operator, 'clusters/payments/pg-main', 'backup-now');
    expect(backup.status).toBe(409);
    expect((await act(operator, 'clusters/payments/pg-main', 'wake')).status).toBe(200);
    await waitFor(async () => Object.keys(await pods('payments', 'pg-main')).length === 3, 30_000);
    await waitFor(healthy, 30_000);
  }, 120_000);
});

describe('fence, restart, reload, scale', () => {
  it('fences and unfences one instance by the cnpg.io/fencedInstances annotation', async () => {
    const fenced = await act(operator, 'clusters/payments/pg-main', 'fence', { instance: 'pg-main-3' });
    expect(fenced.status).toBe(200);
    const annotation = () =>
      kubectl(
        'get',
        'clusters.postgresql.cnpg.io',
        'pg-main',
        '-n',
        'payments',
        '-o',
        'jsonpath={.metadata.annotations.cnpg\\.io/fencedInstances}',
      );
    expect(await annotation()).toBe('["pg-main-3"]');
    const fencedNow = async () =>
      (await kit.call(viewer, 'GET', '/resources/clusters/pg-main?namespace=payments')).body.summary.fenced;
    await waitFor(async () => (await fencedNow()).length === 1);
    const again = await act(operator, 'clusters/payments/pg-main', 'fence', { instance: 'pg-main-3' });
    expect(again.body.error).toMatchObject({ code: 'ACTION_NOT_AVAILABLE', message: 'pg-main-3 is fenced already' });
    const unknown = await act(operator, 'clusters/payments/pg-main', 'fence', { instance: 'pg-other-1' });
    expect(unknown.status).toBe(409);
    expect((await act(operator, 'clusters/payments/pg-main', 'unfence', { instance: 'pg-main-3' })).status).toBe(200);
    expect(await annotation()).toBe('');
  });

  it('asks for a rolling restart and a reload by the operator annotations', async () => {
    expect((await act(operator, 'clusters/payments/pg-main', 'restart')).status).toBe(200);
    expect((await act(operator, 'clusters/payments/pg-main', 'reload')).status).toBe(200);
    const a = (await clusterJson('payments', 'pg-main')).metadata.annotations;
    expect(a['kubectl.kubernetes.io/restartedAt']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(a['cnpg.io/reloadedAt']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  });

  it('scales .spec.instances, and refuses the count it has', async () => {
    const same = await act(operator, 'clusters/analytics/pg-reporting', 'scale', { instances: 2 });
    expect(same.body.error.message).toBe('pg-reporting has 2 instances already');
    expect((await act(operator, 'clusters/analytics/pg-reporting', 'scale', { instances: 3 })).status).toBe(200);
    expect((await clusterJson('analytics', 'pg-reporting')).spec.instances).toBe(3);
    const bad = await act(operator, 'clusters/analytics/pg-reporting', 'scale', { instances: 0 });
    expect(bad.status).toBe(400);
  });
});

describe('schedules and poolers', () => {
  it('suspends and resumes a schedule by .spec.suspend', async () => {
    expect((await act(operator, 'scheduledbackups/payments/pg-main-daily', 'suspend')).status).toBe(200);
    const read = () => kit.call(viewer, 'GET', '/resources/scheduledbackups/pg-main-daily?namespace=payments');
    await waitFor(async () => (await read()).body.summary.suspended === true);
    expect((await read()).body).toMatchObject({ health: { status: 'Paused' }, summary: { next_run: null } });
    expect(
      await kubectl(
        'get',
        'scheduledbackups.postgresql.cnpg.io',
        'pg-main-daily',
        '-n',
        'payments',
        '-o',
        'jsonpath={.spec.suspend}',
      ),
    ).toBe('true');
    expect((await act(operator, 'scheduledbackups/payments/pg-main-daily', 'resume')).status).toBe(200);
    await waitFor(async () => (await read()).body.summary.suspended === false);
    expect((await act(operator, 'scheduledbackups/payments/pg-main-daily', 'resume')).status).toBe(409);
  });

  it('pauses and resumes a pooler by .spec.pgbouncer.paused', async () => {
    expect((await act(operator, 'poolers/payments/pg-main-pooler-rw', 'pause')).status).toBe(200);
    expect(
      await kubectl(
        'get',
        'poolers.postgresql.cnpg.io',
        'pg-main-pooler-rw',
        '-n',
        'payments',
        '-o',
        'jsonpath={.spec.pgbouncer.paused}',
      ),
    ).toBe('true');
    await waitFor(async () => {
      const p = await kit.call(viewer, 'GET', '/resources/poolers/pg-main-pooler-rw?namespace=payments');
      return p.body.health.status === 'Paused';
    });
    expect((await act(operator, 'poolers/payments/pg-main-pooler-rw', 'resume')).status).toBe(200);
    expect(await audited(operator, 'PATCH', /\/poolers\/pg-main-pooler-rw$/)).toBe(true);
  });
});
