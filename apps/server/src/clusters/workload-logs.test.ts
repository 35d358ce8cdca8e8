import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterTestServer, startClusterTestServer } from '../test-support/cluster-test-kit.js';

async function until(check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('workload logs', () => {
  let s: ClusterTestServer;
  let sim: KubeSim;
  let id: string;

  beforeAll(async () => {
    [s, sim] = await Promise.all([startClusterTestServer(), startKubeSim({ scenario: 'empty' })]);
    const res = await s.fetch('/api/clusters', {
      method: 'POST',
      token: s.adminToken,
      body: JSON.stringify({ name: 'logs', kubeconfig: sim.kubeconfig() }),
    });
    id = ((await res.json()) as { id: string }).id;
  });
  afterAll(async () => {
    await Promise.all([s?.stop(), sim?.close()]);
  });

  it('follows every pod of a deployment, prefixed [pod/container], while it scales up', async () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
        },
      },
    };
    const created = await s.fetch(`/api/clusters/${id}/resources/apps/v1/deployments?namespace=default`, {
      method: 'POST',
      token: s.adminToken,
      body: JSON.stringify(deployment),
    });
    expect(created.status).toBe(201);
    const podsOf = async () =>
      (
        (await (
          await s.fetch(`/api/clusters/${id}/resources/core/v1/pods?namespace=default&labelSelector=app=web`, {
            token: s.adminToken,
          })
        ).json()) as {
          items: Array<{ metadata: { name: string }; status?: { phase?: string } }>;
        }
      ).items.filter((p) => p.status?.phase === 'Running');
    let running: Array<{ metadata: { name: string } }> = [];
    for (let i = 0; i < 100 && running.length < 1; i++) {
      running = await podsOf();
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(running.length).toBe(1);

    const controller = new AbortController();
    const res = await s.fetch(
      `/api/clusters/${id}/logs?namespace=default&workload=deployment/web&follow=true&tailLines=2`,
      { token: s.adminToken, signal: controller.signal },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    let text = '';
    const reader = res.body!.getReader();
    const reading = (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          text += new TextDecoder().decode(value);
        }
      } catch {
        // aborted
      }
    })();
    const podsInLog = () => new Set([...text.matchAll(/^\[([^/\]]+)\/nginx\] /gm)].map((m) => m[1]));
    await until(() => podsInLog().size === 1);

    const scale = await s.fetch(`/api/clusters/${id}/resources/apps/v1/deployments/web?namespace=default`, {
      method: 'PATCH',
      token: s.adminToken,
      headers: { 'Content-Type': 'application/merge-patch+json' },
      body: '{"spec":{"replicas":3}}',
    });
    expect(scale.status).toBe(200);
    await until(() => podsInLog().size === 3, 30_000);
    expect(
      text
        .split('\n')
        .filter(Boolean)
        .every((l) => /^\[web-[^/]+\/nginx\] /.test(l)),
    ).toBe(true);
    controller.abort();
    await reading;
  });

  it('without follow, returns each pod once and ends; a label selector works too', async () => {
    const res = await s.fetch(`/api/clusters/${id}/logs?namespace=default&labelSelector=app=web&tailLines=1`, {
      token: s.adminToken,
    });
    const text = await res.text();
    const pods = new Set([...text.matchAll(/^\[([^/\]]+)\/nginx\] /gm)].map((m) => m[1]));
    expect(pods.size).toBe(3);
    const bad = await s.fetch(`/api/clusters/${id}/logs?namespace=default&workload=deployment/nope`, {
      token: s.adminToken,
    });
    expect(bad.status).toBe(404);
  });
});
