// @vitest-environment node
// "Open in browser" on a Service port and on a pod's container port: a new tab shows the demo's hello-web
// through the API server's proxy subresource on the proxy origin (another port), the page's own script reaches
// its backend through the same proxy path (the ticket cookie works for the page's requests), and the page's
// origin is not the UI's (it cannot read Argus's storage).
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCluster, setupAdmin, signIn } from './support/argus-api.js';
import { type ArgusProcess, startArgus } from './support/argus-process.js';
import { chromiumAvailable, launch, screenshot } from './support/browser.js';
import { buildWeb } from './support/web-build.js';

describe.skipIf(!chromiumAvailable)('open a port in the browser', () => {
  let sim: KubeSim;
  let argus: ArgusProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let clusterId: string;

  beforeAll(async () => {
    await buildWeb();
    sim = await startKubeSim({ scenario: 'demo' });
    argus = await startArgus();
    const admin = await setupAdmin(argus.url);
    clusterId = await addCluster(admin, 'sim', sim.kubeconfig({ name: 'sim' }));
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (err) => console.error('page error:', err.message));
    await signIn(page, argus.url, 'admin@example.com', 'correct-horse-battery');
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await argus?.stop();
    await sim?.close();
  });

  async function opened(click: () => Promise<void>): Promise<Page> {
    const [tab] = await Promise.all([context.waitForEvent('page'), click()]);
    await tab.waitForLoadState();
    return tab;
  }

  it("opens a Service port: the app's page and its own requests work, on another origin", async () => {
    await page.goto(`${argus.url}/clusters/${clusterId}/services/default/hello-web`);
    const ports = page.getByRole('table', { name: 'Service ports' });
    const tab = await opened(() =>
      ports.getByRole('button', { name: 'Open service port http in the browser' }).click(),
    );
    await expect
      .poll(() => tab.url(), { timeout: 30_000 })
      .toContain(`/proxy/${clusterId}/services/default/hello-web/http/`);
    await expect.poll(() => tab.locator('h1').textContent(), { timeout: 30_000 }).toBe('Welcome to nginx!');
    await expect
      .poll(() => tab.locator('#status').textContent(), { timeout: 30_000 })
      .toBe('status: ok (served by hello-web)');
    expect(tab.url()).not.toMatch(/token|argus_proxy/);
    // Another origin than the UI's: the UI's storage (where its session lives) is not the page's.
    expect(new URL(tab.url()).origin).not.toBe(new URL(argus.url).origin);
    expect(await tab.evaluate('localStorage.length')).toBe(0);
    await screenshot(tab, '62-open-port-service');
    await tab.close();
  });

  it("opens a pod's container port from its page", async () => {
    const pods = (await (
      await fetch(`${sim.url}/api/v1/namespaces/default/pods?labelSelector=app%3Dhello-web`, {
        headers: { Authorization: `Bearer ${sim.tokens.admin}` },
      })
    ).json()) as { items: Array<{ metadata: { name: string } }> };
    const name = pods.items[0]?.metadata.name;
    expect(name).toBeTruthy();
    await page.goto(`${argus.url}/clusters/${clusterId}/pods/default/${name}`);
    const container = page.getByRole('region', { name: 'Container web' });
    const tab = await opened(() => container.getByRole('button', { name: 'Open pod port 80 in the browser' }).click());
    await expect.poll(() => tab.locator('h1').textContent(), { timeout: 30_000 }).toBe('Welcome to nginx!');
    await tab.close();
  });
});
