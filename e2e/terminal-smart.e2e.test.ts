// @vitest-environment node
// The smart terminal (issue 21 item 3) in Chromium against the real server and kube-sim's demo: typing
// `get pods -n payments` prints exactly what the real kubectl prints for the same cluster (ages normalised to
// same-length placeholders); `use namespace` changes the context; a delete asks first and changes nothing
// until confirmed; an unknown command gets kubectl's error.
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
const AGE = /(?<=\s)(\d+d)?(\d+h)?(\d+m)?(\d+s)?(?=\s|$)/gm;
const normalise = (text: string) => text.replace(AGE, (m) => (m ? '~'.repeat(m.length) : m));

describe.skipIf(!chromiumAvailable)('smart terminal in the browser', () => {
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
    dir = mkdtempSync(join(tmpdir(), 'argus-e2e-terminal-smart-'));
    sim.writeKubeconfig(join(dir, 'kubeconfig'));
    kubectl = createKubectl(join(dir, 'kubeconfig'));
    argus = await startArgus();
    const admin = await setupAdmin(argus.url, ADMIN.email, ADMIN.password);
    clusterId = await addCluster(admin, 'sim', sim.kubeconfig({ name: 'sim' }));
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (err) => console.error('page error:', err.stack ?? err.message));
    await signIn(page, argus.url, ADMIN.email, ADMIN.password);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await argus?.stop();
    await sim?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Types a command and returns the new entry's output once it has finished. */
  async function type(command: string): Promise<{ output: string; exitCode: string }> {
    const before = await page.getByTestId('terminal-entry').count();
    const input = page.getByTestId('terminal-input');
    await input.fill(command);
    await input.press('Enter');
    const entry = page.getByTestId('terminal-entry').nth(before);
    await expect.poll(() => entry.getAttribute('data-exit-code'), { timeout: 30_000 }).not.toBe('');
    const output = (await entry.getByTestId('terminal-output').count())
      ? await entry.getByTestId('terminal-output').textContent()
      : '';
    return { output: output ?? '', exitCode: (await entry.getAttribute('data-exit-code')) ?? '' };
  }

  it('prints get pods -n payments exactly as kubectl does', async () => {
    await page.goto(`${argus.url}/terminal?cluster=${clusterId}`);
    await page.getByTestId('terminal-input').waitFor({ timeout: 30_000 });
    let got = await type('get pods -n payments');
    let want = await kubectl.run(['get', 'pods', '-n', 'payments']);
    if (normalise(got.output) !== normalise(want.stdout)) {
      // an age ticked over between the two: once more
      got = await type('get pods -n payments');
      want = await kubectl.run(['get', 'pods', '-n', 'payments']);
    }
    expect(want.code).toBe(0);
    expect(got.output).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\n/);
    expect(normalise(got.output)).toBe(normalise(want.stdout));
    expect(got.exitCode).toBe('0');
    await screenshot(page, 'terminal-smart-1-get-pods');
  });

  it('keeps a namespace context and prints kubectl’s errors', async () => {
    expect((await type('use namespace payments')).exitCode).toBe('0');
    await expect.poll(() => page.url()).toContain('namespace=payments');
    const got = await type('get deployments');
    const want = await kubectl.run(['get', 'deployments', '-n', 'payments']);
    expect(normalise(got.output)).toBe(normalise(want.stdout));
    const bad = await type('get widgets');
    expect(bad).toEqual({ output: 'error: the server doesn\'t have a resource type "widgets"\n', exitCode: '1' });
  });

  it('asks before a delete and changes nothing until confirmed', async () => {
    await kubectl.run(['create', 'configmap', 'scratch', '-n', 'payments', '--from-literal=a=b']);
    const input = page.getByTestId('terminal-input');
    await input.fill('delete configmap scratch');
    await input.press('Enter');
    const confirm = page.getByTestId('terminal-confirm').last();
    await expect.poll(() => confirm.textContent(), { timeout: 30_000 }).toContain('Delete configmap/scratch');
    expect((await kubectl.run(['get', 'configmap', 'scratch', '-n', 'payments'])).code).toBe(0);
    await screenshot(page, 'terminal-smart-2-confirm');
    await confirm.getByRole('button', { name: 'Yes' }).click();
    const entries = page.getByTestId('terminal-entry');
    await expect
      .poll(
        async () =>
          entries
            .last()
            .getByTestId('terminal-output')
            .textContent()
            .catch(() => ''),
        {
          timeout: 30_000,
        },
      )
      .toBe('configmap "scratch" deleted\n');
    expect((await kubectl.run(['get', 'configmap', 'scratch', '-n', 'payments'])).code).toBe(1);
  });

  it('streams get -w over the socket until Ctrl+C', async () => {
    const before = await page.getByTestId('terminal-entry').count();
    const input = page.getByTestId('terminal-input');
    await input.fill('get configmaps -n payments -w');
    await input.press('Enter');
    const entry = page.getByTestId('terminal-entry').nth(before);
    const output = () =>
      entry
        .getByTestId('terminal-output')
        .textContent()
        .catch(() => '');
    await expect.poll(output, { timeout: 30_000 }).toMatch(/^NAME\s+DATA\s+AGE\n/);
    await kubectl.run(['create', 'configmap', 'streamed', '-n', 'payments', '--from-literal=a=b']);
    await expect.poll(output, { timeout: 30_000 }).toMatch(/\nstreamed\s+1\s+\S+\n$/);
    await screenshot(page, 'terminal-smart-3-watch');
    await input.press('Control+c');
    await expect.poll(() => entry.getAttribute('data-exit-code'), { timeout: 30_000 }).toBe('130');
  });

  it('completes kinds and names with Tab, from what the cluster serves', async () => {
    const input = page.getByTestId('terminal-input');
    await input.fill('get deploym');
    await input.press('Tab');
    await expect.poll(() => input.inputValue(), { timeout: 30_000 }).toBe('get deployments ');
    await input.pressSequentially('payment-g');
    await input.press('Tab');
    await expect.poll(() => input.inputValue(), { timeout: 30_000 }).toBe('get deployments payment-gateway ');
    const got = await type(await input.inputValue());
    const want = await kubectl.run(['get', 'deployments', 'payment-gateway', '-n', 'payments']);
    expect(normalise(got.output)).toBe(normalise(want.stdout));
  });
});
