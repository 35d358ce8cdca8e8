// @vitest-environment node
// A shell in a pod from the browser (issue 21 items 1 and 2): "Terminal" on a pod's page opens xterm on
// `/ws/terminal`; typing `ls /` shows the container's listing, `exit 3` ends the session showing exit code 3,
// and the audit log has the session's start and end with that exit code. A viewer gets no Terminal button.
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Admin, addCluster, setupAdmin, signIn } from './support/argus-api.js';
import { type ArgusProcess, startArgus } from './support/argus-process.js';
import { chromiumAvailable, launch, screenshot } from './support/browser.js';
import { buildWeb } from './support/web-build.js';

const ADMIN = { email: 'admin@example.com', password: 'correct-horse-battery' };

describe.skipIf(!chromiumAvailable)('exec terminal in the browser', () => {
  let sim: KubeSim;
  let argus: ArgusProcess;
  let browser: Browser;
  let page: Page;
  let admin: Admin;
  let clusterId: string;
  let pod: string;

  beforeAll(async () => {
    await buildWeb();
    sim = await startKubeSim({ scenario: 'demo', seed: 2 });
    argus = await startArgus();
    admin = await setupAdmin(argus.url, ADMIN.email, ADMIN.password);
    clusterId = await addCluster(admin, 'sim', sim.kubeconfig({ name: 'sim' }));
    const pods = (await (
      await fetch(`${sim.url}/api/v1/namespaces/default/pods?labelSelector=app%3Dhello-web`, {
        headers: { Authorization: `Bearer ${sim.tokens.admin}` },
      })
    ).json()) as { items: Array<{ metadata: { name: string } }> };
    pod = pods.items[0]!.metadata.name;
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (err) => console.error('page error:', err.message));
    await signIn(page, argus.url, ADMIN.email, ADMIN.password);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await argus?.stop();
    await sim?.close();
  });

  const screen = async () => (await page.locator('[data-testid="exec-terminal"] .xterm-rows').textContent()) ?? '';

  it('types ls and exit 3 into a pod terminal: the listing, then the exit code, audited', async () => {
    await page.goto(`${argus.url}/clusters/${clusterId}/pods/default/${pod}`);
    // Each container card has its Shell shortcut too.
    await expect
      .poll(
        () => page.getByRole('region', { name: 'Container web' }).getByRole('link', { name: 'Shell in web' }).count(),
        {
          timeout: 30_000,
        },
      )
      .toBe(1);
    await page.getByRole('link', { name: `Terminal in ${pod}` }).click();
    await page.waitForURL('**/terminal/exec?**', { timeout: 30_000 });
    const status = page.getByTestId('exec-terminal-status');
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toBe('Connected to web');
    await expect.poll(screen, { timeout: 15_000 }).toContain('# ');
    await page.locator('[data-testid="exec-terminal"] textarea').focus();
    await page.keyboard.type('ls /');
    await page.keyboard.press('Enter');
    await expect.poll(screen, { timeout: 15_000 }).toMatch(/etc/);
    await screenshot(page, '70-terminal-exec');
    // The terminal follows its panel: a smaller window, fewer columns, and the shell is told.
    await page.keyboard.type('stty size');
    await page.keyboard.press('Enter');
    await expect.poll(screen, { timeout: 15_000 }).toMatch(/stty size(\d+) (\d+)/);
    const [, rows1, cols1] = /stty size(\d+) (\d+)/.exec(await screen())!;
    await page.setViewportSize({ width: 1000, height: 700 });
    await page.keyboard.type('stty size');
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => [...(await screen()).matchAll(/stty size(\d+) (\d+)/g)].length, { timeout: 15_000 })
      .toBe(2);
    const [, rows2, cols2] = [...(await screen()).matchAll(/stty size(\d+) (\d+)/g)][1]!;
    expect(Number(cols2)).toBeLessThan(Number(cols1));
    expect(Number(rows2)).toBeLessThan(Number(rows1));
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.keyboard.type('exit 3');
    await page.keyboard.press('Enter');
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe('Exited with code 3');
    // xterm draws its rows on the next animation frame.
    await expect.poll(screen, { timeout: 5_000 }).toContain('[process exited with code 3]');

    await expect
      .poll(
        async () => {
          const log = await admin.call<{
            items: Array<{ action: string; resource_name: string; request_body: { exit_code?: number } }>;
          }>('GET', '/api/audit-log?action=terminal.exec.end', undefined, admin.token);
          return log.items.find((e) => e.resource_name === pod)?.request_body.exit_code;
        },
        { timeout: 10_000 },
      )
      .toBe(3);
  });

  it('shows the session in the audit log with its exit code', async () => {
    await page.goto(`${argus.url}/admin/audit?action=terminal.exec.end`);
    const table = page.getByRole('table', { name: 'Audit log' });
    await expect.poll(() => table.getByText(`default/${pod} (web)`).count(), { timeout: 30_000 }).toBe(1);
    const row = table.getByRole('row').filter({ hasText: `default/${pod} (web)` });
    expect(await row.textContent()).toMatch(/sh · exit 3 · \d+ s · \d+ B in \/ [\d.]+ (B|KiB) out/);
  });

  it('opens a terminal on a deployment in one of its pods, picked from a list', async () => {
    await page.goto(`${argus.url}/clusters/${clusterId}/deployments/default/hello-web`);
    await page.getByRole('link', { name: 'Terminal in hello-web' }).click();
    await page.waitForURL('**/terminal/exec?**', { timeout: 30_000 });
    const status = page.getByTestId('exec-terminal-status');
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toBe('Connected to web');
    const picker = page.getByLabel('Pod');
    const options = await picker.locator('option').allTextContents();
    const running = (await (
      await fetch(
        `${sim.url}/api/v1/namespaces/default/pods?labelSelector=app%3Dhello-web&fieldSelector=status.phase%3DRunning`,
        { headers: { Authorization: `Bearer ${sim.tokens.admin}` } },
      )
    ).json()) as { items: Array<{ metadata: { name: string } }> };
    expect(options.sort()).toEqual(running.items.map((p) => p.metadata.name).sort());
    await picker.selectOption(options.at(-1)!);
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toBe('Connected to web');
    await expect.poll(screen, { timeout: 15_000 }).toContain('# ');
  });

  it('shows a viewer no Terminal button, and the terminal page says why', async () => {
    const viewer = await admin.call<{ id: string }>(
      'POST',
      '/api/users',
      { email: 'viewer@example.com', name: 'Vi', password: ADMIN.password },
      admin.token,
    );
    await admin.call('POST', '/api/roles/assign', { user_id: viewer.id, role: 'viewer' }, admin.token);
    const vpage = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(vpage, argus.url, 'viewer@example.com', ADMIN.password);
    await vpage.goto(`${argus.url}/clusters/${clusterId}/pods/default/${pod}`);
    await expect.poll(() => vpage.getByRole('region', { name: 'Container web' }).count(), { timeout: 30_000 }).toBe(1);
    expect(await vpage.getByRole('link', { name: `Terminal in ${pod}` }).count()).toBe(0);
    expect(await vpage.getByRole('link', { name: 'Shell in web' }).count()).toBe(0);
    await vpage.goto(`${argus.url}/terminal/exec?cluster=${clusterId}&namespace=default&pod=${pod}`);
    await expect.poll(() => vpage.getByText('it needs pods:exec').count(), { timeout: 30_000 }).toBe(1);
    await vpage.close();
  });
});
