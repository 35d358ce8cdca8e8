// @vitest-environment node
// The admin pages, walked by the admin in the browser: create a user, assign it the viewer role on one
// cluster + namespace, create an API key (shown once, works against the API), revoke it (the API then
// answers 401), and find those mutations in the audit log, filtered by action. Screenshots: 40-49.
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Admin, addCluster, setupAdmin, signIn } from './support/argus-api.js';
import { type ArgusProcess, startArgus } from './support/argus-process.js';
import { chromiumAvailable, launch, screenshot } from './support/browser.js';
import { buildWeb } from './support/web-build.js';

const ADMIN = { email: 'admin@example.com', password: 'correct-horse-battery' };
const NEW_USER = { email: 'otto@example.com', password: 'operator-password-1', name: 'Otto Operator' };
const NS = 'payments';
const KEY_NAME = 'e2e-ci-key';

describe.skipIf(!chromiumAvailable)('web UI admin pages', () => {
  let sim: KubeSim;
  let argus: ArgusProcess;
  let browser: Browser;
  let page: Page;
  let clusterId: string;
  let admin: Admin;
  let key = '';

  beforeAll(async () => {
    await buildWeb();
    sim = await startKubeSim({ scenario: 'demo' });
    argus = await startArgus();
    admin = await setupAdmin(argus.url, ADMIN.email, ADMIN.password);
    clusterId = await addCluster(admin, 'sim', sim.kubeconfig({ name: 'sim' }));
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (err) => console.error('page error:', err.message));
    page.on('dialog', (d) => void d.accept());
    await signIn(page, argus.url, ADMIN.email, ADMIN.password);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await argus?.stop();
    await sim?.close();
  });

  const me = (token: string) => fetch(`${argus.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });

  it('creates a user and sees it listed', async () => {
    await page.goto(`${argus.url}/admin/users`);
    const users = page.getByRole('table', { name: 'Users' });
    const self = users.getByRole('row').filter({ hasText: ADMIN.email });
    await self.waitFor();
    // The admin is not offered to delete their own account.
    expect(await self.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    const form = page.getByRole('form', { name: 'Create a user' });
    await form.getByLabel('Name').fill(NEW_USER.name);
    await form.getByLabel('Email').fill(NEW_USER.email);
    await form.getByLabel('Password').fill(NEW_USER.password);
    await form.getByLabel('Global role').selectOption('viewer');
    await screenshot(page, '40-admin-users-form');
    await form.getByRole('button', { name: 'Create user' }).click();
    const row = users.getByRole('row').filter({ hasText: NEW_USER.email });
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain('viewer');
    expect(await row.getByRole('button', { name: 'Delete' }).count()).toBe(1);
    await screenshot(page, '41-admin-user-created');
  }, 60_000);

  it('assigns the viewer role on one cluster and namespace', async () => {
    await page.goto(`${argus.url}/admin/roles`);
    const roles = page.getByRole('table', { name: 'Roles' });
    for (const name of ['admin', 'viewer'])
      await roles.getByRole('row').filter({ hasText: name }).filter({ hasText: 'built-in' }).first().waitFor();
    const form = page.getByRole('form', { name: 'Assign a role' });
    await form.getByLabel('User').selectOption({ label: NEW_USER.email });
    await form.getByLabel('Role').selectOption('viewer');
    await form.getByLabel('Cluster').selectOption({ label: 'sim' });
    await form.getByLabel('Namespace (optional)').fill(NS);
    await form.getByRole('button', { name: 'Assign' }).click();
    const assignments = page.getByRole('table', { name: 'Assignments' });
    const row = assignments.getByRole('row').filter({ hasText: NEW_USER.email }).filter({ hasText: NS });
    await row.waitFor();
    expect(await row.textContent()).toContain('sim');
    // Its own assignments are not offered for removal.
    const own = assignments.getByRole('row').filter({ hasText: ADMIN.email });
    expect(await own.getByRole('button', { name: 'Remove' }).count()).toBe(0);
    // The cluster picked by name is the one assigned.
    const users = await admin.call<{
      items: Array<{ email: string; roles: Array<{ cluster_id: string | null; namespace: string | null }> }>;
    }>('GET', '/api/users', undefined, admin.token);
    const otto = users.items.find((u) => u.email === NEW_USER.email);
    expect(otto?.roles).toContainEqual(
      expect.objectContaining({ role: 'viewer', cluster_id: clusterId, namespace: NS }),
    );
    await screenshot(page, '42-admin-role-assigned');
  }, 60_000);

  it('creates an API key, shown once, that works until revoked', async () => {
    await page.goto(`${argus.url}/admin/api-keys`);
    await page.getByRole('table', { name: 'API keys' }).waitFor();
    const form = page.getByRole('form', { name: 'Create an API key' });
    await form.getByLabel('Name').fill(KEY_NAME);
    await form.getByLabel('Scope').selectOption('read');
    await form.getByRole('button', { name: 'Create key' }).click();
    const shown = page.getByRole('alert').filter({ hasText: 'shown only once' });
    await shown.waitFor();
    key = ((await shown.locator('code').textContent()) ?? '').trim();
    expect(key.length).toBeGreaterThan(20);
    await expect.poll(() => form.getByLabel('Name').inputValue()).toBe('');
    const row = page.getByRole('table', { name: 'API keys' }).getByRole('row').filter({ hasText: KEY_NAME });
    await row.waitFor();
    expect(await row.textContent()).toContain('active');
    // The table shows the prefix only, never the key.
    expect(await page.getByRole('table', { name: 'API keys' }).textContent()).not.toContain(key);
    await screenshot(page, '43-admin-api-key-created');

    const ok = await me(key);
    expect(ok.status).toBe(200);
    expect(JSON.stringify(await ok.json())).toContain(ADMIN.email);

    await row.getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => row.textContent()).toContain('revoked');
    expect(await row.getByRole('button', { name: 'Revoke' }).count()).toBe(0);
    await screenshot(page, '44-admin-api-key-revoked');
    expect((await me(key)).status).toBe(401);
    // Shown once: a fresh visit to the page no longer shows it.
    await page.reload();
    await page.getByRole('table', { name: 'API keys' }).getByRole('row').filter({ hasText: KEY_NAME }).waitFor();
    expect(await page.content()).not.toContain(key);
  }, 60_000);

  /** Every value in the Action column of the audit table. */
  async function actions(): Promise<string[]> {
    const rows = page.getByRole('table', { name: 'Audit log' }).getByRole('rowgroup').nth(1).getByRole('row');
    const out: string[] = [];
    for (let i = 0; i < (await rows.count()); i++)
      out.push(((await rows.nth(i).getByRole('cell').nth(2).textContent()) ?? '').trim());
    return out;
  }

  it('finds those mutations in the audit log and filters them', async () => {
    await page.goto(`${argus.url}/admin/audit`);
    const table = page.getByRole('table', { name: 'Audit log' });
    await table.getByRole('row').filter({ hasText: 'api_key.revoke' }).first().waitFor();
    const all = await actions();
    for (const a of ['user.create', 'role.assign', 'api_key.create', 'api_key.revoke']) expect(all, a).toContain(a);
    await screenshot(page, '45-admin-audit');

    await page.getByLabel('action').fill('api_key.revoke');
    await page.getByLabel('action').press('Tab');
    await page.waitForURL(/action=api_key\.revoke/);
    await expect.poll(async () => new Set(await actions())).toEqual(new Set(['api_key.revoke']));
    const row = table.getByRole('row').filter({ hasText: 'api_key.revoke' }).first();
    expect(await row.textContent()).toContain(ADMIN.email);
    expect(await row.textContent()).toContain('success');
    await screenshot(page, '46-admin-audit-filtered');

    // Enter applies a filter too.
    await page.getByLabel('action').fill('user.create');
    await page.getByLabel('action').press('Enter');
    await page.waitForURL(/action=user\.create/);
    await expect.poll(async () => new Set(await actions())).toEqual(new Set(['user.create']));
    expect(await table.textContent()).toContain('/api/users');
    await screenshot(page, '47-admin-audit-user-create');
  }, 60_000);

  it('renders the API reference from the generated document, loading nothing from elsewhere', async () => {
    const foreign: string[] = [];
    const watch = (r: { url(): string }) => {
      const url = r.url();
      if (!url.startsWith(argus.url) && !/^(data|blob):/.test(url)) foreign.push(url);
    };
    page.on('request', watch);
    await page.goto(`${argus.url}/api-docs`);
    await page.getByRole('heading', { name: 'API reference' }).waitFor();
    const operations = page.getByTestId('api-operation');
    await operations.first().waitFor();
    expect(await operations.count()).toBeGreaterThan(50);
    await page.getByRole('region', { name: 'plugin: helm' }).waitFor();
    await page.getByLabel('Filter').fill('/api/setup/init');
    await page.waitForURL(/q=%2Fapi%2Fsetup%2Finit/);
    await expect.poll(() => operations.count()).toBe(1);
    await operations.first().locator('summary').click();
    expect(await operations.first().textContent()).toContain('no credentials needed');
    expect(await operations.first().textContent()).toContain('password');
    await screenshot(page, '48-api-reference');
    page.off('request', watch);
    expect(foreign).toEqual([]);
  }, 60_000);
});
