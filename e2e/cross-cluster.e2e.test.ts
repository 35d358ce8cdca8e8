// @vitest-environment node
// One kind across two clusters, more pods than one page: the page says how many of the total it shows,
// "Load more" continues the server's order across clusters, and sorting by name asks the server, so the
// first page is the first of the whole order (not the first of whatever was loaded).
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCluster, setupAdmin, signIn } from './support/argus-api.js';
import { type ArgusProcess, startArgus } from './support/argus-process.js';
import { chromiumAvailable, launch, screenshot } from './support/browser.js';
import { buildWeb } from './support/web-build.js';

describe.skipIf(!chromiumAvailable)('cross-cluster list paging', () => {
  let sims: KubeSim[] = [];
  let argus: ArgusProcess;
  let browser: Browser;
  let page: Page;
  let total = 0;
  let firstByName = '';

  beforeAll(async () => {
    await buildWeb();
    sims = await Promise.all([
      startKubeSim({ scenario: 'scale', pods: 400, seed: 3, controllers: false }),
      startKubeSim({ scenario: 'scale', pods: 400, seed: 4, controllers: false }),
    ]);
    argus = await startArgus();
    const admin = await setupAdmin(argus.url);
    await addCluster(admin, 'alpha', sims[0]!.kubeconfig({ name: 'alpha' }));
    await addCluster(admin, 'beta', sims[1]!.kubeconfig({ name: 'beta' }));
    const whole = await admin.call<{ total: number; items: Array<{ metadata: { name: string } }> }>(
      'GET',
      '/api/resources/core/v1/pods?sort=-name',
      undefined,
      admin.token,
    );
    total = whole.total;
    firstByName = whole.items[0]!.metadata.name;
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (err) => console.error('page error:', err.message));
    await signIn(page, argus.url, 'admin@example.com', 'correct-horse-battery');
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await argus?.stop();
    await Promise.all(sims.map((s) => s.close()));
  });

  it('shows the first page of the total and loads the next one on request', async () => {
    expect(total).toBe(800);
    await page.goto(`${argus.url}/resources/pods`);
    await expect
      .poll(() => page.getByText(`500 of ${total.toLocaleString('en-US')} items`).count(), { timeout: 60_000 })
      .toBe(1);
    await page.getByRole('button', { name: 'Load 300 more' }).click();
    await expect.poll(() => page.getByText('800 items', { exact: true }).count(), { timeout: 30_000 }).toBe(1);
    await screenshot(page, '60-cross-cluster-paged');
  });

  it('sorts by name across all clusters on the server', async () => {
    await page.goto(`${argus.url}/resources/pods?sort=-name`);
    const table = page.getByRole('table', { name: 'Pod across clusters' });
    await expect.poll(() => table.getByRole('row').nth(1).textContent(), { timeout: 60_000 }).toContain(firstByName);
    await expect.poll(() => page.getByText(`500 of ${total.toLocaleString('en-US')} items`).count()).toBe(1);
  });
});
