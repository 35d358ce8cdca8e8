// @vitest-environment node
// The MariaDB plugin in the browser (issue 18): kube-sim's demo cluster next to a cluster without the
// mariadb-operator's CRDs. The sidebar offers MariaDB only where the operator is installed; the overview widget
// and the instances page show the demo's health (the Galera cluster's switch-primary in progress, the failing
// `reporting` user's reason); an operator switches the primary of mariadb-repl from the UI, behind its
// confirmation — kube-sim then holds the new podIndex and its simulated operator promotes the pod — and the
// audit log records it under the operator's email; a viewer is offered no action and the API refuses one.
import { type KubeSim, type ResourceRef, startKubeSim } from '@argus/kube-sim';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Admin, addCluster, setupAdmin, signIn } from './support/argus-api.js';
import { type ArgusProcess, startArgus } from './support/argus-process.js';
import { chromiumAvailable, launch, screenshot } from './support/browser.js';
import { buildWeb } from './support/web-build.js';

const ADMIN = { email: 'admin@example.com', password: 'correct-horse-battery' };
const OPERATOR = { email: 'mona@example.com', password: 'operator-password-1', name: 'Mona Operator' };
const VIEWER = { email: 'val@example.com', password: 'viewer-password-1', name: 'Val Viewer' };

const MARIADBS: ResourceRef = { group: 'k8s.mariadb.com', version: 'v1alpha1', resource: 'mariadbs', kind: 'MariaDB' };

interface AuditEntry {
  user_email: string | null;
  method: string;
  path: string;
  outcome: string;
}

// biome-ignore lint/suspicious/noExplicitAny: test assertions walk plain JSON
type J = Record<string, any>;

describe.skipIf(!chromiumAvailable)('MariaDB in the web UI', () => {
  let demo: KubeSim;
  let empty: KubeSim;
  let argus: ArgusProcess;
  let browser: Browser;
  let admin: Admin;
  let demoId: string;
  let emptyId: string;
  const contexts: BrowserContext[] = [];
  let page: Page;
  let viewerPage: Page;

  async function pageAs(user: { email: string; password: string }): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    contexts.push(context);
    const p = await context.newPage();
    p.on('pageerror', (err) => console.error('page error:', err.message));
    try {
      await signIn(p, argus.url, user.email, user.password);
    } catch (err) {
      await screenshot(p, `mariadb-signin-failed-${user.email}`);
      throw err;
    }
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
    viewerPage = await pageAs(VIEWER);
  }, 300_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await argus?.stop();
    await Promise.all([demo?.close(), empty?.close()]);
  });

  const plugin = (path: string) => `${argus.url}/clusters/${demoId}/plugins/mariadb${path}`;
  const nav = (p: Page) => p.getByRole('navigation', { name: 'Main' });
  const mariadb = (name: string, ns: string) => demo.store.get(MARIADBS, ns, name) as J | undefined;

  it('offers MariaDB in the demo cluster’s sidebar only, and its widget shows the Galera switchover', async () => {
    await page.goto(`${argus.url}/clusters/${demoId}`);
    await nav(page).getByRole('link', { name: 'MariaDB' }).waitFor({ timeout: 30_000 });
    const attention = page.getByRole('list', { name: 'MariaDB instances that need attention' });
    await attention.getByText(/cms\/mariadb-galera/).waitFor({ timeout: 30_000 });
    expect(await attention.textContent()).toContain("Switching primary to 'mariadb-galera-1'");
    await screenshot(page, 'mariadb-1-overview-widget');

    await page.goto(`${argus.url}/clusters/${emptyId}`);
    await nav(page).getByRole('link', { name: 'Helm releases' }).waitFor({ timeout: 30_000 });
    expect(await nav(page).getByRole('link', { name: 'MariaDB' }).count()).toBe(0);
  }, 90_000);

  it('shows the instances’ health and the failing reporting user’s reason', async () => {
    await page.goto(`${argus.url}/clusters/${demoId}`);
    await nav(page).getByRole('link', { name: 'MariaDB' }).click();
    await page.waitForURL(`**/clusters/${demoId}/plugins/mariadb/mariadbs`);
    const table = page.getByRole('table', { name: 'MariaDB instances' });
    const row = (name: string) => table.getByRole('row').filter({ hasText: name });
    await row('mariadb-galera').locator('[data-health]').waitFor({ timeout: 30_000 });
    expect(await row('mariadb-galera').locator('[data-health]').getAttribute('data-health')).toBe('Progressing');
    expect(await row('mariadb-galera').textContent()).toContain("Switching primary to 'mariadb-galera-1'");
    expect(await row('mariadb-repl').locator('[data-health]').getAttribute('data-health')).toBe('Healthy');
    await screenshot(page, 'mariadb-2-instances');

    await page.getByRole('navigation', { name: 'MariaDB' }).getByRole('button', { name: 'Databases & users' }).click();
    await page.waitForURL('**/plugins/mariadb/sql');
    const reporting = page
      .getByRole('table', { name: 'Users' })
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: 'reporting', exact: true }) });
    await reporting.locator('[data-health]').waitFor({ timeout: 30_000 });
    expect(await reporting.locator('[data-health]').getAttribute('data-health')).toBe('Failed');
    expect(await reporting.textContent()).toContain('Secret "mariadb-reporting" not found');
    await screenshot(page, 'mariadb-3-users');
  }, 90_000);

  it('switches the primary of mariadb-repl from the UI: kube-sim changes, the audit log names the operator', async () => {
    await page.goto(plugin('/mariadbs/shop/mariadb-repl'));
    const actions = page.getByRole('group', { name: 'Actions' });
    await actions.getByRole('button', { name: 'Switch primary' }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'mariadb-4-detail');

    await actions.getByRole('button', { name: 'Switch primary' }).click();
    const dialog = page.getByRole('dialog');
    const select = dialog.getByLabel('New primary');
    const options = await select.locator('option').evaluateAll((os) => os.map((o) => (o as { value: string }).value));
    expect(options).toEqual(['mariadb-repl-1', 'mariadb-repl-2']);
    await select.selectOption('mariadb-repl-2');
    await expect.poll(() => dialog.textContent()).toContain('Make mariadb-repl-2 the primary of mariadb-repl?');
    await screenshot(page, 'mariadb-5-switch-dialog');
    // Nothing changes before the confirmation.
    expect(mariadb('mariadb-repl', 'shop')?.spec.replication.primary.podIndex).toBe(0);
    await dialog.getByRole('button', { name: 'Switch primary' }).click();
    await dialog.waitFor({ state: 'detached' });

    expect(mariadb('mariadb-repl', 'shop')?.spec.replication.primary.podIndex).toBe(2);
    await expect
      .poll(() => mariadb('mariadb-repl', 'shop')?.status.currentPrimary, { timeout: 30_000 })
      .toBe('mariadb-repl-2');
    // The page follows: the current primary is the promoted pod, and the instance is healthy again.
    await page
      .getByRole('definition')
      .filter({ hasText: /^mariadb-repl-2$/ })
      .first()
      .waitFor({ timeout: 30_000 });
    await page.locator('[data-health="Healthy"]').first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'mariadb-6-switched');

    const suffix = `/plugins/mariadb/clusters/${demoId}/resources/mariadbs/mariadb-repl/actions/switchover`;
    const patch = '/k8s/apis/k8s.mariadb.com/v1alpha1/namespaces/shop/mariadbs/mariadb-repl';
    let mine: AuditEntry[] = [];
    await expect
      .poll(
        async () => {
          mine = (
            await admin.call<{ items: AuditEntry[] }>('GET', '/api/audit-log?limit=200', undefined, admin.token)
          ).items.filter((e) => e.user_email === OPERATOR.email);
          const path = (e: AuditEntry) => e.path.split('?')[0] ?? '';
          return [
            mine.some((e) => e.method === 'POST' && path(e).endsWith(suffix) && e.outcome === 'success'),
            mine.some((e) => e.method === 'PATCH' && path(e).endsWith(patch) && e.outcome === 'success'),
          ];
        },
        { timeout: 10_000 },
      )
      .toEqual([true, true]);
  }, 180_000);

  it('offers the viewer no action, and the API refuses one', async () => {
    const viewer = viewerPage;
    await viewer.goto(plugin('/mariadbs/shop/mariadb-repl'));
    await viewer
      .getByText('Current primary')
      .waitFor({ timeout: 30_000 })
      .catch(async (err) => {
        await screenshot(viewer, 'mariadb-viewer-failed');
        throw err;
      });
    expect(await viewer.getByRole('group', { name: 'Actions' }).count()).toBe(0);
    // Its objects, live: the primary Service, and the users that name it (the failing one too).
    const related = viewer.getByRole('region', { name: 'Related objects' });
    await related.getByText('mariadb-repl-primary').waitFor({ timeout: 30_000 });
    await related.getByText('reporting', { exact: true }).waitFor({ timeout: 30_000 });
    for (const label of ['Switch primary', 'Back up now', 'Restart', 'Suspend reconciliation'])
      expect(await viewer.getByRole('button', { name: label }).count(), label).toBe(0);
    await screenshot(viewer, 'mariadb-7-viewer');

    const login = await admin.call<{ access_token: string }>('POST', '/api/auth/login', {
      email: VIEWER.email,
      password: VIEWER.password,
    });
    const res = await fetch(
      `${argus.url}/api/plugins/mariadb/clusters/${demoId}/resources/mariadbs/mariadb-repl/actions/switchover?namespace=shop`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${login.access_token}` },
        body: JSON.stringify({ params: { target: 'mariadb-repl-0' } }),
      },
    );
    expect(res.status).toBe(403);
    expect(mariadb('mariadb-repl', 'shop')?.spec.replication.primary.podIndex).toBe(2);
  }, 90_000);
});
