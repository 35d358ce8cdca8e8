// @vitest-environment node
// The walk of a namespace-scoped viewer (role viewer on one cluster + namespace, POST /api/roles/assign):
// cluster-wide lists show only that namespace, and no write action is offered (edit YAML/apply, delete,
// scale, restart, reveal a secret). Screenshots go to e2e/screenshots/3x-viewer-*.png.
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCluster, setupAdmin, signIn } from './support/argus-api.js';
import { type ArgusProcess, startArgus } from './support/argus-process.js';
import { chromiumAvailable, launch, screenshot } from './support/browser.js';
import { buildWeb } from './support/web-build.js';

const NS = 'payments';
const VIEWER = { email: 'vera@example.com', password: 'viewer-password-1', name: 'Vera Viewer' };
const SECRET = { group: '', version: 'v1', resource: 'secrets', kind: 'Secret', namespaced: true };
const DEPLOYMENTS = { group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment', namespaced: true };

describe.skipIf(!chromiumAvailable)('web UI as a namespace-scoped viewer', () => {
  let sim: KubeSim;
  let argus: ArgusProcess;
  let browser: Browser;
  let page: Page;
  let clusterId: string;
  let base: string;

  beforeAll(async () => {
    await buildWeb();
    sim = await startKubeSim({ scenario: 'demo' });
    sim.store.create(SECRET, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'e2e-db-credentials', namespace: NS },
      type: 'Opaque',
      data: { password: 'aHVudGVyMi1zZWNyZXQ=' },
    });
    argus = await startArgus();
    const admin = await setupAdmin(argus.url);
    clusterId = await addCluster(admin, 'sim', sim.kubeconfig({ name: 'sim' }));
    const user = await admin.call<{ id: string }>('POST', '/api/users', VIEWER, admin.token);
    await admin.call(
      'POST',
      '/api/roles/assign',
      { user_id: user.id, role: 'viewer', cluster_id: clusterId, namespace: NS },
      admin.token,
    );
    base = `${argus.url}/clusters/${clusterId}`;
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (err) => console.error('page error:', err.message));
    await signIn(page, argus.url, VIEWER.email, VIEWER.password);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await argus?.stop();
    await sim?.close();
  });

  /** Every value in the Namespace column of the table on screen. */
  async function namespaceColumn(label: string): Promise<string[]> {
    const table = page.getByRole('table', { name: label });
    const headers = await table.getByRole('columnheader').allTextContents();
    const col = headers.findIndex((h) => h.trim() === 'Namespace');
    expect(col).toBeGreaterThanOrEqual(0);
    const rows = table.getByRole('rowgroup').nth(1).getByRole('row');
    const out: string[] = [];
    for (let i = 0; i < (await rows.count()); i++)
      out.push(((await rows.nth(i).getByRole('cell').nth(col).textContent()) ?? '').trim());
    return out;
  }

  it('sees only its namespace in cluster-wide lists', async () => {
    await page.getByTestId('cluster-card').first().waitFor();
    await page.waitForTimeout(1_000);
    await screenshot(page, '30-viewer-clusters');
    await page.goto(`${base}/pods`);
    const pods = page.getByRole('table', { name: 'Pod list' });
    await pods.getByRole('row').nth(1).waitFor();
    await page.getByText(/^\d[\d,]* items$/).waitFor();
    const namespaces = await namespaceColumn('Pod list');
    expect(namespaces.length).toBeGreaterThan(0);
    expect(new Set(namespaces)).toEqual(new Set([NS]));
    // Cluster-scoped kinds (nodes, storage classes…) are not offered to a namespace-scoped user.
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link', { name: 'Pod', exact: true }).count()).toBe(1);
    expect(await nav.getByRole('link', { name: 'StorageClass', exact: true }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Nodes', exact: true }).count()).toBe(0);
    await screenshot(page, '31-viewer-pods');

    // The namespace picker offers that namespace only.
    await page.getByRole('combobox', { name: 'Namespace' }).click();
    const options = (await page.getByRole('option').allTextContents()).map((t) => t.trim());
    expect(options.filter((o) => o !== 'All namespaces')).toEqual([NS]);
    await page.keyboard.press('Escape');

    // Across clusters too.
    await page.goto(`${argus.url}/resources/pods`);
    const cross = page.getByRole('table', { name: 'Pod across clusters' });
    await cross.getByRole('row').nth(1).waitFor();
    await page.getByText(/^\d[\d,]* items$/).waitFor();
    expect(new Set(await namespaceColumn('Pod across clusters'))).toEqual(new Set([NS]));
    await screenshot(page, '32-viewer-pods-all-clusters');
  }, 90_000);

  it('is offered no write action', async () => {
    const deployment = sim.store.list(DEPLOYMENTS, { namespace: NS }).items[0] as
      | { metadata: { name: string } }
      | undefined;
    expect(deployment).toBeDefined();
    await page.goto(`${base}/deployments/${NS}/${deployment?.metadata.name}`);
    await page.getByRole('tab', { name: 'Summary' }).waitFor();
    await page.getByRole('heading', { name: deployment?.metadata.name, level: 1 }).waitFor();
    for (const action of ['Scale', 'Restart', 'Delete', 'Edit']) {
      expect(await page.getByRole('button', { name: action }).count(), action).toBe(0);
    }
    await screenshot(page, '33-viewer-deployment');
    await page.getByRole('tab', { name: 'YAML' }).click();
    await page.locator('.cm-content').waitFor();
    await page.getByText('Read only: you may not change this object.').waitFor();
    expect(await page.getByRole('button', { name: /Edit|Apply|Review changes/ }).count()).toBe(0);
    await screenshot(page, '34-viewer-deployment-yaml');

    await page.goto(`${base}/secrets/${NS}/e2e-db-credentials`);
    await page.getByRole('tab', { name: 'Summary' }).waitFor();
    await page.getByTestId('secret-password').waitFor();
    expect(await page.getByRole('button', { name: /Reveal|Delete/ }).count()).toBe(0);
    expect(await page.getByTestId('secret-password').textContent()).not.toContain('hunter2');
    await screenshot(page, '35-viewer-secret');
    await page.getByRole('tab', { name: 'YAML' }).click();
    await page.locator('.cm-content').waitFor();
    const yaml = (await page.locator('.cm-content').textContent()) ?? '';
    expect(yaml).toContain('password');
    expect(yaml).not.toContain('aHVudGVyMi1zZWNyZXQ=');
    expect(await page.getByRole('button', { name: /Reveal|Edit/ }).count()).toBe(0);
    await screenshot(page, '36-viewer-secret-yaml');

    // Another namespace's object is refused in words, not shown.
    await page.goto(`${base}/pods?namespace=kube-system`);
    await page.getByText('Could not list pods').waitFor();
    await screenshot(page, '37-viewer-forbidden-namespace');
  }, 90_000);
});
