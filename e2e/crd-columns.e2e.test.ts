// @vitest-environment node
// Custom resources in the UI (issue 23, item 3), in Chromium against the real server and kube-sim's demo:
// the sidebar groups the CRD kinds by API group, each kind once, collapsible and filterable; the KEDA
// ScaledObject list shows kubectl's columns with kubectl's values, and a row follows a change live.
// Screenshots: 80, 81.
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

/** kubectl's table as rows of cells, cut at the header's column starts. */
function parseTable(text: string): Array<Record<string, string>> {
  const [header, ...lines] = text.split('\n').filter((l) => l.trim() !== '');
  if (!header) return [];
  const starts = [...header.matchAll(/\S+(?: \S+)*/g)].map((m) => ({ name: m[0], at: m.index ?? 0 }));
  return lines.map((line) =>
    Object.fromEntries(starts.map((s, i) => [s.name, line.slice(s.at, starts[i + 1]?.at ?? line.length).trim()])),
  );
}

describe.skipIf(!chromiumAvailable)('custom resources: sidebar and kubectl columns', () => {
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
    dir = mkdtempSync(join(tmpdir(), 'argus-e2e-crd-'));
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

  it('groups custom kinds by API group, each once, collapsible and filterable', async () => {
    await page.goto(`${argus.url}/clusters/${clusterId}`);
    const nav = page.getByRole('navigation', { name: 'Main' });
    const custom = nav.getByRole('group', { name: 'Custom resources' });
    const istio = custom.getByRole('button', { name: /^networking\.istio\.io/ });
    await istio.waitFor({ timeout: 30_000 });
    // Closed at first: no kinds listed until a group is opened.
    expect(await istio.getAttribute('aria-expanded')).toBe('false');
    expect(await custom.getByRole('link').count()).toBe(0);
    await istio.click();
    expect(await istio.getAttribute('aria-expanded')).toBe('true');
    // VirtualService is served in several versions by the demo's CRD: one entry.
    await expect.poll(() => custom.getByRole('link', { name: 'VirtualService', exact: true }).count()).toBe(1);
    await screenshot(page, '80-sidebar-custom-resources');
    await istio.click();
    expect(await custom.getByRole('link').count()).toBe(0);

    // Every custom kind the cluster serves is reachable: the groups hold each (group, plural) once.
    const served = (await kubectl.run(['api-resources', '--no-headers', '-o', 'name'])).stdout
      .split('\n')
      .map((n) => n.trim())
      // Custom groups as the UI tells them apart: a dotted group not ending in .k8s.io (built-in groups).
      .filter((n) => {
        const group = n.slice(n.indexOf('.') + 1);
        return n.includes('.') && group.includes('.') && !group.endsWith('.k8s.io');
      });
    const groupButtons = await custom.getByRole('button').all();
    let listed = 0;
    for (const b of groupButtons) listed += Number((await b.textContent())?.match(/(\d+)$/)?.[1] ?? 0);
    expect(listed).toBe(new Set(served).size);
    expect(listed).toBeGreaterThan(40);

    await custom.getByRole('searchbox', { name: 'Kinds of custom resources' }).fill('scaledob');
    const so = custom.getByRole('link', { name: 'ScaledObject', exact: true });
    await so.waitFor();
    expect(await custom.getByRole('link').count()).toBe(1);
    await so.click();
    await page.waitForURL(/\/keda\.sh~v1alpha1~scaledobjects/);
  }, 120_000);

  it('lists ScaledObjects with kubectl’s columns and values, live', async () => {
    const table = page.getByRole('table', { name: 'ScaledObject list' });
    await table.getByRole('row').nth(2).waitFor({ timeout: 30_000 });
    const headers = (await table.getByRole('columnheader').allTextContents()).map((h) => h.trim());
    expect(headers).toEqual(
      expect.arrayContaining(['ScaleTargetName', 'Min', 'Max', 'Ready', 'Active', 'Fallback', 'Paused', 'Triggers']),
    );
    const out = await kubectl.run(['get', 'scaledobjects.keda.sh', '-A']);
    expect(out.code, out.stderr).toBe(0);
    const expected = parseTable(out.stdout);
    expect(expected.length).toBeGreaterThan(1);
    await expect.poll(() => table.getByRole('row').count()).toBe(expected.length + 1);
    const uiRows = await table.getByRole('row').all();
    for (const row of uiRows.slice(1)) {
      const cells = (await row.getByRole('cell').allTextContents()).map((c) => (c.trim() === '—' ? '' : c.trim()));
      const byHeader = Object.fromEntries(headers.map((h, i) => [h.toUpperCase(), cells[i] ?? '']));
      const want = expected.find((r) => r.NAME === byHeader.NAME && r.NAMESPACE === byHeader.NAMESPACE);
      expect(want, JSON.stringify(byHeader)).toBeDefined();
      for (const col of ['SCALETARGETKIND', 'SCALETARGETNAME', 'MIN', 'MAX', 'READY', 'ACTIVE', 'FALLBACK', 'PAUSED'])
        expect(byHeader[col], `${byHeader.NAME} ${col}`).toBe(want?.[col]);
      expect(byHeader.TRIGGERS).toBe(want?.TRIGGERS);
    }
    await screenshot(page, '81-scaledobjects-columns');

    // A change made with kubectl re-evaluates the row's columns without a reload.
    const target = expected.find((r) => r.MAX !== '') ?? expected[0];
    const patched = await kubectl.run([
      'patch',
      'scaledobjects.keda.sh',
      target?.NAME ?? '',
      '-n',
      target?.NAMESPACE ?? '',
      '--type=merge',
      '-p',
      '{"spec":{"maxReplicaCount":77}}',
    ]);
    expect(patched.code, patched.stderr).toBe(0);
    const maxIndex = headers.indexOf('Max');
    const row = table
      .getByRole('row')
      .filter({ hasText: target?.NAME ?? '' })
      .first();
    await expect
      .poll(async () => (await row.getByRole('cell').nth(maxIndex).textContent())?.trim(), { timeout: 20_000 })
      .toBe('77');
  }, 120_000);
});
