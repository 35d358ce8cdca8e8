// @vitest-environment node
// One WebSocket per browser tab: the pod list page draws two live lists (the pods and the namespace
// picker's namespaces), a Deployment's Related tab two more (its ReplicaSets and Pods, by label selector);
// all of them ride one connection, subscribing and unsubscribing as the pages come and go. Screenshot: 70.
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCluster, setupAdmin, signIn } from './support/argus-api.js';
import { type ArgusProcess, startArgus } from './support/argus-process.js';
import { chromiumAvailable, launch, screenshot } from './support/browser.js';
import { buildWeb } from './support/web-build.js';

const ADMIN = { email: 'admin@example.com', password: 'correct-horse-battery' };

interface Frame {
  type: string;
  id?: string;
  resource?: string;
  labelSelector?: string;
}

describe.skipIf(!chromiumAvailable)('live lists share one WebSocket', () => {
  let sim: KubeSim;
  let argus: ArgusProcess;
  let browser: Browser;
  let page: Page;
  let clusterId: string;

  beforeAll(async () => {
    await buildWeb();
    sim = await startKubeSim({ scenario: 'demo' });
    argus = await startArgus();
    const admin = await setupAdmin(argus.url, ADMIN.email, ADMIN.password);
    clusterId = await addCluster(admin, 'sim', sim.kubeconfig({ name: 'sim' }));
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (err) => console.error('page error:', err.message));
    // Every page opens the tab's socket (the header's notification bell listens on it): let the signed-in
    // page open its own before the test counts the sockets of the pages it goes to.
    const first = page.waitForEvent('websocket', { timeout: 60_000 });
    await signIn(page, argus.url, ADMIN.email, ADMIN.password);
    await first;
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await argus?.stop();
    await sim?.close();
  });

  it('opens exactly one socket for every live list of the tab', async () => {
    const sockets: string[] = [];
    const sent: Frame[] = [];
    const received: Frame[] = [];
    page.on('websocket', (ws) => {
      sockets.push(ws.url());
      ws.on('framesent', (f) => sent.push(JSON.parse(String(f.payload)) as Frame));
      ws.on('framereceived', (f) => received.push(JSON.parse(String(f.payload)) as Frame));
    });
    const subscribed = (resource: string, labelSelector?: string) =>
      sent.some((m) => m.type === 'subscribe' && m.resource === resource && m.labelSelector === labelSelector);

    await page.goto(`${argus.url}/clusters/${clusterId}/pods`);
    const table = page.getByRole('table', { name: 'Pod list' });
    await table.getByRole('row').nth(2).waitFor();
    await page.getByText('Live', { exact: true }).waitFor({ timeout: 30_000 });
    await expect.poll(() => subscribed('pods') && subscribed('namespaces'), { timeout: 15_000 }).toBe(true);
    expect(sockets).toEqual([`${argus.url.replace('http', 'ws')}/ws`]);
    expect(sent[0]?.type).toBe('auth'); // the credential is the first message, not in the URL

    // To a Deployment, inside the app (no reload): the pod list's subscription ends, the socket stays.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deployment', exact: true }).click();
    await page.waitForURL(/\/deployments/);
    const podsId = sent.find((m) => m.type === 'subscribe' && m.resource === 'pods' && !m.labelSelector)?.id;
    await expect.poll(() => sent.some((m) => m.type === 'unsubscribe' && m.id === podsId)).toBe(true);
    // On a loaded machine the first rows may be redrawn under the click: click until the detail page opens.
    const rows = page.getByRole('table', { name: 'Deployment list' }).getByRole('row');
    await rows.nth(1).waitFor();
    const detail = /\/deployments\/[^/?]+\/[^/?]+/;
    await expect
      .poll(
        async () => {
          if (!detail.test(page.url()))
            await rows
              .nth(1)
              .click({ timeout: 5_000 })
              .catch(() => undefined);
          return page.url();
        },
        { timeout: 30_000 },
      )
      .toMatch(detail);
    await page.getByRole('tab', { name: 'Related' }).click({ timeout: 60_000 });
    await page.getByRole('region', { name: 'Pods' }).getByRole('link').first().waitFor({ timeout: 30_000 });
    await page.getByRole('region', { name: 'ReplicaSets' }).getByRole('link').first().waitFor();
    expect(sent.some((m) => m.type === 'subscribe' && m.resource === 'replicasets' && m.labelSelector)).toBe(true);
    expect(sent.some((m) => m.type === 'subscribe' && m.resource === 'pods' && m.labelSelector)).toBe(true);
    await screenshot(page, '70-related-live');

    expect(sockets).toHaveLength(1);
    expect(received.filter((m) => m.type === 'error')).toEqual([]);
  }, 120_000);
});
