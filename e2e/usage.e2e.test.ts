// @vitest-environment node
// Usage from metrics.k8s.io in the pod and node lists (issue 23, item 2), in Chromium against the real server
// and kube-sim's demo: CPU and memory columns in human units, compared with limits/requests or allocatable,
// sortable; the node list's allocatable memory in GiB (never `32763400Ki`); without a metrics API the
// columns say so calmly instead of failing. The real `kubectl top` agrees on which pods have usage.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { createKubectl, type Kubectl } from '@argus/kube-sim/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCluster, setupAdmin, signIn } from './support/argus-api.js';
import { type ArgusProcess, startArgus } from './support/argus-process.js';
import { chromiumAvailable, launch, screenshot } from './support/browser.js';
import { buildWeb } from './support/web-build.js';

const ADMIN = { email: 'admin@example.com', password: 'correct-horse-battery' };

/** "250m · 50%" / "1.5 cores" → millicores; "512 MiB · 10%" → bytes. */
function figure(text: string): number {
  const m = /^([\d.]+)\s*(m|cores?|B|KiB|MiB|GiB|TiB)\b/.exec(text.trim());
  if (!m) return Number.NaN;
  const n = Number(m[1]);
  const unit = m[2] ?? '';
  if (unit === 'm') return n;
  if (unit.startsWith('core')) return n * 1000;
  const pow = ['B', 'KiB', 'MiB', 'GiB', 'TiB'].indexOf(unit);
  return n * 1024 ** pow;
}

describe.skipIf(!chromiumAvailable)('usage columns from metrics.k8s.io', () => {
  let sim: KubeSim;
  let argus: ArgusProcess;
  let browser: Browser;
  let page: Page;
  let clusterId: string;
  let kubectl: Kubectl;
  let dir: string;

  beforeAll(async () => {
    await buildWeb();
    sim = await startKubeSim({ scenario: 'demo', seed: 1 });
    dir = mkdtempSync(join(tmpdir(), 'argus-e2e-usage-'));
    sim.writeKubeconfig(join(dir, 'kubeconfig'));
    kubectl = createKubectl(join(dir, 'kubeconfig'));
    argus = await startArgus();
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
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const columnTexts = async (table: ReturnType<Page['getByRole']>, header: string) => {
    const headers = (await table.getByRole('columnheader').allTextContents()).map((h) => h.trim());
    const index = headers.indexOf(header);
    expect(index, headers.join('|')).toBeGreaterThan(-1);
    const rows = await table.getByRole('row').all();
    const out: Array<{ name: string; value: string }> = [];
    for (const row of rows.slice(1)) {
      const cells = (await row.getByRole('cell').allTextContents()).map((c) => c.trim());
      out.push({ name: cells[0] ?? '', value: cells[index] ?? '' });
    }
    return out;
  };

  it('shows CPU and memory usage of pods in human units, sortable, as kubectl top has them', async () => {
    await page.goto(`${argus.url}/clusters/${clusterId}/pods?namespace=payments`);
    const table = page.getByRole('table', { name: 'Pod list' });
    await table.getByRole('row').nth(2).waitFor({ timeout: 30_000 });
    await expect
      .poll(async () => (await columnTexts(table, 'CPU')).filter((c) => /\d+(m|\score)/.test(c.value)).length, {
        timeout: 30_000,
      })
      .toBeGreaterThan(2);

    const top = await kubectl.run(['top', 'pods', '-n', 'payments', '--no-headers']);
    expect(top.code, top.stderr).toBe(0);
    const withUsage = top.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split(/\s+/)[0]);
    expect(withUsage.length).toBeGreaterThan(2);
    const cpu = await columnTexts(table, 'CPU');
    const memory = await columnTexts(table, 'Memory');
    for (const name of withUsage) {
      const c = cpu.find((x) => x.name === name);
      expect(c?.value, name).toMatch(/^\d+(\.\d+)?(m| cores?)/);
      expect(memory.find((x) => x.name === name)?.value, name).toMatch(/^\d+(\.\d+)? (KiB|MiB|GiB)/);
    }
    // payment-gateway's pods (not its finished migration Job's): usage against the 250m request: a percentage
    expect(cpu.find((x) => /^payment-gateway-[a-z0-9]{10}-[a-z0-9]{5}$/.test(x.name))?.value).toMatch(/ · \d+%$/);

    // numbers sort descending first (react-table), a second click ascending
    await table.getByRole('button', { name: /^CPU/ }).click();
    await page.waitForURL(/sort=-cpu-usage/);
    const figures = async () =>
      (await columnTexts(table, 'CPU')).map((c) => figure(c.value)).filter((n) => !Number.isNaN(n));
    // The URL changes first; the rows follow in the next renders (read them until they settle).
    const sortedBy = async (cmp: (a: number, b: number) => number) => {
      const got = await figures();
      return got.length > 2 && got.every((n, i) => i === 0 || cmp(got[i - 1] as number, n) <= 0);
    };
    await expect.poll(() => sortedBy((a, b) => b - a), { timeout: 15_000 }).toBe(true);
    await table.getByRole('button', { name: /^CPU/ }).click();
    await page.waitForURL(/sort=cpu-usage/);
    await expect.poll(() => sortedBy((a, b) => a - b), { timeout: 15_000 }).toBe(true);
    await screenshot(page, 'usage-1-pods');
  }, 120_000);

  it('shows node usage against allocatable, and allocatable memory in GiB', async () => {
    await page.goto(`${argus.url}/clusters/${clusterId}/nodes`);
    const table = page.getByRole('table', { name: 'Node list' });
    // the placeholder row ("Loading…") is a row too: wait for the three nodes
    await expect.poll(async () => (await columnTexts(table, 'Memory allocatable')).length, { timeout: 30_000 }).toBe(3);
    const allocatable = await columnTexts(table, 'Memory allocatable');
    for (const a of allocatable) expect(a.value).toMatch(/^\d+(\.\d)? GiB$/);
    expect(await table.textContent()).not.toMatch(/\d+Ki\b/);
    await expect
      .poll(async () => (await columnTexts(table, 'CPU')).every((c) => / · \d+%$/.test(c.value)), { timeout: 30_000 })
      .toBe(true);
    await screenshot(page, 'usage-2-nodes');
  }, 120_000);

  it('says calmly that there is no usage when the cluster serves no metrics.k8s.io', async () => {
    sim.registry.remove('metrics.k8s.io', 'v1beta1', 'pods');
    sim.registry.remove('metrics.k8s.io', 'v1beta1', 'nodes');
    await page.goto(`${argus.url}/clusters/${clusterId}/pods?namespace=payments`);
    const table = page.getByRole('table', { name: 'Pod list' });
    await table.getByRole('row').nth(2).waitFor({ timeout: 30_000 });
    await page.getByRole('columnheader', { name: 'CPU (n/a)' }).waitFor({ timeout: 30_000 });
    expect((await columnTexts(table, 'CPU (n/a)')).every((c) => c.value === '—')).toBe(true);
    expect(await page.getByText(/Could not/).count()).toBe(0);
    const title = await page
      .getByRole('columnheader', { name: 'CPU (n/a)' })
      .locator('span[title]')
      .first()
      .getAttribute('title');
    expect(title).toContain('metrics-server');
    await screenshot(page, 'usage-3-no-metrics');
  }, 120_000);
});
