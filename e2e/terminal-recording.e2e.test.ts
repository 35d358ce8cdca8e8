// @vitest-environment node
// Session recording in the browser (issue 21 item 2): an admin turns recording on at /settings/terminal; a
// shell opened afterwards says it is recorded; its audit row links "Play recording", and the player (bundled
// asciinema-player, no CDN) plays what the shell printed.
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Admin, addCluster, setupAdmin, signIn } from './support/argus-api.js';
import { type ArgusProcess, startArgus } from './support/argus-process.js';
import { chromiumAvailable, launch, screenshot } from './support/browser.js';
import { buildWeb } from './support/web-build.js';

const ADMIN = { email: 'admin@example.com', password: 'correct-horse-battery' };

describe.skipIf(!chromiumAvailable)('terminal session recording in the browser', () => {
  let sim: KubeSim;
  let argus: ArgusProcess;
  let browser: Browser;
  let page: Page;
  let admin: Admin;
  let clusterId: string;
  let pod: string;
  const external: string[] = [];

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
    // nothing may come from elsewhere (the player is bundled, no CDN)
    page.on('request', (req) => {
      if (!req.url().startsWith(argus.url) && !req.url().startsWith('data:') && !req.url().startsWith('blob:'))
        external.push(req.url());
    });
    await signIn(page, argus.url, ADMIN.email, ADMIN.password);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await argus?.stop();
    await sim?.close();
  });

  it('records a shell once an admin turns recording on, and plays it from the audit log', async () => {
    await page.goto(`${argus.url}/settings/terminal`);
    const state = page.getByTestId('recording-state');
    await expect.poll(() => state.textContent(), { timeout: 30_000 }).toBe('Recording is off.');
    await page.getByRole('button', { name: 'Record new sessions' }).click();
    await expect.poll(() => state.textContent(), { timeout: 15_000 }).toBe('Recording is on.');

    await page.goto(
      `${argus.url}/terminal/exec?cluster=${clusterId}&namespace=default&pod=${pod}&container=web&shell=sh`,
    );
    const status = page.getByTestId('exec-terminal-status');
    await expect
      .poll(() => status.textContent(), { timeout: 30_000 })
      .toBe('Connected to web · this session is recorded');
    const screen = async () => (await page.locator('[data-testid="exec-terminal"] .xterm-rows').textContent()) ?? '';
    await expect.poll(screen, { timeout: 15_000 }).toContain('# ');
    await page.locator('[data-testid="exec-terminal"] textarea').focus();
    await page.keyboard.type('echo played-back-later');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await screen()).split('played-back-later').length, { timeout: 15_000 }).toBe(3);
    await page.keyboard.type('exit 0');
    await page.keyboard.press('Enter');
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe('Exited with code 0');

    await page.goto(`${argus.url}/admin/audit?action=terminal.exec.end`);
    const table = page.getByRole('table', { name: 'Audit log' });
    const link = table.getByRole('link', { name: 'Play recording' });
    await expect.poll(() => link.count(), { timeout: 30_000 }).toBe(1);
    await link.click();
    await page.waitForURL('**/admin/audit/recording?id=**', { timeout: 30_000 });
    await expect
      .poll(() => page.getByTestId('recording-title').textContent(), { timeout: 30_000 })
      .toContain(`admin@example.com: default/${pod}/web`);
    const player = page.getByTestId('recording-player');
    await expect.poll(() => player.locator('.ap-player').count(), { timeout: 30_000 }).toBe(1);
    await expect
      .poll(async () => (await player.textContent()) ?? '', { timeout: 30_000 })
      .toContain('played-back-later');
    await screenshot(page, '72-terminal-recording');
    expect(external).toEqual([]);
  });
});
