// @vitest-environment node
// The Istio plugin in the browser (issue 18): kube-sim's demo cluster next to a cluster without Istio's CRDs.
// The sidebar offers Istio only where it is installed; the VirtualService and DestinationRule pages show the
// reference's health (ratings IST0101 Failed, reviews IST0173 Degraded); the traffic graph of bookinfo has edges
// with rates from Prometheus (kube-sim's Prometheus API, through the Prometheus plugin's declared service); a
// core Service's "Istio routing" tab shows its weighted routes; an operator edits the reviews weights in the UI
// (kube-sim holds them, the audit log the action under the operator); a viewer gets no action. Screenshots istio-*.
import { type KubeSim, type ResourceRef, startKubeSim } from '@argus/kube-sim';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Admin, addCluster, setupAdmin, signIn } from './support/argus-api.js';
import { type ArgusProcess, startArgus } from './support/argus-process.js';
import { chromiumAvailable, launch, screenshot } from './support/browser.js';
import { buildWeb } from './support/web-build.js';

const ADMIN = { email: 'admin@example.com', password: 'correct-horse-battery' };
const OPERATOR = { email: 'ines@example.com', password: 'operator-password-1', name: 'Ines Operator' };
const VIEWER = { email: 'vito@example.com', password: 'viewer-password-1', name: 'Vito Viewer' };

const VIRTUAL_SERVICES: ResourceRef = {
  group: 'networking.istio.io',
  version: 'v1',
  resource: 'virtualservices',
  kind: 'VirtualService',
};

interface AuditEntry {
  user_email: string | null;
  method: string;
  path: string;
  outcome: string;
}

describe.skipIf(!chromiumAvailable)('Istio in the web UI', () => {
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

  const plugin = (path: string) => `${argus.url}/clusters/${demoId}/plugins/istio${path}`;
  const nav = (p: Page) => p.getByRole('navigation', { name: 'Main' });
  const weights = () => {
    const spec = demo.store.get(VIRTUAL_SERVICES, 'bookinfo', 'reviews')?.spec as
      | { http?: Array<{ route?: Array<{ weight?: number }> }> }
      | undefined;
    return spec?.http?.[0]?.route?.map((r) => r.weight);
  };

  it('offers Istio in the demo cluster’s sidebar only', async () => {
    await page.goto(`${argus.url}/clusters/${demoId}`);
    await nav(page).getByRole('link', { name: 'Istio' }).waitFor({ timeout: 30_000 });
    await page.goto(`${argus.url}/clusters/${emptyId}`);
    await nav(page).getByRole('link', { name: 'Helm releases' }).waitFor({ timeout: 30_000 });
    expect(await nav(page).getByRole('link', { name: 'Istio' }).count()).toBe(0);
  }, 90_000);

  it('shows the mesh and the problems, and the reference health of the demo objects', async () => {
    await page.goto(`${argus.url}/clusters/${demoId}`);
    await nav(page).getByRole('link', { name: 'Istio' }).click();
    await page.waitForURL(`**/plugins/istio/overview`);
    const namespaces = page.getByRole('table', { name: 'Namespaces in the mesh' });
    await namespaces.getByRole('row').filter({ hasText: 'bookinfo' }).waitFor({ timeout: 30_000 });
    expect(await namespaces.getByRole('row').filter({ hasText: 'bookinfo' }).textContent()).toContain('5/5');
    const problems = page.getByRole('list', { name: 'Problems' });
    await problems.getByText('VirtualService bookinfo/ratings').first().waitFor({ timeout: 30_000 });
    expect(await problems.textContent()).toContain('IST0173');
    await screenshot(page, 'istio-1-overview');

    await page.goto(plugin('/virtualservices'));
    const table = page.getByRole('table', { name: 'Virtual services' });
    const row = (name: string) => table.getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) });
    await row('ratings').locator('[data-health]').waitFor({ timeout: 30_000 });
    expect(await row('ratings').locator('[data-health]').getAttribute('data-health')).toBe('Failed');
    expect(await row('reviews').locator('[data-health]').getAttribute('data-health')).toBe('Healthy');
    await screenshot(page, 'istio-2-virtualservices');

    await page.goto(plugin('/destinationrules'));
    const dr = page
      .getByRole('table', { name: 'Destination rules' })
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: 'reviews', exact: true }) });
    await dr.locator('[data-health]').waitFor({ timeout: 30_000 });
    expect(await dr.locator('[data-health]').getAttribute('data-health')).toBe('Degraded');
  }, 120_000);

  it('draws the traffic graph of bookinfo with rates, errors and p95 from Prometheus', async () => {
    await page.goto(plugin('/traffic?namespace=bookinfo&window=5m'));
    const graph = page.getByRole('img', { name: 'Traffic in bookinfo' });
    await graph.waitFor({ timeout: 30_000 });
    const edge = graph.locator('[data-edge="workload:bookinfo/productpage-v1->service:bookinfo/reviews"]');
    await edge.waitFor();
    expect(await edge.textContent()).toMatch(/\d+(\.\d+)? rps/);
    expect(await edge.textContent()).toMatch(/p95 \d/);
    const failing = graph.locator('[data-edge="workload:bookinfo/reviews-v2->service:bookinfo/ratings"]');
    expect(await failing.textContent()).toMatch(/% err/);
    expect(await page.getByRole('table', { name: 'Traffic edges' }).getByRole('row').count()).toBeGreaterThan(5);
    await screenshot(page, 'istio-3-traffic');
  }, 90_000);

  it('shows a Service’s routing on its detail page, edits the weights as the operator, audited', async () => {
    await page.goto(`${argus.url}/clusters/${demoId}/services/bookinfo/reviews?tab=istio.routing`);
    await page.getByText('reviews subset v1 — 90%').waitFor({ timeout: 30_000 });
    await page.getByText('reviews subset v2 — 10%').waitFor();
    await page.getByText('v3 (version=v3): 0 pods').waitFor();
    await screenshot(page, 'istio-4-service-routing');

    await page.goto(plugin('/virtualservices/bookinfo/reviews'));
    await page.getByRole('button', { name: 'Edit route weights' }).click({ timeout: 30_000 });
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Weight of reviews v1').fill('70');
    await dialog.getByLabel('Weight of reviews v2').fill('30');
    await expect.poll(() => dialog.textContent()).toContain('Total: 100%');
    await screenshot(page, 'istio-5-weights-dialog');
    await dialog.getByRole('button', { name: 'Apply weights' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(weights, { timeout: 15_000 }).toEqual([70, 30]);
    // The operator is offered the mTLS switch (the viewer, below, is not).
    await page.goto(plugin('/peerauthentications/istio-system/default'));
    await page.getByRole('button', { name: 'Switch to STRICT' }).waitFor({ timeout: 30_000 });

    await expect
      .poll(
        async () =>
          (
            await admin.call<{ items: AuditEntry[] }>('GET', '/api/audit-log?limit=200', undefined, admin.token)
          ).items.some(
            (e) =>
              e.user_email === OPERATOR.email &&
              e.method === 'POST' &&
              e.outcome === 'success' &&
              e.path
                .split('?')[0]
                ?.endsWith(`/plugins/istio/clusters/${demoId}/resources/virtualservices/reviews/actions/set-weights`),
          ),
        { timeout: 10_000 },
      )
      .toBe(true);
  }, 120_000);

  it('offers the viewer no action', async () => {
    const viewer = await pageAs(VIEWER);
    await viewer.goto(plugin('/virtualservices/bookinfo/reviews'));
    await viewer.getByText('Validation messages', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await viewer.getByRole('button', { name: 'Edit route weights' }).count()).toBe(0);
    await viewer.goto(plugin('/peerauthentications/istio-system/default'));
    await viewer.getByText('Validation messages', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await viewer.getByRole('button', { name: 'Switch to STRICT' }).count()).toBe(0);
    await screenshot(viewer, 'istio-6-viewer');
  }, 90_000);
});
