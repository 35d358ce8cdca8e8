import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterTestServer, startClusterTestServer } from '../test-support/cluster-test-kit.js';

type Pod = {
  metadata: { name: string; namespace: string; labels?: Record<string, string> };
  status?: { phase?: string };
};
type Page = { items: Pod[]; metadata: { continue?: string; remainingItemCount?: number }; source: string };

describe('10,000 pods: list, filter and paginate from the watch cache', () => {
  let s: ClusterTestServer;
  let sim: KubeSim;
  let id: string;
  const get = async (path: string) => {
    const t0 = performance.now();
    const res = await s.fetch(path, { token: s.adminToken });
    const body = (await res.json()) as Page;
    return { status: res.status, body, ms: performance.now() - t0 };
  };

  beforeAll(async () => {
    [s, sim] = await Promise.all([
      startClusterTestServer(),
      startKubeSim({ scenario: 'scale', pods: 10_000, controllers: false }),
    ]);
    const res = await s.fetch('/api/clusters', {
      method: 'POST',
      token: s.adminToken,
      body: JSON.stringify({ name: 'scale', kubeconfig: sim.kubeconfig() }),
    });
    id = ((await res.json()) as { id: string }).id;
  });
  afterAll(async () => {
    await Promise.all([s?.stop(), sim?.close()]);
  });

  it('pages through every pod, filters by label and field, and measures', async () => {
    const base = `/api/clusters/${id}/resources/core/v1/pods`;
    const cold = await get(`${base}?limit=500`);
    expect(cold.status).toBe(200);
    expect(cold.body.source).toBe('cache');
    let total = cold.body.items.length;
    let cont = cold.body.metadata.continue;
    expect(cold.body.metadata.remainingItemCount).toBe(10_000 - 500);
    const seen = new Set(cold.body.items.map((p) => `${p.metadata.namespace}/${p.metadata.name}`));
    while (cont) {
      const page = await get(`${base}?limit=500&continue=${encodeURIComponent(cont)}`);
      total += page.body.items.length;
      for (const p of page.body.items) seen.add(`${p.metadata.namespace}/${p.metadata.name}`);
      cont = page.body.metadata.continue;
    }
    expect(total).toBe(10_000);
    expect(seen.size).toBe(10_000);

    const warmAll = await get(base);
    expect(warmAll.body.items.length).toBe(10_000);
    const page = await get(`${base}?limit=100`);
    const app = page.body.items[0]!.metadata.labels!.app!;
    const ns = page.body.items[0]!.metadata.namespace;
    const byLabel = await get(`${base}?labelSelector=${encodeURIComponent(`app=${app}`)}`);
    expect(byLabel.body.items.length).toBeGreaterThan(0);
    expect(byLabel.body.items.every((p) => p.metadata.labels?.app === app)).toBe(true);
    const byField = await get(
      `${base}?namespace=${ns}&fieldSelector=${encodeURIComponent('status.phase!=Running')}&limit=50`,
    );
    expect(byField.body.items.every((p) => p.metadata.namespace === ns && p.status?.phase !== 'Running')).toBe(true);
    const bySet = await get(`${base}?labelSelector=${encodeURIComponent(`app in (${app},nothing),!missing`)}`);
    expect(bySet.body.items.length).toBe(byLabel.body.items.length);

    const stats = s.module.caches.stats();
    const pods = stats.caches.find((c) => c.resource === 'pods')!;
    expect(pods.objects).toBe(10_000);
    const figures = {
      first_page_cold_ms: Math.round(cold.ms),
      page_500_warm_ms: Math.round((await get(`${base}?limit=500`)).ms),
      all_10000_warm_ms: Math.round(warmAll.ms),
      label_filter_ms: Math.round(byLabel.ms),
      field_filter_ms: Math.round(byField.ms),
      cache_json_bytes_per_pod: Math.round(pods.bytes / pods.objects),
    };
    console.log('scale figures', JSON.stringify(figures));
  });
});
