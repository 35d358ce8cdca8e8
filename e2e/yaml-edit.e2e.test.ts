// @vitest-environment node
// Editing objects other tools made (issue 23, item 4), in Chromium against the real server and kube-sim,
// the objects made by the real kubectl: the YAML tab saves over fields kubectl owns; a change made with
// kubectl while the editor is open is shown as a diff, not overwritten; the multi-document apply names the
// conflicting manager and field and takes ownership on request. Screenshots: 82, 83, 84.
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

describe.skipIf(!chromiumAvailable)('editing YAML of objects kubectl made', () => {
  let sim: KubeSim;
  let argus: ArgusProcess;
  let browser: Browser;
  let page: Page;
  let clusterId: string;
  let kubectl: Kubectl;
  let dir: string;
  const color = async (name: string) =>
    (await kubectl.run(['get', 'configmap', name, '-n', 'default', '-o', 'jsonpath={.data.color}'])).stdout;

  /** Replaces `from` with `to` on the editor's line holding `from`, typing as a person would. */
  async function retype(from: string, to: string) {
    await page.locator('.cm-line', { hasText: from }).click();
    await page.keyboard.press('End');
    for (let i = 0; i < from.length; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type(to);
  }

  beforeAll(async () => {
    await buildWeb();
    sim = await startKubeSim({ scenario: 'empty' });
    dir = mkdtempSync(join(tmpdir(), 'argus-e2e-yaml-'));
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

  it('saves an edit of a ConfigMap made with kubectl create', async () => {
    const made = await kubectl.run([
      'create',
      'configmap',
      'made-by-kubectl',
      '-n',
      'default',
      '--from-literal=color=blue',
    ]);
    expect(made.code, made.stderr).toBe(0);
    await page.goto(`${argus.url}/clusters/${clusterId}/configmaps/default/made-by-kubectl?tab=yaml`);
    await page.getByRole('button', { name: 'Edit' }).click({ timeout: 30_000 });
    await retype('blue', 'green');
    await page.getByRole('button', { name: 'Review changes (dry run)' }).click();
    const diff = page.getByRole('region', { name: 'Dry-run result' }).getByTestId('diff');
    await expect.poll(async () => diff.textContent(), { timeout: 15_000 }).toContain('+  color: green');
    expect(await color('made-by-kubectl')).toBe('blue'); // a dry run changes nothing
    await screenshot(page, '82-yaml-edit-diff');
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Applied' }).waitFor({ timeout: 15_000 });
    expect(await color('made-by-kubectl')).toBe('green');
  }, 90_000);

  it('shows a change made meanwhile as a diff instead of overwriting it', async () => {
    await page.locator('.cm-line', { hasText: 'color: green' }).waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Edit' }).click();
    await retype('green', 'purple');
    // Someone else changes the object while the editor is open.
    const theirs = await kubectl.run([
      'patch',
      'configmap',
      'made-by-kubectl',
      '-n',
      'default',
      '-p',
      '{"data":{"color":"red"}}',
    ]);
    expect(theirs.code, theirs.stderr).toBe(0);
    await page.getByRole('button', { name: 'Review changes (dry run)' }).click();
    const changed = page.getByRole('region', { name: 'Changed since you opened the editor' });
    await changed.waitFor({ timeout: 15_000 });
    const theirDiff = (await changed.getByTestId('diff').textContent()) ?? '';
    expect(theirDiff).toContain('-  color: green');
    expect(theirDiff).toContain('+  color: red');
    await screenshot(page, '83-yaml-edit-conflict');
    expect(await color('made-by-kubectl')).toBe('red');
    // Reviewed against the live version: saving would replace their red with my purple, said plainly.
    await changed.getByRole('button', { name: 'Review my edits against the live version' }).click();
    const diff = page.getByRole('region', { name: 'Dry-run result' }).getByTestId('diff');
    await expect.poll(async () => diff.textContent(), { timeout: 15_000 }).toContain('-  color: red');
    expect(await diff.textContent()).toContain('+  color: purple');
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Applied' }).waitFor({ timeout: 15_000 });
    expect(await color('made-by-kubectl')).toBe('purple');
  }, 90_000);

  it('names the manager and field of a server-side apply conflict and takes ownership on request', async () => {
    const yaml = (c: string) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied-by-kubectl\n  namespace: default\ndata:\n  color: ${c}\n`;
    const applied = await kubectl.run(['apply', '-f', '-'], { input: yaml('amber') });
    expect(applied.code, applied.stderr).toBe(0);
    await page.goto(`${argus.url}/clusters/${clusterId}/configmaps?namespace=default`);
    await page.getByRole('button', { name: 'Apply YAML' }).click({ timeout: 30_000 });
    const panel = page.getByRole('region', { name: 'Apply YAML' });
    await panel.locator('.cm-content').click();
    await page.keyboard.press('Control+a');
    await page.keyboard.insertText(yaml('teal'));
    await panel.getByRole('button', { name: 'Review (dry run)' }).click();
    const conflicts = panel.getByRole('group', { name: 'Conflicts of applied-by-kubectl' });
    await conflicts.waitFor({ timeout: 15_000 });
    expect(await conflicts.textContent()).toContain('kubectl-client-side-apply');
    expect(await conflicts.textContent()).toContain('.data.color');
    await screenshot(page, '84-apply-conflict');
    await panel.getByRole('button', { name: 'Take ownership (force) and review' }).click();
    await panel.getByRole('button', { name: 'Apply, taking ownership' }).click({ timeout: 15_000 });
    await panel.getByRole('status').filter({ hasText: 'Applied' }).waitFor({ timeout: 15_000 });
    expect(await color('applied-by-kubectl')).toBe('teal');
  }, 90_000);
});
