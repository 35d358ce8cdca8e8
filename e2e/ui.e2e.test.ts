// @vitest-environment node
// The UI walk a person makes, in Debian's Chromium against the real server and a kube-sim cluster:
// setup, add a cluster, browse pods, a pod created with kubectl appears without reload, edit YAML with a
// dry-run diff, follow logs. Screenshots of the main pages go to e2e/screenshots/.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ArgusProcess, startArgus } from './support/argus-process.js';
import { chromiumAvailable, launch, screenshot } from './support/browser.js';
import { buildWeb } from './support/web-build.js';

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;

describe.skipIf(!chromiumAvailable)('web UI end to end', () => {
  let sim: KubeSim;
  let argus: ArgusProcess;
  let browser: Browser;
  let page: Page;
  let kubeconfigFile: string;

  beforeAll(async () => {
    await buildWeb();
    sim = await startKubeSim({ scenario: 'demo', bookmarkIntervalMs: 2_000 });
    kubeconfigFile = join(mkdtempSync(join(tmpdir(), 'argus-e2e-kc-')), 'config');
    sim.writeKubeconfig(kubeconfigFile, { name: 'sim' });
    argus = await startArgus();
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (err) => console.error('page error:', err.message));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await argus?.stop();
    await sim?.close();
  });

  it('sets up the first admin and adds a cluster', async () => {
    await page.goto(`${argus.url}/`);
    await page.waitForURL('**/setup');
    await screenshot(page, '01-setup');
    await page.getByLabel('Name').fill('Ada Admin');
    await page.getByLabel('Email').fill('ada@example.com');
    await page.getByLabel('Password (at least 8 characters)').fill('correct-horse-battery');
    await page.getByLabel('Repeat password').fill('correct-horse-battery');
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await page.getByText('Add your first cluster').waitFor();
    await page.getByLabel('Cluster name').fill('sim');
    await page.getByLabel('Kubeconfig', { exact: true }).fill(sim.kubeconfig({ name: 'sim' }));
    await screenshot(page, '02-setup-cluster');
    await page.getByRole('button', { name: 'Add cluster' }).click();
    await page.waitForURL('**/clusters', { timeout: 30_000 });
    await page.getByTestId('cluster-card').first().waitFor();
    await page.getByText('Running', { exact: false }).first().waitFor();
    await page.waitForTimeout(1_500);
    await screenshot(page, '03-clusters');
    expect(await page.getByTestId('cluster-card').count()).toBe(1);
  }, 120_000);

  it('browses pods, and a pod created with kubectl appears without a reload', async () => {
    await page.getByRole('link', { name: 'sim' }).first().click();
    await page.waitForURL(/\/clusters\/[^/]+$/);
    await page.getByRole('heading', { name: 'sim', level: 1 }).waitFor();
    await page.waitForTimeout(1_000);
    await screenshot(page, '04-cluster-overview');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pod', exact: true }).click();
    await page.waitForURL(/\/pods/);
    const table = page.getByRole('table', { name: 'Pod list' });
    await table.getByRole('row').nth(2).waitFor();
    await screenshot(page, '05-pods');

    // The default namespace only (picked as a person would): the new pod is then on screen without scrolling.
    await page.getByRole('combobox', { name: 'Namespace' }).click();
    await page.getByRole('option', { name: 'default', exact: true }).click();
    await page.waitForURL(/[?&]namespace=default/, { timeout: 10_000 });
    await table.getByRole('row').nth(1).waitFor();
    const name = `e2e-probe-${Date.now() % 100000}`;
    if (hasKubectl) {
      // Async: kube-sim runs in this process and must keep answering while kubectl waits.
      await promisify(execFile)('kubectl', [
        '--kubeconfig',
        kubeconfigFile,
        'run',
        name,
        '--image=nginx:1.27',
        '-n',
        'default',
      ]);
    } else {
      sim.store.create(
        { group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true },
        {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name, namespace: 'default' },
          spec: { containers: [{ name, image: 'nginx:1.27' }] },
        },
      );
    }
    await table.getByText(name).waitFor({ timeout: 20_000 });
    await screenshot(page, '06-pod-appeared');
    // Typing into the filter narrows the list at once, and the query string follows (a shareable view).
    await page.getByLabel('Filter').pressSequentially(name, { timeout: 10_000 });
    await expect.poll(() => table.getByRole('row').count(), { timeout: 10_000 }).toBe(2);
    await page.waitForURL(new RegExp(`[?&]q=${name}`), { timeout: 10_000 });
    // A click on the row opens the pod.
    await table.getByRole('row').filter({ hasText: name }).click();
    await page.waitForURL(new RegExp(`/pods/default/${name}(\\?|$)`), { timeout: 10_000 });
    await page.getByRole('tab', { name: 'Summary' }).waitFor();
    await screenshot(page, '07-pod-detail');
  }, 90_000);

  it.skipIf(!hasKubectl)(
    'follows the logs of a pod',
    async () => {
      // A running pod of the demo scenario (the probe pod may still be starting).
      const { stdout } = await promisify(execFile)('kubectl', [
        '--kubeconfig',
        kubeconfigFile,
        'get',
        'pods',
        '-A',
        '--field-selector=status.phase=Running',
        '-o',
        'jsonpath={.items[0].metadata.namespace}/{.items[0].metadata.name}',
      ]);
      const base = new URL(page.url()).pathname.split('/').slice(0, 4).join('/');
      await page.goto(`${argus.url}${base}/${stdout.trim()}?tab=logs`);
      const log = page.getByRole('log', { name: 'Log output' });
      await expect.poll(async () => (await log.textContent())?.length ?? 0, { timeout: 20_000 }).toBeGreaterThan(10);
      await screenshot(page, '08-pod-logs');
    },
    60_000,
  );

  it('edits YAML with a server-side dry-run diff, then applies it', async () => {
    const cm = `e2e-settings`;
    writeFileSync(join(tmpdir(), 'noop'), '');
    sim.store.create(
      { group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap', namespaced: true },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: cm, namespace: 'default' }, data: { mode: 'calm' } },
    );
    const base = new URL(page.url()).pathname.split('/').slice(0, 3).join('/');
    await page.goto(`${argus.url}${base}/configmaps/default/${cm}?tab=yaml`);
    await page.getByRole('button', { name: 'Edit' }).click();
    const editor = page.locator('.cm-content');
    await editor.click();
    await page.keyboard.press('Control+f');
    await page.keyboard.press('Escape');
    // Replace "calm" with "busy" through the editor, as a person would type it.
    const text = (await editor.textContent()) ?? '';
    expect(text).toContain('mode: calm');
    await page.getByText('mode: calm').dblclick();
    await page.locator('.cm-line', { hasText: 'mode: calm' }).click();
    await page.keyboard.press('End');
    for (let i = 0; i < 4; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type('busy');
    await page.getByRole('button', { name: 'Review changes (dry run)' }).click();
    const diff = page.getByTestId('diff');
    await diff.waitFor();
    await expect.poll(async () => diff.textContent()).toContain('busy');
    await screenshot(page, '09-yaml-diff');
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Applied' }).waitFor();
    const stored = sim.store.get(
      { group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap', namespaced: true },
      'default',
      cm,
    );
    expect((stored as { data?: Record<string, string> }).data?.mode).toBe('busy');
  }, 60_000);

  it('opens the command palette and switches to the dark theme', async () => {
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Command' }).fill('clusters');
    await screenshot(page, '10-command-palette');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await page.goto(`${argus.url}/clusters`);
    await page.getByTestId('cluster-card').first().waitFor();
    await page.waitForTimeout(1_000);
    await screenshot(page, '11-clusters-dark');
    await page.goto(`${argus.url}/admin/users`);
    await page.getByRole('table', { name: 'Users' }).waitFor();
    await screenshot(page, '12-admin-users');
  }, 60_000);
});
