/**
 * A confirmation works across replicas and restarts: two servers share one PostgreSQL database (and secrets);
 * the card is made on replica A, A stops, and the user approves on replica B, which runs the change.
 */
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningServer } from '../lifecycle/start-server.js';
import { until } from '../test-support/operations-fixture.js';
import { type ReplicaSet, startReplicas } from '../test-support/replica-set.js';
import { framesOf, parseFrames } from './test-support/assistant-kit.js';
import { type FakeProvider, startFakeProvider } from './test-support/fake-provider.js';

describe.skipIf(!inject('postgresAdminUrl'))('confirmations across replicas', () => {
  let set: ReplicaSet;
  let replicas: RunningServer[] = [];
  let sim: KubeSim;
  let fake: FakeProvider;
  let clusterId = '';
  const http = (r: RunningServer, path: string, init: RequestInit = {}) => set.http(r, path, init);

  beforeAll(async () => {
    [sim, fake] = await Promise.all([
      startKubeSim({ scenario: 'empty', controllerTimings: { startMs: 300 } }),
      startFakeProvider('anthropic'),
    ]);
    set = await startReplicas(2);
    replicas = set.replicas;
    const [a] = replicas as [RunningServer];
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
    await set?.close();
    await Promise.all([sim?.close(), fake?.close()]);
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
