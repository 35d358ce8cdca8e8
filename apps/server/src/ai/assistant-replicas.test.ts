/**
 * A confirmation works across replicas and restarts: two servers share one PostgreSQL database (and secrets);
 * the card is made on replica A, A stops, and the user approves on replica B, which runs the change.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { configFrom } from '../config/load-config.js';
import { type RunningServer, startServer } from '../lifecycle/start-server.js';
import { until } from '../test-support/operations-fixture.js';
import { createEmptyPostgresDatabase } from '../test-support/test-database.js';
import { framesOf, parseFrames } from './test-support/assistant-kit.js';
import { type FakeProvider, startFakeProvider } from './test-support/fake-provider.js';

describe.skipIf(!inject('postgresAdminUrl'))('confirmations across replicas', () => {
  const replicas: RunningServer[] = [];
  const dirs: string[] = [];
  let drop: (() => Promise<void>) | undefined;
  let sim: KubeSim;
  let fake: FakeProvider;
  let token = '';
  let clusterId = '';
  const http = (r: RunningServer, path: string, init: RequestInit = {}) =>
    fetch(r.url.replace('localhost', '127.0.0.1') + path, {
      ...init,
      headers: {
        ...(init.body ? { 'Content-Type': 'application/json' } : {}),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
    });

  beforeAll(async () => {
    const db = await createEmptyPostgresDatabase();
    drop = db.drop;
    [sim, fake] = await Promise.all([
      startKubeSim({ scenario: 'empty', controllerTimings: { startMs: 300 } }),
      startFakeProvider('anthropic'),
    ]);
    const secrets = { JWT_SECRET: randomBytes(32).toString('hex'), ENCRYPTION_KEY: randomBytes(32).toString('base64') };
    for (let i = 0; i < 2; i++) {
      const dir = await mkdtemp(join(tmpdir(), 'argus-ai-replica-'));
      dirs.push(dir);
      const config = configFrom({
        ...secrets,
        DATABASE_URL: db.url,
        ARGUS_DATA_DIR: dir,
        PORT: '0',
        GRPC_PORT: '0',
        PROXY_PORT: '0',
        REPLICA_PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        ARGUS_DEMO: 'false',
        RATE_LIMIT_BURST: '1000000',
        AUTH_RATE_LIMIT_BURST: '1000000',
      });
      replicas.push(await startServer(config, pino({ level: 'silent' }), { listen: true }));
    }
    const [a] = replicas as [RunningServer];
    const admin = { email: 'admin@example.com', password: 'correct horse battery staple', name: 'Admin' };
    expect((await http(a, '/api/setup/init', { method: 'POST', body: JSON.stringify(admin) })).status).toBe(201);
    const login = await http(a, '/api/auth/login', { method: 'POST', body: JSON.stringify(admin) });
    token = ((await login.json()) as { access_token: string }).access_token;
    const created = await http(a, '/api/clusters', {
      method: 'POST',
      body: JSON.stringify({ name: 'sim', kubeconfig: sim.kubeconfig() }),
    });
    clusterId = ((await created.json()) as { id: string }).id;
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'api' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'api' } },
        template: {
          metadata: { labels: { app: 'api' } },
          spec: { containers: [{ name: 'api', image: 'nginx:1.27' }] },
        },
      },
    };
    const made = await http(a, `/api/clusters/${clusterId}/resources/apps/v1/deployments?namespace=default`, {
      method: 'POST',
      body: JSON.stringify(deployment),
    });
    expect(made.status).toBe(201);
    const configured = await http(a, '/api/settings/ai', {
      method: 'PUT',
      body: JSON.stringify({
        providers: [
          {
            provider: 'anthropic',
            model: 'm',
            base_url: fake.baseUrl,
            api_key: 'sk-replicas',
            enabled: true,
            is_default: true,
          },
        ],
      }),
    });
    expect(configured.status).toBe(200);
  });
  afterAll(async () => {
    for (const r of replicas) await r.close().catch(() => {});
    await Promise.all([sim?.close(), fake?.close()]);
    await drop?.();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('a card made on replica A is approved on replica B after A stopped', async () => {
    const [a, b] = replicas as [RunningServer, RunningServer];
    fake.script(
      {
        toolCalls: [
          { name: 'scale', arguments: { kind: 'deployment', name: 'api', namespace: 'default', replicas: 3 } },
        ],
      },
      { text: 'api now has 3 replicas.' },
    );
    const conv = await http(a, '/api/ai/conversations', {
      method: 'POST',
      body: JSON.stringify({ cluster_id: clusterId }),
    });
    const { id } = (await conv.json()) as { id: string };
    const res = await http(a, `/api/ai/conversations/${id}/messages`, {
      method: 'POST',
      body: JSON.stringify({ content: 'scale api to 3' }),
    });
    const card = framesOf(parseFrames(await res.text()), 'confirmation')[0]!;
    expect(card.summary).toBe('Scale Deployment default/api from 1 to 3 replicas');
    await a.close();

    const approved = await http(b, `/api/ai/confirmations/${card.id}/approve`, { method: 'POST' });
    expect(approved.status).toBe(200);
    const frames = parseFrames(await approved.text());
    expect(framesOf(frames, 'tool_result')[0]).toMatchObject({ name: 'scale', ok: true });
    expect(
      framesOf(frames, 'text')
        .map((t) => t.text)
        .join(''),
    ).toBe('api now has 3 replicas.');
    const spec = async () => {
      const r = await http(b, `/api/clusters/${clusterId}/resources/apps/v1/deployments/api?namespace=default`);
      return ((await r.json()) as { spec: { replicas: number } }).spec.replicas;
    };
    await until('3 replicas', async () => (await spec()) === 3);
    // and once only, on any replica
    expect((await http(b, `/api/ai/confirmations/${card.id}/approve`, { method: 'POST' })).status).toBe(409);
  });
});
