// @vitest-environment node
// Disconnected clusters (issue 23, item 6), in Chromium against the real server: stopping a registered
// cluster's API server turns its pages stale within the health interval — a banner with the time of the
// last contact, over the lists and objects Argus still serves from its cache. Screenshots: 85, 86.
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCluster, setupAdmin, signIn } from './support/argus-api.js';
import { type ArgusProcess, startArgus } from './support/argus-process.js';
import { chromiumAvailable, launch, screenshot } from './support/browser.js';
import { buildWeb } from './support/web-build.js';

const ADMIN = { email: 'admin@example.com', password: 'correct-horse-battery' };

describe.skipIf(!chromiumAvailable)('a cluster that stops answering', () => {
  let sim: KubeSim | undefined;
  let argus: ArgusProcess;
  let browser: Browser;
  let page: Page;
  let clusterId: string;

  beforeAll(async () => {
    await buildWeb();
    sim = await startKubeSim({ scenario: 'demo', seed: 1 });
    // A short health interval, so the test does not wait 30 s.
    argus = await startArgus({ CLUSTER_HEALTH_INTERVAL_MS: '2000', KUBE_CONNECT_TIMEOUT_MS: '1000' });
    const admin = await setupAdmin(argus.url, ADMIN.email, ADMIN.password);
    clusterId = await addCluster(admin, 'sim', sim.kubeconfig({ name: 'sim' }));
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (err) => console.error('page error:', err.message));
    await signIn(page, argus.url, ADMIN.email, ADMIN.password);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await argus?.stop();
    await sim?.close();
  });

  it('shows a stale banner with the last contact over the cached list and objects', async () => {
    await page.goto(`${argus.url}/clusters/${clusterId}/configmaps?namespace=kube-system`);
    const table = page.getByRole('table', { name: 'ConfigMap list' });
    await table.getByRole('row').nth(1).waitFor({ timeout: 30_000 });
    await page.getByText('Live', { exact: true }).waitFor({ timeout: 30_000 });
    const banner = page.getByRole('alert', { name: 'Stale data' });
    // Reachable: no banner (and a health round has reached the cluster, for the last contact).
    await page.waitForTimeout(3_000);
    expect(await banner.count()).toBe(0);
    const rows = await table.getByRole('row').count();

    await sim?.close();
    sim = undefined;
    await banner.waitFor({ timeout: 20_000 });
    await expect.poll(async () => banner.textContent(), { timeout: 20_000 }).toContain('last contact');
    expect(await banner.textContent()).toContain('cannot be reached');
    // The list stays, from the cache, and no longer claims to be live.
    expect(await table.getByRole('row').count()).toBe(rows);
    await page.getByText('Stale', { exact: true }).waitFor({ timeout: 10_000 });
    expect(await page.getByText('Live', { exact: true }).count()).toBe(0);
    await screenshot(page, '85-stale-list');

    // An object's page, served from the cache while the API server is gone, says so too.
    await table.getByRole('row').nth(1).click();
    await page.waitForURL(/\/configmaps\/kube-system\/[^/?]+/, { timeout: 15_000 });
    await page.getByRole('tab', { name: 'Summary' }).waitFor({ timeout: 30_000 });
    await banner.waitFor({ timeout: 20_000 });
    expect(await banner.textContent()).toContain('Unreachable since');
    await screenshot(page, '86-stale-object');

    // Across clusters: the unreachable cluster is named, its objects still listed.
    await page.goto(`${argus.url}/resources/configmaps`);
    await page.getByRole('status').filter({ hasText: 'cannot be reached since' }).waitFor({ timeout: 30_000 });
    await page.getByRole('table', { name: 'ConfigMap across clusters' }).getByRole('row').nth(1).waitFor();
  }, 120_000);
});
