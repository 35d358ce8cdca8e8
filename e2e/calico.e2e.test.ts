// @vitest-environment node
// The Calico plugin in the browser (issue 18): kube-sim's demo cluster next to a cluster without Calico's CRDs.
// The sidebar offers Calico only where it is installed; the policies page lists the tiers in order with their
// policies in evaluation order (the order-less policy warned about); the IP pools page shows the disabled
// pool Paused; a pod's "Network policies" tab lists the policies that select it in evaluation order; an
// operator enforces a staged policy from the UI behind its confirmation (kube-sim then holds the
// projectcalico.org/v3 NetworkPolicy, the audit log the action under the operator's email); a viewer is
// offered no action and the API refuses one.
import { type KubeSim, type ResourceRef, startKubeSim } from '@argus/kube-sim';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Admin, addCluster, setupAdmin, signIn } from './support/argus-api.js';
import { type ArgusProcess, startArgus } from './support/argus-process.js';
import { chromiumAvailable, launch, screenshot } from './support/browser.js';
import { buildWeb } from './support/web-build.js';

const ADMIN = { email: 'admin@example.com', password: 'correct-horse-battery' };
const OPERATOR = { email: 'cleo@example.com', password: 'operator-password-1', name: 'Cleo Operator' };
const VIEWER = { email: 'cal@example.com', password: 'viewer-password-1', name: 'Cal Viewer' };

const PODS: ResourceRef = { group: '', version: 'v1', resource: 'pods', kind: 'Pod' };
const v3 = (resource: string, kind: string): ResourceRef => ({
  group: 'projectcalico.org',
  version: 'v3',
  resource,
  kind,
});
const NETWORK_POLICIES = v3('networkpolicies', 'NetworkPolicy');
const STAGED = v3('stagednetworkpolicies', 'StagedNetworkPolicy');

interface AuditEntry {
  user_email: string | null;
  method: string;
  path: string;
  outcome: string;
}

describe.skipIf(!chromiumAvailable)('Calico in the web UI', () => {
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

  const plugin = (path: string) => `${argus.url}/clusters/${demoId}/plugins/calico${path}`;
  const nav = (p: Page) => p.getByRole('navigation', { name: 'Main' });
  const healthOf = (row: ReturnType<Page['locator']>) =>
    row.locator('[data-health]').first().getAttribute('data-health');

  it('offers Calico in the demo cluster’s sidebar only, and lists tiers and policies in evaluation order', async () => {
    await page.goto(`${argus.url}/clusters/${demoId}`);
    await nav(page).getByRole('link', { name: 'Calico' }).waitFor({ timeout: 30_000 });
    await page.getByRole('list', { name: 'Calico objects needing attention' }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'calico-1-overview-widget');

    await nav(page).getByRole('link', { name: 'Calico' }).click();
    await page.waitForURL(`**/clusters/${demoId}/plugins/calico/policies`);
    const def = page.getByRole('table', { name: 'Policies of tier default' });
    await def.locator('[data-health]').first().waitFor({ timeout: 30_000 });
    // Tiers in order: security (100) before default (1000000).
    const tiers = await page.locator('[data-tier]').evaluateAll((els) => els.map((e) => e.getAttribute('data-tier')));
    expect(tiers).toEqual(['security', 'default']);
    const order = await def
      .locator('[data-policy]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-policy')));
    expect(order.indexOf('allow-frontend-to-api')).toBeLessThan(order.indexOf('knp.default.default-deny-ingress'));
    expect(order.indexOf('knp.default.default-deny-ingress')).toBeLessThan(order.indexOf('default-deny'));
    expect(order.at(-1)).toBe('allow-legacy-batch');
    expect(await healthOf(def.locator('[data-policy="allow-legacy-batch"]'))).toBe('Degraded');
    await screenshot(page, 'calico-2-policies');

    await page.goto(`${argus.url}/clusters/${emptyId}`);
    await nav(page).getByRole('link', { name: 'Helm releases' }).waitFor({ timeout: 30_000 });
    expect(await nav(page).getByRole('link', { name: 'Calico' }).count()).toBe(0);
  }, 120_000);

  it('shows the disabled IP pool Paused', async () => {
    await page.goto(plugin('/ippools'));
    const table = page.getByRole('table', { name: 'IP pools' });
    const row = (name: string) => table.getByRole('row').filter({ hasText: name });
    await row('legacy-ipv4-ippool').locator('[data-health]').waitFor({ timeout: 30_000 });
    expect(await healthOf(row('legacy-ipv4-ippool'))).toBe('Paused');
    expect(await healthOf(row('default-ipv4-ippool'))).toBe('Healthy');
    await screenshot(page, 'calico-3-ippools');
  }, 60_000);

  it('lists the policies that select a pod on its detail page', async () => {
    const api = demo.store.list(PODS, { namespace: 'shop' }).items.find((p) => p.metadata.labels?.app === 'api')
      ?.metadata.name;
    expect(api).toBeDefined();
    await page.goto(`${argus.url}/clusters/${demoId}/pods/shop/${api}?tab=calico.pod-policies`);
    const security = page.getByRole('table', { name: 'Policies of tier security selecting the pod' });
    const def = page.getByRole('table', { name: 'Policies of tier default selecting the pod' });
    await def.locator('[data-policy]').first().waitFor({ timeout: 30_000 });
    expect(
      await security.locator('[data-policy]').evaluateAll((els) => els.map((e) => e.getAttribute('data-policy'))),
    ).toEqual(['security.block-known-bad']);
    expect(
      await def.locator('[data-policy]').evaluateAll((els) => els.map((e) => e.getAttribute('data-policy'))),
    ).toEqual(['allow-frontend-to-api', 'default-deny']);
    await screenshot(page, 'calico-4-pod-policies');
  }, 60_000);

  it('enforces a staged policy from the UI: kube-sim holds the v3 NetworkPolicy, the audit log names the operator', async () => {
    await page.goto(plugin('/staged'));
    const card = page.locator('[data-staged="restrict-rabbitmq"]');
    await card.getByRole('button', { name: 'Enforce', exact: true }).waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-staged="default-deny"]').textContent()).toContain('update');
    await card.getByRole('button', { name: 'Enforce', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog
      .getByText(/Enforce shop\/restrict-rabbitmq/)
      .first()
      .waitFor();
    await screenshot(page, 'calico-5-enforce-dialog');
    expect(demo.store.get(NETWORK_POLICIES, 'shop', 'restrict-rabbitmq')).toBeUndefined();
    await dialog.getByRole('button', { name: 'Enforce', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect
      .poll(() => demo.store.get(NETWORK_POLICIES, 'shop', 'restrict-rabbitmq')?.spec)
      .toMatchObject({
        order: 200,
        selector: "app == 'rabbitmq'",
      });
    expect(demo.store.get(STAGED, 'shop', 'restrict-rabbitmq')).toBeUndefined();
    await card.waitFor({ state: 'detached', timeout: 30_000 });
    await screenshot(page, 'calico-6-enforced');

    const suffix = `/plugins/calico/clusters/${demoId}/resources/stagednetworkpolicies/restrict-rabbitmq/actions/promote`;
    const created = '/k8s/apis/projectcalico.org/v3/namespaces/shop/networkpolicies';
    await expect
      .poll(
        async () => {
          const mine = (
            await admin.call<{ items: AuditEntry[] }>('GET', '/api/audit-log?limit=200', undefined, admin.token)
          ).items.filter((e) => e.user_email === OPERATOR.email);
          const path = (e: AuditEntry) => e.path.split('?')[0] ?? '';
          return [
            mine.some((e) => e.method === 'POST' && path(e).endsWith(suffix) && e.outcome === 'success'),
            mine.some((e) => e.method === 'POST' && path(e).endsWith(created) && e.outcome === 'success'),
            mine.some((e) => path(e).includes('crd.projectcalico.org')),
          ];
        },
        { timeout: 10_000 },
      )
      .toEqual([true, true, false]);
  }, 120_000);

  it('offers the viewer no action, and the API refuses one', async () => {
    const viewer = await pageAs(VIEWER);
    await viewer.goto(`${argus.url}/clusters/${demoId}/plugins/calico/ippools/legacy-ipv4-ippool`);
    await viewer.getByText('Node selector').waitFor({ timeout: 30_000 });
    for (const label of ['Enable', 'Disable'])
      expect(await viewer.getByRole('button', { name: label, exact: true }).count(), label).toBe(0);
    await screenshot(viewer, 'calico-7-viewer');

    const login = await admin.call<{ access_token: string }>('POST', '/api/auth/login', {
      email: VIEWER.email,
      password: VIEWER.password,
    });
    const res = await fetch(
      `${argus.url}/api/plugins/calico/clusters/${demoId}/resources/ippools/legacy-ipv4-ippool/actions/enable`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${login.access_token}` },
        body: '{}',
      },
    );
    expect(res.status).toBe(403);
  }, 90_000);
});
