// @vitest-environment node
// The Rook Ceph plugin in the browser (issue 18): on kube-sim's demo cluster, next to a cluster without Rook.
// The sidebar offers Rook Ceph only where its CRDs exist; an operator sees the CephCluster's HEALTH_WARN with
// its OSD_NEARFULL check, capacity and daemons, the pools and object stores with their health, which
// StorageClasses and claims use which pool; restarts the mgr and creates an object store user from the UI
// (kube-sim then holds the changes, the audit log the actions under the operator's email); a viewer is
// offered no action and the API refuses one. Screenshots: 95-99.
import { type KubeSim, type ResourceRef, startKubeSim } from '@argus/kube-sim';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Admin, addCluster, setupAdmin, signIn } from './support/argus-api.js';
import { type ArgusProcess, startArgus } from './support/argus-process.js';
import { chromiumAvailable, launch, screenshot } from './support/browser.js';
import { buildWeb } from './support/web-build.js';

const ADMIN = { email: 'admin@example.com', password: 'correct-horse-battery' };
const OPERATOR = { email: 'rita@example.com', password: 'operator-password-1', name: 'Rita Rook' };
const VIEWER = { email: 'val@example.com', password: 'viewer-password-1', name: 'Val Viewer' };

const DEPLOYMENTS: ResourceRef = { group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment' };
const USERS: ResourceRef = {
  group: 'ceph.rook.io',
  version: 'v1',
  resource: 'cephobjectstoreusers',
  kind: 'CephObjectStoreUser',
};

interface AuditEntry {
  user_email: string | null;
  method: string;
  path: string;
  outcome: string;
}

describe.skipIf(!chromiumAvailable)('Rook Ceph in the web UI', () => {
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

  const plugin = (clusterId: string, path: string) => `${argus.url}/clusters/${clusterId}/plugins/ceph${path}`;
  const nav = (p: Page) => p.getByRole('navigation', { name: 'Main' });
  const health = async (row: ReturnType<Page['locator']>) => {
    await row.locator('[data-health]').first().waitFor({ timeout: 30_000 });
    return row.locator('[data-health]').first().getAttribute('data-health');
  };

  it('offers Rook Ceph in the demo cluster’s sidebar only', async () => {
    await page.goto(`${argus.url}/clusters/${demoId}`);
    await nav(page).getByRole('link', { name: 'Rook Ceph' }).waitFor({ timeout: 30_000 });
    await page.goto(`${argus.url}/clusters/${emptyId}`);
    await nav(page).getByRole('link', { name: 'Helm releases' }).waitFor({ timeout: 30_000 });
    expect(await nav(page).getByRole('link', { name: 'Rook Ceph' }).count()).toBe(0);
  }, 90_000);

  it('shows the CephCluster’s HEALTH_WARN with OSD_NEARFULL, its capacity and daemons', async () => {
    await page.goto(`${argus.url}/clusters/${demoId}`);
    await nav(page).getByRole('link', { name: 'Rook Ceph' }).click();
    await page.waitForURL(`**/clusters/${demoId}/plugins/ceph/clusters`);
    const cluster = page.getByRole('region', { name: 'Ceph cluster rook-ceph/rook-ceph' });
    expect(await health(cluster)).toBe('Degraded');
    await cluster.getByText('HEALTH_WARN', { exact: true }).first().waitFor();
    const checks = cluster.getByRole('list', { name: 'Ceph health checks' });
    await checks.getByText('OSD_NEARFULL').waitFor();
    await checks.getByText('1 nearfull osd(s)').waitFor();
    await cluster.getByText('2.3 TiB used of 3.0 TiB (75.0%)').waitFor();
    await cluster.getByText('Monitors').waitFor();
    await screenshot(page, '95-ceph-cluster');
  }, 90_000);

  it('lists the pools and object stores with their health, and which claims use which pool', async () => {
    await page.getByRole('navigation', { name: 'Rook Ceph' }).getByRole('button', { name: 'Block pools' }).click();
    await page.waitForURL('**/plugins/ceph/pools');
    const pool = page.getByRole('table', { name: 'Block pools' }).getByRole('row').filter({ hasText: 'replicapool' });
    expect(await health(pool)).toBe('Healthy');

    await page.goto(plugin(demoId, '/objectstores'));
    const store = page.getByRole('table', { name: 'Object stores' }).getByRole('row').filter({ hasText: 'my-store' });
    expect(await health(store)).toBe('Progressing');
    const claims = page.getByRole('table', { name: 'Bucket claims' });
    expect(await health(claims.getByRole('row').filter({ hasText: 'analytics-exports' }))).toBe('Progressing');

    await page.goto(plugin(demoId, '/storage'));
    const classes = page.getByRole('table', { name: 'Rook StorageClasses' });
    await classes
      .getByRole('row')
      .filter({ hasText: 'rook-ceph-block' })
      .getByText('pool replicapool')
      .waitFor({ timeout: 30_000 });
    const uploads = page
      .getByRole('table', { name: 'Claims on Rook storage' })
      .getByRole('row')
      .filter({ hasText: 'cms-uploads' });
    await uploads.getByText('myfs / myfs-replicated').waitFor();
    await screenshot(page, '96-ceph-storage');
  }, 90_000);

  it('restarts the mgr and creates an object store user from the UI, as kube-sim and the audit log record', async () => {
    await page.goto(plugin(demoId, '/clusters'));
    const cluster = page.getByRole('region', { name: 'Ceph cluster rook-ceph/rook-ceph' });
    await cluster.getByRole('button', { name: 'Restart mgr' }).click({ timeout: 30_000 });
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/^Restart rook-ceph-mgr-a/).waitFor();
    await screenshot(page, '97-ceph-restart-dialog');
    await dialog.getByRole('button', { name: 'Restart mgr' }).click();
    await dialog.waitFor({ state: 'detached', timeout: 30_000 });
    await expect
      .poll(() => {
        const d = demo.store.get(DEPLOYMENTS, 'rook-ceph', 'rook-ceph-mgr-a') as {
          spec?: { template?: { metadata?: { annotations?: Record<string, string> } } };
        };
        return d?.spec?.template?.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt'] ?? null;
      })
      .not.toBeNull();

    await page.goto(plugin(demoId, '/objectstores/rook-ceph/my-store'));
    await page.getByRole('button', { name: 'Create user' }).click({ timeout: 30_000 });
    const create = page.getByRole('dialog');
    await create.getByLabel('name', { exact: true }).fill('media-sync');
    await create.getByRole('button', { name: 'Create user' }).click();
    await create.waitFor({ state: 'detached', timeout: 30_000 });
    const user = demo.store.get(USERS, 'rook-ceph', 'media-sync');
    expect(user?.spec).toMatchObject({ store: 'my-store', displayName: 'media-sync' });
    await screenshot(page, '98-ceph-objectstore');

    let mine: AuditEntry[] = [];
    const suffixes = [
      `/plugins/ceph/clusters/${demoId}/resources/cephclusters/rook-ceph/actions/restart`,
      `/plugins/ceph/clusters/${demoId}/resources/cephobjectstores/my-store/actions/create-user`,
    ];
    const find = (entries: AuditEntry[], s: string) => entries.find((e) => e.path.split('?')[0]?.endsWith(s));
    await expect
      .poll(
        async () => {
          mine = (
            await admin.call<{ items: AuditEntry[] }>('GET', '/api/audit-log?limit=200', undefined, admin.token)
          ).items.filter((e) => e.user_email === OPERATOR.email && e.method === 'POST');
          return suffixes.filter((s) => !find(mine, s));
        },
        { timeout: 10_000 },
      )
      .toEqual([]);
    for (const s of suffixes) expect(find(mine, s)?.outcome).toBe('success');
  }, 120_000);

  it('offers the viewer no action, and the API refuses one', async () => {
    const viewer = await pageAs(VIEWER);
    await viewer.goto(plugin(demoId, '/clusters'));
    const cluster = viewer.getByRole('region', { name: 'Ceph cluster rook-ceph/rook-ceph' });
    await cluster.getByRole('list', { name: 'Ceph health checks' }).waitFor({ timeout: 30_000 });
    expect(await viewer.getByRole('button', { name: 'Restart mgr' }).count()).toBe(0);
    await screenshot(viewer, '99-ceph-cluster-viewer');
    const login = await admin.call<{ access_token: string }>('POST', '/api/auth/login', {
      email: VIEWER.email,
      password: VIEWER.password,
    });
    const res = await fetch(
      `${argus.url}/api/plugins/ceph/clusters/${demoId}/resources/cephclusters/rook-ceph/actions/restart?namespace=rook-ceph`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${login.access_token}` },
        body: '{}',
      },
    );
    expect(res.status).toBe(403);
  }, 90_000);
});
