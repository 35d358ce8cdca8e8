// @vitest-environment node
// Notifications in the browser, through the real pipeline: a Deployment whose pods crash-loop in kube-sim
// becomes an alert (short grace and group timers), the pipeline makes the admin's in-app notification and
// pushes it over the tab's WebSocket — the bell's count changes without a reload; the centre lists it with a
// link to the Deployment, marking it read lowers the count; the cluster's alerts view shows it firing; and an
// admin creates a webhook channel in the UI and sees "send test" reach a local receiver, signed per Standard
// Webhooks; an Alertmanager source's token, shown once, is the one its posts are accepted with; preferences
// persist. Screenshots: 80–85.
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCluster, setupAdmin, signIn } from './support/argus-api.js';
import { type ArgusProcess, startArgus } from './support/argus-process.js';
import { chromiumAvailable, launch, screenshot } from './support/browser.js';
import { buildWeb } from './support/web-build.js';

const ADMIN = { email: 'admin@example.com', password: 'correct-horse-battery' };
const DEPLOYMENTS = { group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment', namespaced: true };

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on loopback: answers 204 and keeps what it got. */
async function receiver(): Promise<{ server: Server; url: string; got: Received[] }> {
  const got: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { server, url: `http://127.0.0.1:${port}/hooks/argus`, got };
}

describe.skipIf(!chromiumAvailable)('notifications in the browser', () => {
  let sim: KubeSim;
  let argus: ArgusProcess;
  let browser: Browser;
  let page: Page;
  let clusterId: string;
  let hook: Awaited<ReturnType<typeof receiver>>;
  const frames: Array<{ type: string }> = [];

  beforeAll(async () => {
    await buildWeb();
    hook = await receiver();
    // Pods crash a second after they start and then wait out a long back-off: CrashLoopBackOff for minutes.
    sim = await startKubeSim({
      scenario: 'empty',
      controllerTimings: { startMs: 200, crashAfterMs: 1000, backoffMs: 120_000, maxBackoffMs: 120_000 },
    });
    argus = await startArgus({
      ALERT_GRACE_SECONDS: '1',
      NOTIFY_GROUP_WAIT_SECONDS: '0',
      NOTIFY_GROUP_INTERVAL_SECONDS: '1',
      SIGNALS_EVAL_INTERVAL_MS: '500',
      SIGNALS_LEASE_TTL_MS: '3000',
    });
    const admin = await setupAdmin(argus.url, ADMIN.email, ADMIN.password);
    clusterId = await addCluster(admin, 'sim', sim.kubeconfig({ name: 'sim' }));
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (err) => console.error('page error:', err.message));
    page.on('websocket', (ws) =>
      ws.on('framereceived', (f) => {
        try {
          frames.push(JSON.parse(String(f.payload)) as { type: string });
        } catch {
          // not JSON: not ours
        }
      }),
    );
    await signIn(page, argus.url, ADMIN.email, ADMIN.password);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await argus?.stop();
    await sim?.close();
    await new Promise((r) => hook?.server.close(r));
  });

  const bell = () => page.getByRole('link', { name: /^Notifications:/ });

  it('counts a crash-looping Deployment live on the bell, lists it with a link, and lowers the count when read', async () => {
    await expect.poll(() => bell().getAttribute('aria-label'), { timeout: 30_000 }).toBe('Notifications: none unread');
    await screenshot(page, '80-bell-none');

    sim.store.create(DEPLOYMENTS, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' }, annotations: { 'kube-sim/crash': 'true' } },
          spec: { containers: [{ name: 'web', image: 'ghcr.io/acme/web:1.0' }] },
        },
      },
    });

    // No reload: the count arrives over the WebSocket (and the frame is the server's push).
    await expect.poll(() => bell().getAttribute('aria-label'), { timeout: 90_000 }).toBe('Notifications: 1 unread');
    expect(frames.some((f) => f.type === 'notification')).toBe(true);
    await screenshot(page, '81-bell-one');

    await bell().click();
    await page.waitForURL('**/notifications');
    const list = page.getByRole('list', { name: 'Notification list' });
    const item = list.getByRole('listitem').first();
    await item.waitFor({ timeout: 30_000 });
    const open = item.getByRole('link', { name: 'Open Deployment default/web' });
    expect(await open.getAttribute('href')).toBe(`/clusters/${clusterId}/deployments/default/web`);
    await screenshot(page, '82-notification-centre');

    await item.getByRole('button', { name: /^Mark .* read$/ }).click();
    await expect.poll(() => bell().getAttribute('aria-label'), { timeout: 15_000 }).toBe('Notifications: none unread');

    await open.click();
    await page.waitForURL(`**/clusters/${clusterId}/deployments/default/web`);
    await page.getByRole('heading', { name: /web/ }).first().waitFor({ timeout: 30_000 });

    // The cluster's alerts: the one alert about the Deployment (not one per pod), firing.
    await page.goto(`${argus.url}/clusters/${clusterId}/alerts`);
    const rows = page.getByRole('table', { name: 'Active alerts' }).getByRole('row');
    await rows.nth(1).waitFor({ timeout: 30_000 });
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(1).textContent()).toContain('firing');
    expect(await rows.nth(1).getByRole('link').textContent()).toBe('Deployment default/web');
    await screenshot(page, '83-cluster-alerts');
  }, 180_000);

  it('an admin creates a webhook channel and "send test" reaches the receiver, signed', async () => {
    const key = randomBytes(32);
    const secret = `whsec_${key.toString('base64')}`;
    await page.goto(`${argus.url}/admin/notification-channels`);
    await page.getByRole('button', { name: 'Add channel' }).click();
    const form = page.getByRole('form', { name: 'Add a channel' });
    await form.getByLabel('Name').fill('ops hook');
    await form.getByLabel('URL').fill(hook.url);
    await form.getByLabel('Signing secret').fill(secret);
    await form.getByRole('button', { name: 'Create channel' }).click();
    const row = page.getByRole('table', { name: 'Notification channels' }).getByRole('row', { name: /ops hook/ });
    await row.waitFor({ timeout: 15_000 });
    // The URL is a credential: the list shows its origin only, and never the secret.
    expect(await page.content()).not.toContain(secret);

    await row.getByRole('button', { name: 'Send test to ops hook' }).click();
    await expect.poll(() => row.getByRole('status').textContent(), { timeout: 30_000 }).toMatch(/^Test sent/);
    await screenshot(page, '84-channel-test-sent');

    expect(hook.got).toHaveLength(1);
    const { headers, body } = hook.got[0] as Received;
    const id = String(headers['webhook-id']);
    const ts = String(headers['webhook-timestamp']);
    const expected = createHmac('sha256', key).update(`${id}.${ts}.${body}`).digest('base64');
    expect(String(headers['webhook-signature']).split(' ')).toContain(`v1,${expected}`);
  }, 120_000);

  it('an admin adds an Alertmanager source: the token shown once is the one Alertmanager posts with', async () => {
    await page.goto(`${argus.url}/admin/alert-sources`);
    await page.getByLabel('Name').fill('prometheus-prod');
    await page.getByRole('button', { name: 'Add source' }).click();
    const token = (await page.getByTestId('alert-source-token').textContent()) ?? '';
    expect(token.length).toBeGreaterThan(20);
    const payload = {
      version: '4',
      status: 'firing',
      receiver: 'argus',
      groupKey: '{}:{alertname="DiskFull"}',
      groupLabels: { alertname: 'DiskFull' },
      commonLabels: { alertname: 'DiskFull', severity: 'critical' },
      commonAnnotations: {},
      externalURL: 'http://alertmanager.local',
      alerts: [
        {
          status: 'firing',
          labels: { alertname: 'DiskFull', severity: 'critical', instance: 'db-1' },
          annotations: { summary: 'Disk of db-1 is full' },
          startsAt: new Date().toISOString(),
        },
      ],
    };
    const post = (bearer: string) =>
      fetch(`${argus.url}/api/alerts/alertmanager`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
        body: JSON.stringify(payload),
      });
    expect((await post(token)).ok).toBe(true);
    expect((await post(`${token}x`)).status).toBe(401);
    // Opened again, the page lists the source without its token.
    await page.reload();
    await page
      .getByRole('table', { name: 'Alert sources' })
      .getByRole('row', { name: /prometheus-prod/ })
      .waitFor();
    expect(await page.getByTestId('alert-source-token').count()).toBe(0);
    expect(await page.content()).not.toContain(token);
  }, 60_000);

  it('each user keeps their preferences (dark theme)', async () => {
    await page.goto(`${argus.url}/settings/notifications`);
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await page.getByLabel('Minimum severity').selectOption('critical');
    await page.getByRole('radio', { name: 'Once a day (digest)' }).check();
    await page.getByLabel('Namespaces').fill('default, shop');
    await page.getByRole('checkbox', { name: /Hold channel messages/ }).check();
    await page.getByLabel('From', { exact: true }).fill('22:30');
    await page.getByLabel('Until').fill('06:00');
    await page.getByLabel('Time zone').selectOption('Europe/Berlin');
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor({ timeout: 15_000 });
    await screenshot(page, '85-preferences-dark');

    await page.reload();
    await expect.poll(() => page.getByLabel('Namespaces').inputValue(), { timeout: 30_000 }).toBe('default, shop');
    expect(await page.getByLabel('Minimum severity').inputValue()).toBe('critical');
    expect(await page.getByRole('radio', { name: 'Once a day (digest)' }).isChecked()).toBe(true);
    expect(await page.getByLabel('Time zone').inputValue()).toBe('Europe/Berlin');
    expect(await page.getByLabel('From', { exact: true }).inputValue()).toBe('22:30');
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
  }, 60_000);
});
