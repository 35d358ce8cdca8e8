// @vitest-environment node
// The assistant's confirmation flow in Chromium (issue 20): with no provider the panel says how to configure
// one; an admin points Argus at a local server speaking OpenAI's streaming wire format; an operator, on a
// Deployment's page, asks to scale it to 3 — the model answers with a `scale` tool call, the panel shows a card
// with the exact change and nothing changes; Approve runs it as the operator, kube-sim shows 3 replicas and
// the audit log has the change under the operator.
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeProvider, startFakeProvider } from '../apps/server/src/ai/test-support/fake-provider.js';
import { type Admin, addCluster, setupAdmin, signIn } from './support/argus-api.js';
import { type ArgusProcess, startArgus } from './support/argus-process.js';
import { chromiumAvailable, launch, screenshot } from './support/browser.js';
import { buildWeb } from './support/web-build.js';

const PASSWORD = 'correct-horse-battery';
const WORKLOAD = `apiVersion: v1
kind: Namespace
metadata: { name: shop }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: web, image: nginx:1.26 }]
`;

interface AuditItem {
  action: string;
  user_id: string | null;
  user_email: string | null;
  outcome: string;
}

describe.skipIf(!chromiumAvailable)('assistant panel: ask, confirm, approve', () => {
  let sim: KubeSim;
  let fake: FakeProvider;
  let argus: ArgusProcess;
  let admin: Admin;
  let browser: Browser;
  let page: Page;
  let clusterId: string;
  let operatorId: string;

  /** The Deployment's replicas as kube-sim itself has them (not through Argus). */
  const replicas = async () => {
    const res = await fetch(`${sim.url}/apis/apps/v1/namespaces/shop/deployments/web`, {
      headers: { authorization: `Bearer ${sim.tokens.admin}` },
    });
    return ((await res.json()) as { spec: { replicas: number } }).spec.replicas;
  };

  beforeAll(async () => {
    await buildWeb();
    [sim, fake] = await Promise.all([startKubeSim({ tls: false, scenario: 'empty' }), startFakeProvider('openai')]);
    // The "model": a scale request becomes a tool call; once the tool's result is back, a short answer.
    fake.respond((body) => {
      const messages = (body.messages ?? []) as Array<{ role: string; content?: unknown }>;
      const last = messages.at(-1);
      if (last?.role === 'tool') return { text: 'Done: **web** now runs 3 replicas.' };
      if (JSON.stringify(last?.content ?? '').includes('scale deployment web to 3')) {
        return {
          text: 'I will scale the deployment.',
          toolCalls: [
            { name: 'scale', arguments: { kind: 'deployment', name: 'web', namespace: 'shop', replicas: 3 } },
          ],
        };
      }
      return { text: 'pong' };
    });
    argus = await startArgus();
    admin = await setupAdmin(argus.url);
    clusterId = await addCluster(admin, 'sim', sim.kubeconfig({ name: 'sim' }));
    const applied = await fetch(`${argus.url}/api/clusters/${clusterId}/apply?dryRun=false`, {
      method: 'POST',
      headers: { 'content-type': 'application/yaml', authorization: `Bearer ${admin.token}` },
      body: WORKLOAD,
    });
    expect(applied.status, await applied.clone().text()).toBe(200);
    const user = await admin.call<{ id: string }>(
      'POST',
      '/api/users',
      { email: 'olga@example.com', name: 'Olga Operator', password: PASSWORD },
      admin.token,
    );
    operatorId = user.id;
    await admin.call('POST', '/api/roles/assign', { user_id: user.id, role: 'operator' }, admin.token);
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (err) => console.error('page error:', err.message));
  }, 300_000);

  // When a step fails, say what the panel showed and what the "model" was asked.
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail' || !page) return;
    const panel = await page
      .getByTestId('ai-panel')
      .textContent({ timeout: 2000 })
      .catch(() => '(no panel)');
    console.error(
      `panel: ${panel}\nrequests to the provider: ${fake?.received.length}\n${argus?.output().slice(-3000)}`,
    );
    await screenshot(page, '69-assistant-failure').catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await argus?.stop();
    await Promise.all([sim?.close(), fake?.close()]);
  });

  it('says how to configure a provider while none is', async () => {
    await signIn(page, argus.url, 'olga@example.com', PASSWORD);
    await page.getByTestId('ai-toggle').click();
    const notice = page.getByTestId('ai-not-configured');
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.textContent()).toMatch(/no AI provider configured/i);
    expect(await notice.textContent()).toMatch(/administrator/);
    await page.getByRole('button', { name: 'Close the panel' }).click();
    await page.getByTestId('ai-panel').waitFor({ state: 'detached' });
  });

  it('an admin points Argus at the provider and the settings page tests the connection', async () => {
    await admin.call(
      'PUT',
      '/api/settings/ai',
      {
        providers: [
          {
            provider: 'openai',
            model: 'fake-model',
            base_url: fake.baseUrl,
            api_key: 'sk-e2e-0123456789abcdef',
            enabled: true,
            is_default: true,
          },
        ],
        tool_permission_level: 'all',
      },
      admin.token,
    );
    const adminPage = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await signIn(adminPage, argus.url, 'admin@example.com', PASSWORD);
      await adminPage.goto(`${argus.url}/settings/ai`);
      await adminPage.getByLabel('Model').waitFor({ timeout: 30_000 });
      expect(await adminPage.getByLabel('Model').inputValue()).toBe('fake-model');
      expect(await adminPage.getByLabel('API key').getAttribute('placeholder')).toMatch(/stored/);
      await adminPage.getByRole('button', { name: 'Test connection' }).click();
      await expect
        .poll(() => adminPage.getByTestId('ai-test-openai').textContent(), { timeout: 30_000 })
        .toMatch(/^Connected: fake-model/);
    } finally {
      await adminPage.close();
    }
  });

  it('asks to scale from the Deployment page, shows the change, and scales only after Approve', async () => {
    await page.goto(`${argus.url}/clusters/${clusterId}/deployments/shop/web`);
    await page.getByTestId('ai-toggle').click();
    await expect
      .poll(() => page.getByTestId('ai-context').textContent(), { timeout: 30_000 })
      .toContain('deployments/web');
    const input = page.getByLabel('Message to the assistant');
    await input.fill('scale deployment web to 3');
    await input.press('Enter');

    const card = page.getByTestId('ai-confirmation-card');
    await card.waitFor({ timeout: 60_000 });
    const cardText = (await card.textContent()) ?? '';
    expect(cardText).toMatch(/from 1 to 3 replicas/);
    expect(cardText).toMatch(/replicas: 3/);
    expect(cardText).toMatch(/nothing has changed yet/);
    await screenshot(page, '60-assistant-confirmation');
    // The model's request carried the page's context, and nothing has changed yet.
    expect(fake.allReceived()).toContain('shop');
    expect(await replicas()).toBe(1);

    await card.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(replicas, { timeout: 60_000, interval: 500 }).toBe(3);
    await page.getByText('now runs 3 replicas').waitFor({ timeout: 60_000 });
    expect(await card.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    await screenshot(page, '61-assistant-approved');

    const audit = await admin.call<{ items: AuditItem[] }>(
      'GET',
      '/api/audit-log?action=ai.tool.scale.execute',
      undefined,
      admin.token,
    );
    expect(audit.items).toEqual([
      expect.objectContaining({ user_id: operatorId, user_email: 'olga@example.com', outcome: 'success' }),
    ]);
  }, 240_000);

  it('keeps the conversation in the operator’s history', async () => {
    await page.getByRole('button', { name: 'History' }).click();
    const history = page.getByRole('navigation', { name: 'Your conversations' });
    await history.getByText('scale deployment web to 3').waitFor({ timeout: 30_000 });
  });
});
