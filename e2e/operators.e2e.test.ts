// @vitest-environment node
// The operator plugins in the browser (issue 17): CloudNativePG and KEDA on kube-sim's demo cluster, next to a
// cluster without their CRDs. The sidebar offers them only where the operators are installed; an operator
// sees the health of the demo objects, switches pg-main over, backs it up and pauses the `api` ScaledObject
// from the UI (kube-sim then holds the changes, the audit log the actions under the operator's email); a
// viewer is offered no action and the API refuses one. Screenshots: 70-79.
import { type KubeSim, type ResourceRef, startKubeSim } from '@argus/kube-sim';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Admin, addCluster, setupAdmin, signIn } from './support/argus-api.js';
import { type ArgusProcess, startArgus } from './support/argus-process.js';
import { chromiumAvailable, launch, screenshot } from './support/browser.js';
import { buildWeb } from './support/web-build.js';

const ADMIN = { email: 'admin@example.com', password: 'correct-horse-battery' };
const OPERATOR = { email: 'olga@example.com', password: 'operator-password-1', name: 'Olga Operator' };
const VIEWER = { email: 'vic@example.com', password: 'viewer-password-1', name: 'Vic Viewer' };

const CNPG_CLUSTERS: ResourceRef = {
  group: 'postgresql.cnpg.io',
  version: 'v1',
  resource: 'clusters',
  kind: 'Cluster',
};
const CNPG_BACKUPS: ResourceRef = { group: 'postgresql.cnpg.io', version: 'v1', resource: 'backups', kind: 'Backup' };
const SCALED_OBJECTS: ResourceRef = {
  group: 'keda.sh',
  version: 'v1alpha1',
  resource: 'scaledobjects',
  kind: 'ScaledObject',
};

interface AuditEntry {
  user_email: string | null;
  method: string;
  path: string;
  action: string;
  outcome: string;
  status_code: number | null;
}

describe.skipIf(!chromiumAvailable)('CloudNativePG and KEDA in the web UI', () => {
  let demo: KubeSim;
  let empty: KubeSim;
  let argus: ArgusProcess;
  let browser: Browser;
  let admin: Admin;
  let demoId: string;
  let emptyId: string;
  const contexts: BrowserContext[] = [];
  let page: Page;

  async function pageAs(user: { email: string; password: string }): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    contexts.push(context);
    const p = await context.newPage();
    p.on('pageerror', (err) => console.error('page error:', err.message));
    await signIn(p, argus.url, user.email, user.password);
    return p;
  }

  beforeAll(async () => {
    await buildWeb();
    [demo, empty] = await Promise.all([startKubeSim({ scenario: 'demo' }), startKubeSim({ scenario: 'empty' })]);
    argus = await startArgus();
    admin = await setupAdmin(argus.url, ADMIN.email, ADMIN.password);
    demoId = await addCluster(admin, 'demo', demo.kubeconfig({ name: 'demo' }));
    emptyId = await addCluster(admin, 'bare', empty.kubeconfig({ name: 'bare' }));
    for (const [u, role] of [
      [OPERATOR, 'operator'],
      [VIEWER, 'viewer'],
    ] as const)
      await admin.call('POST', '/api/users', { ...u, role }, admin.token);
    browser = await launch();
    page = await pageAs(OPERATOR);
  }, 300_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await argus?.stop();
    await Promise.all([demo?.close(), empty?.close()]);
  });

  const plugin = (clusterId: string, path: string) => `${argus.url}/clusters/${clusterId}/plugins${path}`;
  const nav = (p: Page) => p.getByRole('navigation', { name: 'Main' });

  it('offers PostgreSQL and KEDA in the demo cluster’s sidebar only', async () => {
    await page.goto(`${argus.url}/clusters/${demoId}`);
    await nav(page).getByRole('link', { name: 'PostgreSQL' }).waitFor({ timeout: 30_000 });
    await nav(page).getByRole('link', { name: 'KEDA' }).waitFor();
    await screenshot(page, '70-operators-sidebar-demo');

    await page.goto(`${argus.url}/clusters/${emptyId}`);
    // The plugins' section is drawn (Helm needs no CRD), so the plugin list has loaded.
    await nav(page).getByRole('link', { name: 'Helm releases' }).waitFor({ timeout: 30_000 });
    expect(await nav(page).getByRole('link', { name: 'PostgreSQL' }).count()).toBe(0);
    expect(await nav(page).getByRole('link', { name: 'KEDA' }).count()).toBe(0);
    await screenshot(page, '71-operators-sidebar-empty');
  }, 90_000);

  it('shows the demo objects’ health to the operator', async () => {
    await page.goto(`${argus.url}/clusters/${demoId}`);
    await nav(page).getByRole('link', { name: 'PostgreSQL' }).click();
    await page.waitForURL(`**/clusters/${demoId}/plugins/cnpg/clusters`);
    const clusters = page.getByRole('table', { name: 'PostgreSQL clusters' });
    const row = (name: string) => clusters.getByRole('row').filter({ hasText: name });
    await row('pg-main').locator('[data-health]').waitFor({ timeout: 30_000 });
    expect(await row('pg-main').locator('[data-health]').getAttribute('data-health')).toBe('Healthy');
    expect(await row('pg-reporting').locator('[data-health]').getAttribute('data-health')).toBe('Progressing');
    await screenshot(page, '72-cnpg-clusters');

    await page.getByRole('navigation', { name: 'PostgreSQL' }).getByRole('button', { name: 'Backups' }).click();
    await page.waitForURL(`**/plugins/cnpg/backups`);
    const failed = page
      .getByRole('table', { name: 'Backups' })
      .getByRole('row')
      .filter({ hasText: 'pg-reporting-adhoc' });
    await failed.locator('[data-health]').waitFor({ timeout: 30_000 });
    expect(await failed.locator('[data-health]').getAttribute('data-health')).toBe('Failed');
    expect(await failed.textContent()).toContain('no barmanObjectStore section');
    await screenshot(page, '73-cnpg-backups');

    await page.goto(plugin(demoId, '/keda/scaledobjects'));
    const api = page
      .getByRole('table', { name: 'Scaled objects' })
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: 'api', exact: true }) });
    await api.locator('[data-health]').waitFor({ timeout: 30_000 });
    expect(await api.locator('[data-health]').getAttribute('data-health')).toBe('Degraded');
    // The reason is in the badge's tooltip (and in its screen-reader text).
    const badge = api.getByRole('button').filter({ has: page.locator('[data-health]') });
    expect((await badge.textContent())?.toLowerCase()).toContain('fallback');
    await badge.hover();
    const tooltip = page.getByRole('tooltip');
    await tooltip.waitFor();
    expect((await tooltip.textContent())?.toLowerCase()).toContain('fallback');
    await screenshot(page, '74-keda-scaledobjects');
  }, 90_000);

  it('switches pg-main over, backs it up and pauses `api` from the UI, as kube-sim and the audit log record', async () => {
    const backupsBefore = new Set(
      demo.store
        .list(CNPG_BACKUPS, { namespace: 'payments' })
        .items.filter((b) => (b.spec as { cluster?: { name?: string } }).cluster?.name === 'pg-main')
        .map((b) => b.metadata.name),
    );

    await page.goto(plugin(demoId, '/cnpg/clusters/payments/pg-main'));
    const actions = page.getByRole('group', { name: 'Actions' });
    await actions.getByRole('button', { name: 'Switch over' }).waitFor({ timeout: 30_000 });
    await screenshot(page, '75-cnpg-cluster-detail');

    // Switch over to a replica picked in the dialog.
    await actions.getByRole('button', { name: 'Switch over' }).click();
    const dialog = page.getByRole('dialog');
    const select = dialog.getByLabel('Replica to promote');
    const options = await select.locator('option').evaluateAll((os) => os.map((o) => (o as { value: string }).value));
    expect(options).not.toContain('pg-main-1');
    expect(options.length).toBeGreaterThan(0);
    const target = options[options.length - 1] as string;
    await select.selectOption(target);
    await expect.poll(() => dialog.textContent()).toContain(`Promote ${target} to primary of pg-main`);
    await screenshot(page, '76-cnpg-switchover-dialog');
    await dialog.getByRole('button', { name: 'Switch over' }).click();
    await dialog.waitFor({ state: 'detached' });
    const pgMain = () =>
      demo.store.get(CNPG_CLUSTERS, 'payments', 'pg-main')?.status as
        | { targetPrimary?: string; currentPrimary?: string }
        | undefined;
    expect(pgMain()?.targetPrimary).toBe(target);
    await expect.poll(() => pgMain()?.currentPrimary, { timeout: 30_000 }).toBe(target);
    // The page follows: the current primary is the promoted replica.
    await page
      .getByRole('definition')
      .filter({ hasText: new RegExp(`^${target}$`) })
      .first()
      .waitFor({ timeout: 30_000 });

    // Back up now (no confirmation: it changes nothing that serves).
    await actions.getByRole('button', { name: 'Back up now' }).click();
    await expect
      .poll(
        () =>
          demo.store
            .list(CNPG_BACKUPS, { namespace: 'payments' })
            .items.filter(
              (b) =>
                (b.spec as { cluster?: { name?: string } }).cluster?.name === 'pg-main' &&
                !backupsBefore.has(b.metadata.name),
            ).length,
        { timeout: 15_000 },
      )
      .toBe(1);
    await screenshot(page, '77-cnpg-after-actions');

    // Pause autoscaling of shop/api, behind its confirmation.
    await page.goto(plugin(demoId, '/keda/scaledobjects/shop/api'));
    await page.getByRole('button', { name: 'Pause autoscaling' }).click({ timeout: 30_000 });
    const pause = page.getByRole('dialog');
    await pause.getByText('Pause autoscaling of shop/api?').waitFor();
    await pause.getByRole('button', { name: 'Pause autoscaling' }).click();
    await pause.waitFor({ state: 'detached' });
    const annotations = () => demo.store.get(SCALED_OBJECTS, 'shop', 'api')?.metadata.annotations ?? {};
    expect(annotations()['autoscaling.keda.sh/paused']).toBe('true');
    await page.getByRole('button', { name: 'Resume autoscaling' }).waitFor({ timeout: 30_000 });
    await screenshot(page, '78-keda-paused');

    // The audit log has the three actions, under the operator's email.
    const operatorPosts = async () =>
      (
        await admin.call<{ items: AuditEntry[] }>('GET', '/api/audit-log?limit=200', undefined, admin.token)
      ).items.filter((e) => e.user_email === OPERATOR.email && e.method === 'POST');
    const suffixes = [
      `/plugins/cnpg/clusters/${demoId}/resources/clusters/pg-main/actions/switchover`,
      `/plugins/cnpg/clusters/${demoId}/resources/clusters/pg-main/actions/backup-now`,
      `/plugins/keda/clusters/${demoId}/resources/scaledobjects/api/actions/pause`,
    ];
    const find = (entries: AuditEntry[], suffix: string) => entries.find((e) => e.path.split('?')[0]?.endsWith(suffix));
    // Polled: an audit entry may be written just after its response went out.
    let mine: AuditEntry[] = [];
    await expect
      .poll(
        async () => {
          mine = await operatorPosts();
          return suffixes.filter((s) => !find(mine, s));
        },
        { timeout: 10_000 },
      )
      .toEqual([]);
    for (const suffix of suffixes) {
      const entry = find(mine, suffix);
      expect(entry, `${suffix} in ${JSON.stringify(mine, null, 1)}`).toBeDefined();
      expect(entry?.outcome).toBe('success');
    }
  }, 180_000);

  it('offers the viewer no action, and the API refuses one', async () => {
    const viewer = await pageAs(VIEWER);
    await viewer.goto(plugin(demoId, '/cnpg/clusters/payments/pg-main'));
    await viewer.getByText('Current primary').waitFor({ timeout: 30_000 });
    await viewer.getByRole('region', { name: 'Instances' }).waitFor();
    expect(await viewer.getByRole('group', { name: 'Actions' }).count()).toBe(0);
    for (const label of ['Switch over', 'Back up now', 'Rolling restart', 'Hibernate'])
      expect(await viewer.getByRole('button', { name: label }).count(), label).toBe(0);
    await screenshot(viewer, '79-cnpg-cluster-viewer');

    const login = await admin.call<{ access_token: string }>('POST', '/api/auth/login', {
      email: VIEWER.email,
      password: VIEWER.password,
    });
    const res = await fetch(
      `${argus.url}/api/plugins/cnpg/clusters/${demoId}/resources/clusters/pg-main/actions/backup-now?namespace=payments`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${login.access_token}` },
        body: '{}',
      },
    );
    expect(res.status).toBe(403);
  }, 90_000);
});
