/**
 * kube-sim's demo scenario: `monitoring/prometheus-operated` answers Prometheus's HTTP API (kube-sim's
 * simulated Prometheus behind the API server's service proxy). The plugin finds it exactly as it would a
 * real one, the charts get data, and PromQL the simulator does not evaluate is refused with a clear error.
 */
import { type PluginTestKit, startPluginTestKit, type TestUser } from '@argus/plugin-sdk/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import plugin from './index.js';

let kit: PluginTestKit;
let viewer: TestUser;
const router = {
  call: (method: string, path: string, opts: { query?: Record<string, string> } = {}) =>
    kit.call(viewer, method, `${path}${opts.query ? `?${new URLSearchParams(opts.query)}` : ''}`),
};

beforeAll(async () => {
  kit = await startPluginTestKit({ plugins: [plugin], sim: { scenario: 'demo', controllers: false } });
  viewer = await kit.user('viewer', [{ role: 'viewer' }]);
});

afterAll(async () => {
  await kit?.close();
});

interface Vector {
  status: string;
  data: { resultType: string; result: { metric: Record<string, string>; value: [number, string] }[] };
}

it('discovers prometheus-operated and reaches it through the service proxy', async () => {
  const status = await router.call('GET', '/status');
  expect(status).toMatchObject({
    status: 200,
    body: {
      source: 'discovered',
      service: { namespace: 'monitoring', name: 'prometheus-operated', port: 'web' },
      reachable: true,
      version: expect.stringContaining('kube-sim'),
    },
  });
  const up = await router.call('GET', '/query', { query: { query: 'sum by (job) (up)' } });
  expect(up.status).toBe(200);
  const jobs = (up.body as Vector).data.result.map((r) => r.metric.job).sort();
  expect(jobs).toEqual(['kubelet', 'node-exporter', 'prometheus-k8s']);
});

it('gives the overview charts CPU and memory per namespace, from the containers', async () => {
  const r = await router.call('GET', '/usage', { query: { scope: 'cluster', range: '1h' } });
  expect(r.status).toBe(200);
  const body = r.body as {
    source: string;
    cpu: { series: { labels: Record<string, string>; points: [number, number][] }[] };
    memory: { series: { labels: Record<string, string>; points: [number, number][] }[] };
  };
  expect(body.source).toBe('cadvisor');
  const namespaces = body.cpu.series.map((s) => s.labels.namespace);
  expect(namespaces).toEqual(expect.arrayContaining(['bookinfo', 'monitoring', 'payments']));
  for (const s of [...body.cpu.series, ...body.memory.series]) expect(s.points.length).toBeGreaterThan(100);
  const cpu = body.cpu.series.find((s) => s.labels.namespace === 'monitoring')?.points.at(-1)?.[1] ?? 0;
  expect(cpu).toBeGreaterThan(0.01);
  expect(cpu).toBeLessThan(16);
  const mem = body.memory.series.find((s) => s.labels.namespace === 'monitoring')?.points.at(-1)?.[1] ?? 0;
  expect(mem).toBeGreaterThan(100 * 2 ** 20);
});

it('agrees with metrics.k8s.io: a pod’s memory working set is what kubectl top reports', async () => {
  const top = kit.sim.sim.store.list(
    { group: '', version: 'v1', resource: 'pods', namespaced: true },
    { namespace: 'bookinfo' },
  );
  expect(top.items.length).toBeGreaterThan(0);
  const q = await router.call('GET', '/query', {
    query: { query: 'sum by (pod) (container_memory_working_set_bytes{namespace="bookinfo",container!=""})' },
  });
  const result = (q.body as Vector).data.result;
  expect(result.map((r) => r.metric.pod).sort()).toEqual(
    top.items
      .filter((p) => (p.status as { phase?: string }).phase === 'Running')
      .map((p) => p.metadata.name)
      .sort(),
  );
});

it('refuses PromQL it does not evaluate with Prometheus’s error, naming what is unsupported', async () => {
  const r = await router.call('GET', '/query', { query: { query: 'rate(up[5m] offset 1h)' } });
  expect(r).toMatchObject({
    status: 400,
    body: {
      error: {
        code: 'PROMETHEUS_QUERY_FAILED',
        message: expect.stringContaining('kube-sim: unsupported PromQL: the "offset" keyword'),
      },
    },
  });
});

it('serves the Metrics page’s targets, rules, alerts and labels', async () => {
  const targets = await router.call('GET', '/targets', { query: { state: 'active' } });
  expect(targets.status).toBe(200);
  const active = (targets.body as { data: { activeTargets: { labels: { job: string }; health: string }[] } }).data
    .activeTargets;
  expect(active.filter((t) => t.labels.job === 'kubelet')).toHaveLength(3);
  expect(active.every((t) => t.health === 'up')).toBe(true);
  const rules = await router.call('GET', '/rules');
  expect(rules.status).toBe(200);
  const groups = (rules.body as { data: { groups: { name: string; rules: { name: string; health: string }[] }[] } })
    .data.groups;
  expect(groups.map((g) => g.name)).toEqual(expect.arrayContaining(['kubernetes-apps', 'node-exporter.rules']));
  const recorded = groups.flatMap((g) => g.rules).find((r) => r.name === 'instance:node_cpu_utilisation:rate5m');
  expect(recorded?.health).toBe('ok');
  expect((await router.call('GET', '/alerts')).status).toBe(200);
  const labels = await router.call('GET', '/labels');
  expect((labels.body as { data: string[] }).data).toEqual(expect.arrayContaining(['namespace', 'pod', 'container']));
});

it('lists the demo’s Prometheus operator objects', async () => {
  const r = await router.call('GET', '/monitors');
  const body = r.body as { items: Record<string, { namespace: string; name: string }[]>; notes: string[] };
  expect(body.items.prometheuses?.map((p) => `${p.namespace}/${p.name}`)).toContain('monitoring/k8s');
  expect(body.items.servicemonitors?.length).toBeGreaterThan(0);
  expect(body.notes).toEqual([]);
});
