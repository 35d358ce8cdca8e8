/**
 * Reading CloudNativePG's objects end to end through the real server (plugin test kit) over kube-sim's demo
 * scenario: the health the reference's rules give them, the summaries the tables show, what a viewer and a
 * namespace-scoped user see, and the plugin offered only on clusters that have the operator's CRDs.
 */
import { type PluginTestKit, startPluginTestKit, type TestUser } from '@argus/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from './index.js';

// biome-ignore lint/suspicious/noExplicitAny: test assertions walk arbitrary JSON
type Json = any;

let kit: PluginTestKit;
let viewer: TestUser;

beforeAll(async () => {
  kit = await startPluginTestKit({ plugins: [plugin], sim: { scenario: 'demo' } });
  viewer = await kit.user('pg-viewer', [{ role: 'viewer' }]);
});

afterAll(() => kit?.close());

const byName = (items: Json[]) => Object.fromEntries(items.map((i) => [i.metadata.name, i]));

describe('clusters', () => {
  it('shows pg-main Healthy and pg-reporting Progressing, with their instances, primary and timeline', async () => {
    const r = await kit.call(viewer, 'GET', '/resources/clusters');
    expect(r.status).toBe(200);
    const c = byName(r.body.items);
    expect(c['pg-main'].health).toEqual({
      status: 'Healthy',
      reason: 'Cluster in healthy state (3/3 instances ready)',
    });
    expect(c['pg-main'].summary).toMatchObject({
      instances: '3/3',
      primary: 'pg-main-1',
      target_primary: 'pg-main-1',
      switchover_pending: false,
      timeline: 1,
      archiving: 'ok',
      last_backup_succeeded: true,
      backup_method: 'plugin',
      fenced: [],
    });
    expect(c['pg-reporting'].health).toEqual({
      status: 'Progressing',
      reason: 'Creating a new replica: Creating replica pg-reporting-2',
    });
    expect(c['pg-reporting'].summary).toMatchObject({ instances: '1/2', archiving: 'unknown', backup_method: null });
  });

  it("lists a cluster's actions with the confirmation those that affect availability ask", async () => {
    const r = await kit.call(viewer, 'GET', '/resources/clusters/pg-main?namespace=payments');
    expect(r.status).toBe(200);
    const actions = Object.fromEntries(r.body.actions.map((a: Json) => [a.id, a]));
    expect(Object.keys(actions).sort()).toEqual(
      ['backup-now', 'fence', 'hibernate', 'reload', 'restart', 'scale', 'switchover', 'unfence', 'wake'].sort(),
    );
    // A viewer may run none of them.
    for (const a of r.body.actions) expect(a.allowed).toBe(false);
    for (const id of ['switchover', 'restart', 'hibernate', 'fence', 'scale']) expect(actions[id].confirm).toBeTruthy();
    for (const id of ['backup-now', 'reload', 'wake', 'unfence']) expect(actions[id].confirm).toBeNull();
    expect(actions.wake).toMatchObject({ available: false, reason: 'pg-main is not hibernated' });
    expect(actions.unfence).toMatchObject({ available: false, reason: 'No instance of pg-main is fenced' });
    expect(actions.switchover.params_schema).toMatchObject({ required: ['target'] });
  });

  it('says why pg-reporting cannot be backed up or switched over', async () => {
    const r = await kit.call(viewer, 'GET', '/resources/clusters/pg-reporting?namespace=analytics');
    const actions = Object.fromEntries(r.body.actions.map((a: Json) => [a.id, a]));
    expect(actions['backup-now'].reason).toMatch(/has no backup configuration/);
    expect(actions.switchover.reason).toBe('pg-reporting has no healthy replica to promote');
  });
});

describe('backups and schedules', () => {
  it('shows the failed ad-hoc backup Failed with its error, the scheduled ones Healthy', async () => {
    const r = await kit.call(viewer, 'GET', '/resources/backups');
    const b = byName(r.body.items);
    expect(b['pg-reporting-adhoc'].health).toEqual({
      status: 'Failed',
      reason: 'failed: no barmanObjectStore section defined on the target cluster',
    });
    expect(b['pg-reporting-adhoc'].summary).toMatchObject({ cluster: 'pg-reporting', method: 'barmanObjectStore' });
    const scheduled = r.body.items.filter((i: Json) => i.summary.scheduled_backup === 'pg-main-daily');
    expect(scheduled.length).toBe(2);
    for (const i of scheduled) {
      expect(i.health.status).toBe('Healthy');
      expect(i.summary).toMatchObject({ method: 'plugin', pod: 'pg-main-2', duration_seconds: 219 });
    }
  });

  it('shows the daily schedule in words, its next run, and the health of its newest backup', async () => {
    const r = await kit.call(viewer, 'GET', '/resources/scheduledbackups/pg-main-daily?namespace=payments');
    expect(r.status).toBe(200);
    expect(r.body.health.status).toBe('Healthy');
    expect(r.body.health.reason).toMatch(/^Last backup pg-main-\d{8}: Completed/);
    expect(r.body.summary).toMatchObject({
      schedule: '0 0 2 * * *',
      schedule_words: 'Every day at 02:00 UTC',
      schedule_warning: null,
      suspended: false,
    });
    const next = new Date(r.body.summary.next_run);
    expect(next.toISOString()).toMatch(/T02:00:00\.000Z$/);
    expect(next.getTime() - Date.now()).toBeGreaterThan(0);
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(86_400_000);
  });
});

describe('poolers and databases', () => {
  it('shows the pooler and the database with their health', async () => {
    const poolers = await kit.call(viewer, 'GET', '/resources/poolers');
    expect(byName(poolers.body.items)['pg-main-pooler-rw']).toMatchObject({
      health: { status: 'Healthy' },
      summary: { cluster: 'pg-main', type: 'rw', instances: '2/2', paused: false, phase: 'active' },
    });
    const dbs = await kit.call(viewer, 'GET', '/resources/databases');
    expect(byName(dbs.body.items)['pg-main-payments']).toMatchObject({
      health: { status: 'Healthy', reason: 'Applied' },
      summary: { cluster: 'pg-main', database: 'payments', owner: 'app' },
    });
  });
});

describe('who sees what', () => {
  it("shows a namespace-scoped user only its namespace's objects", async () => {
    const scoped = await kit.user('pg-analytics', [{ role: 'operator', namespace: 'analytics' }]);
    for (const [plural, names] of [
      ['clusters', ['pg-reporting']],
      ['backups', ['pg-reporting-adhoc']],
      ['scheduledbackups', []],
      ['poolers', []],
      ['databases', []],
    ] as const) {
      const r = await kit.call(scoped, 'GET', `/resources/${plural}`);
      expect(r.status).toBe(200);
      expect(r.body.items.map((i: Json) => i.metadata.name)).toEqual(names);
    }
    const other = await kit.call(scoped, 'GET', '/resources/clusters/pg-main?namespace=payments');
    expect([403, 404]).toContain(other.status);
    const act = await kit.call(scoped, 'POST', '/resources/clusters/pg-main/actions/backup-now?namespace=payments', {});
    expect([403, 404]).toContain(act.status);
  });

  it('refuses a user with no grant', async () => {
    const nobody = await kit.user('pg-nobody');
    expect((await kit.call(nobody, 'GET', '/resources/clusters')).status).toBe(403);
  });

  it('is available on clusters with the CRDs and not on one without them', async () => {
    const bare = await kit.addCluster('bare', { scenario: 'empty' });
    const r = await kit.call(kit.admin, 'GET', '/api/plugins');
    const cnpg = r.body.plugins.find((p: Json) => p.id === 'cnpg');
    const on = (id: string) => cnpg.clusters.find((c: Json) => c.id === id);
    expect(on(kit.clusterId)).toMatchObject({ enabled: true, available: true });
    expect(on(bare.id)).toMatchObject({ available: false });
    const refused = await kit.call(viewer, 'GET', '/resources/clusters', undefined, { cluster: bare.id });
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'PLUGIN_NOT_AVAILABLE' } } });
  });
});
