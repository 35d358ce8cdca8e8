// @vitest-environment node
// Plugins in the browser: the sidebar and the cluster overview are built from the manifests of the plugins
// enabled on the cluster; disabling Helm on one cluster (from the Plugins settings page) removes it from
// that cluster's UI and API, while the other cluster keeps it. Screenshots: 60-69.
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Admin, addCluster, setupAdmin, signIn } from './support/argus-api.js';
import { type ArgusProcess, startArgus } from './support/argus-process.js';
import { chromiumAvailable, launch, screenshot } from './support/browser.js';
import { buildWeb } from './support/web-build.js';

const ADMIN = { email: 'admin@example.com', password: 'correct-horse-battery' };

describe.skipIf(!chromiumAvailable)('plugins in the web UI', () => {
  let east: KubeSim;
  let west: KubeSim;
  let argus: ArgusProcess;
  let browser: Browser;
  let page: Page;
  let admin: Admin;
  let eastId: string;
  let westId: string;

  beforeAll(async () => {
    await buildWeb();
    [east, west] = await Promise.all([
      startKubeSim({ scenario: 'demo', seed: 1 }),
      startKubeSim({ scenario: 'demo', seed: 2 }),
    ]);
    argus = await startArgus();
    admin = await setupAdmin(argus.url, ADMIN.email, ADMIN.password);
    eastId = await addCluster(admin, 'east', east.kubeconfig({ name: 'east' }));
    westId = await addCluster(admin, 'west', west.kubeconfig({ name: 'west' }));
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (err) => console.error('page error:', err.message));
    await signIn(page, argus.url, ADMIN.email, ADMIN.password);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await argus?.stop();
    await Promise.all([east?.close(), west?.close()]);
  });

  const nav = () => page.getByRole('navigation', { name: 'Main' });
  const helmLink = () => nav().getByRole('link', { name: 'Helm releases' });
  const releases = (clusterId: string) =>
    fetch(`${argus.url}/api/plugins/helm/clusters/${clusterId}/releases`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });

  it('offers the plugins enabled on a cluster in its sidebar and draws their pages', async () => {
    await page.goto(`${argus.url}/clusters/${westId}`);
    await helmLink().waitFor();
    expect(await nav().getByRole('link', { name: 'Metrics' }).count()).toBe(1);
    // The cluster overview draws the enabled plugins' widgets (Helm's release count, Prometheus's charts).
    const widgets = page.getByRole('region', { name: 'Plugin widgets' });
    await widgets.locator('[data-plugin="helm"]').getByText('deployed').first().waitFor({ timeout: 30_000 });
    expect(await widgets.locator('[data-plugin="prometheus"]').count()).toBe(2);
    await screenshot(page, '63-cluster-plugin-widgets');
    await helmLink().click();
    await page.waitForURL(`**/clusters/${westId}/plugins/helm/releases`);
    await page.getByRole('heading', { name: 'Helm releases' }).waitFor();
    await page.getByText('checkout').first().waitFor({ timeout: 30_000 });
    await screenshot(page, '60-plugin-helm-releases');
  }, 90_000);

  it('disabling Helm on west removes it from west’s UI and API and leaves east alone', async () => {
    await page.goto(`${argus.url}/settings/plugins`);
    const helmCard = page.getByLabel('Plugin Helm');
    await helmCard.getByRole('button', { name: 'Disable Helm on west' }).click();
    await helmCard.getByRole('button', { name: 'Enable Helm on west' }).waitFor();
    await screenshot(page, '61-plugins-settings');

    expect((await releases(westId)).status).toBe(409);
    expect((await releases(eastId)).status).toBe(200);

    await page.goto(`${argus.url}/clusters/${westId}`);
    await nav().getByRole('link', { name: 'Metrics' }).waitFor();
    expect(await helmLink().count()).toBe(0);
    await page.goto(`${argus.url}/clusters/${westId}/plugins/helm/releases`);
    await page.getByText('Helm is disabled on this cluster.').waitFor();
    await screenshot(page, '62-plugin-disabled');

    await page.goto(`${argus.url}/clusters/${eastId}`);
    await helmLink().waitFor();
    await helmLink().click();
    await page.getByText('checkout').first().waitFor({ timeout: 30_000 });

    await page.goto(`${argus.url}/settings/plugins`);
    await page.getByLabel('Plugin Helm').getByRole('button', { name: 'Enable Helm on west' }).click();
    await page.getByLabel('Plugin Helm').getByRole('button', { name: 'Disable Helm on west' }).waitFor();
    expect((await releases(westId)).status).toBe(200);
  }, 120_000);
});
