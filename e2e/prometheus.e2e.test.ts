// @vitest-environment node
// The cluster overview's CPU/memory charts out of the box: the demo cluster's Prometheus (kube-sim's
// simulated one behind monitoring/prometheus-operated) is found and charted; a cluster without any
// Prometheus gets a calm "how to set it up" state instead of a red error. Screenshots: 90-91.
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCluster, setupAdmin, signIn } from './support/argus-api.js';
import { type ArgusProcess, startArgus } from './support/argus-process.js';
import { chromiumAvailable, launch, screenshot } from './support/browser.js';
import { buildWeb } from './support/web-build.js';

const ADMIN = { email: 'admin@example.com', password: 'correct-horse-battery' };

describe.skipIf(!chromiumAvailable)('the overview’s Prometheus charts', () => {
  let demo: KubeSim;
  let bare: KubeSim;
  let argus: ArgusProcess;
  let browser: Browser;
  let page: Page;
  let demoId: string;
  let bareId: string;

  beforeAll(async () => {
    await buildWeb();
    [demo, bare] = await Promise.all([startKubeSim({ scenario: 'demo' }), startKubeSim({ scenario: 'empty' })]);
    argus = await startArgus();
    const admin = await setupAdmin(argus.url, ADMIN.email, ADMIN.password);
    demoId = await addCluster(admin, 'demo', demo.kubeconfig({ name: 'demo' }));
    bareId = await addCluster(admin, 'bare', bare.kubeconfig({ name: 'bare' }));
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (err) => console.error('page error:', err.message));
    await signIn(page, argus.url, ADMIN.email, ADMIN.password);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await argus?.stop();
    await Promise.all([demo?.close(), bare?.close()]);
  });

  const widget = (title: string) =>
    page
      .getByRole('region', { name: 'Plugin widgets' })
      .locator('[data-plugin="prometheus"]')
      .filter({ hasText: title });

  it('charts the demo cluster’s CPU and memory per namespace', async () => {
    await page.goto(`${argus.url}/clusters/${demoId}`);
    const cpu = widget('CPU usage').getByRole('img', { name: 'CPU usage (cores)' });
    await cpu.waitFor({ timeout: 60_000 });
    // one line per namespace (an empty chart is no image at all), each with a point per step of the hour
    expect(await cpu.locator('polyline').count()).toBeGreaterThan(3);
    const points = (await cpu.locator('polyline').first().getAttribute('points')) ?? '';
    expect(points.split(' ').length).toBeGreaterThan(100);
    await expect.poll(() => widget('CPU usage').getByText('containers').count()).toBe(1);
    expect(await widget('CPU usage').getByText('No samples for this selection').count()).toBe(0);
    await widget('Memory usage').getByRole('img', { name: 'Memory usage (bytes)' }).waitFor();
    expect(await page.getByRole('region', { name: 'Plugin widgets' }).getByRole('alert').count()).toBe(0);
    await screenshot(page, '90-overview-prometheus-charts');
  }, 120_000);

  it('tells how to set Prometheus up on a cluster that has none, without an error', async () => {
    await page.goto(`${argus.url}/clusters/${bareId}`);
    const calm = (title: string) => widget(title).getByText('No Prometheus for this cluster yet');
    await expect
      .poll(() => calm('CPU usage').count(), { timeout: 60_000 })
      .toBe(1)
      .catch(async (err: unknown) => {
        // Say what the widgets showed instead (the assertion alone says only "0").
        const shown = await page.getByRole('region', { name: 'Plugin widgets' }).textContent().catch(String);
        throw new Error(`${String(err)}\nthe widgets showed:\n${(shown ?? '').slice(0, 1500)}`);
      });
    await expect.poll(() => calm('Memory usage').count(), { timeout: 30_000 }).toBe(1);
    const link = widget('CPU usage').getByRole('link', { name: 'Metrics page' });
    expect(await link.getAttribute('href')).toBe(`/clusters/${bareId}/plugins/prometheus`);
    expect(await page.getByRole('region', { name: 'Plugin widgets' }).getByRole('alert').count()).toBe(0);
    await screenshot(page, '91-overview-no-prometheus');
  }, 120_000);
});
