/**
 * The backend against kube-sim and a real Prometheus: the plugin discovers `monitoring/prometheus-operated`,
 * whose Endpoints point at the real Prometheus, and reaches it through kube-sim's service proxy.
 */
import type { KubeSim } from '@argus/kube-sim';
import { type PluginTestKit, startPluginTestKit, type TestUser, waitFor } from '@argus/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from './index.js';
import {
  addPrometheusService,
  ensureNamespaces,
  freePort,
  type MetricsTarget,
  POD_LEVEL_BYTES,
  type RealPrometheus,
  setPrometheusEndpointPort,
  startMetricsTarget,
  startRealPrometheus,
} from './testing/index.js';

let kit: PluginTestKit;
let sim: KubeSim;
let prom: RealPrometheus;
let target: MetricsTarget;
/** The built-in viewer role on the whole cluster, and bound to one namespace only. */
let clusterViewer: TestUser;
let shopViewer: TestUser;

/** A plugin route as a user (the cluster-wide viewer by default), as the UI calls it. */
const router = {
  call(method: string, path: string, opts: { query?: Record<string, string>; body?: unknown; as?: TestUser } = {}) {
    const q = opts.query ? `?${new URLSearchParams(opts.query)}` : '';
    return kit.call(opts.as ?? clusterViewer, method, `${path}${q}`, opts.body);
  },
};

/** Creates an object in the sim with the real kubectl (as its admin). */
async function create(object: unknown): Promise<number> {
  return (await kit.sim.kubectl.run(['create', '-f', '-'], { input: JSON.stringify(object) })).code;
}
const served = async (resource: string) => (await kit.sim.kubectl.run(['get', resource, '-A'])).code === 0;

beforeAll(async () => {
  target = await startMetricsTarget({ cadvisor: true });
  prom = await startRealPrometheus([
    { job: 'argus-test', address: target.address, labels: { namespace: 'shop', pod: 'web-7d9f-abcde' } },
  ]);
  kit = await startPluginTestKit({ plugins: [plugin], sim: { scenario: 'empty', controllers: false } });
  sim = kit.sim.sim;
  ensureNamespaces(sim, ['shop']);
  addPrometheusService(sim, prom.port);
  [clusterViewer, shopViewer] = await Promise.all([
    kit.user('viewer', [{ role: 'viewer' }]),
    kit.user('shop-viewer', [{ role: 'viewer', namespace: 'shop' }]),
  ]);
  // the scrape has produced samples
  await waitFor(
    async () => {
      const r = await router.call('GET', '/query', { query: { query: 'argus_test_scrapes_total' } });
      return r.status === 200 && (r.body as { data: { result: unknown[] } }).data.result.length > 0;
    },
    60_000,
    200,
  );
});

afterAll(async () => {
  await kit?.close();
  await prom?.close();
  await target?.close();
});

describe('status', () => {
  it('finds monitoring/prometheus-operated and reads the version through the service proxy', async () => {
    const r = await router.call('GET', '/status');
    expect(r).toMatchObject({
      status: 200,
      body: {
        source: 'discovered',
        service: { namespace: 'monitoring', name: 'prometheus-operated', port: 'web' },
        reachable: true,
      },
    });
    expect((r.body as { version: string }).version).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('queries', () => {
  it('answers an instant query with the scraped `up` series, in Prometheus’s shape', async () => {
    const r = await router.call('GET', '/query', { query: { query: 'up{job="argus-test"}' } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      status: 'success',
      data: {
        resultType: 'vector',
        result: [
          { metric: { __name__: 'up', job: 'argus-test', namespace: 'shop' }, value: [expect.any(Number), '1'] },
        ],
      },
    });
  });

  it('answers a range query with a matrix', async () => {
    const end = Date.now() / 1000;
    const r = await router.call('GET', '/query_range', {
      query: { query: 'up{job="argus-test"}', start: String(end - 60), end: String(end), step: '1s' },
    });
    expect(r.status).toBe(200);
    const data = (r.body as { data: { resultType: string; result: { values: unknown[] }[] } }).data;
    expect(data.resultType).toBe('matrix');
    expect(data.result[0]?.values.length).toBeGreaterThan(0);
  });

  it('refuses bad PromQL with Prometheus’s error, as PROMETHEUS_QUERY_FAILED', async () => {
    const r = await router.call('GET', '/query', { query: { query: 'sum(' } });
    expect(r.status).toBe(400);
    const err = (r.body as { error: { code: string; message: string; details: { errorType: string } } }).error;
    expect(err.code).toBe('PROMETHEUS_QUERY_FAILED');
    expect(err.details.errorType).toBe('bad_data');
    expect(err.message).toMatch(/parse error/);
  });

  it('refuses more than 11,000 points, too long a range and bad times before asking Prometheus', async () => {
    const ask = (q: Record<string, string>) => router.call('GET', '/query_range', { query: { query: 'up', ...q } });
    expect((await ask({ start: '0', end: '11000', step: '1' })).status).toBe(400);
    expect(((await ask({ start: '0', end: '10999', step: '1' })).body as { status: string }).status).toBe('success');
    expect((await ask({ start: '0', end: String(40 * 86400), step: '1h' })).body).toMatchObject({
      error: { code: 'VALIDATION_FAILED' },
    });
    expect((await ask({ start: 'yesterday', end: '10', step: '1' })).status).toBe(400);
    expect((await router.call('GET', '/query', { query: { query: '' } })).status).toBe(400);
  });

  it('lists targets with their health, alerts, rules and labels', async () => {
    const targets = await router.call('GET', '/targets');
    expect(targets.body).toMatchObject({
      status: 'success',
      data: { activeTargets: [{ labels: { job: 'argus-test' }, health: 'up' }] },
    });
    expect((await router.call('GET', '/alerts')).body).toMatchObject({ status: 'success', data: { alerts: [] } });
    expect((await router.call('GET', '/rules')).body).toMatchObject({ status: 'success', data: { groups: [] } });
    expect((await router.call('GET', '/labels')).body).toMatchObject({
      status: 'success',
      data: expect.arrayContaining(['job', 'namespace']),
    });
  });
});

describe('RBAC', () => {
  it('keeps raw PromQL, targets and alerts from a namespace-scoped viewer', async () => {
    for (const path of ['/query', '/targets', '/alerts']) {
      const r = await router.call('GET', path, { query: path === '/query' ? { query: 'up' } : {}, as: shopViewer });
      expect(r).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    }
  });

  it('gives a namespace-scoped viewer usage charts of its own namespace only', async () => {
    const own = await router.call('GET', '/usage', {
      query: { scope: 'namespace', namespace: 'shop' },
      as: shopViewer,
    });
    expect(own.status).toBe(200);
    const other = await router.call('GET', '/usage', {
      query: { scope: 'namespace', namespace: 'kube-system' },
      as: shopViewer,
    });
    expect(other.status).toBe(403);
    expect((await router.call('GET', '/usage', { query: { scope: 'cluster' }, as: shopViewer })).status).toBe(403);
  });
});

describe('usage', () => {
  type Answer = {
    source: string;
    note?: string;
    cpu: { query: string; series: { points: unknown[] }[] };
    memory: { series: { labels: Record<string, string>; points: [number, number][] }[] };
  };
  /** /usage once its rate has two samples to work with. */
  async function usageWithData(query: Record<string, string>): Promise<Answer> {
    let body: Answer | undefined;
    await waitFor(
      async () => {
        const r = await router.call('GET', '/usage', { query: { range: '15m', ...query } });
        body = r.body as Answer;
        return r.status === 200 && (body.cpu.series[0]?.points.length ?? 0) > 0;
      },
      30_000,
      250,
    );
    return body as Answer;
  }

  it('charts the container metrics of a workload’s pods, without the pod-level series', async () => {
    const body = await usageWithData({ scope: 'workload', namespace: 'shop', workload: 'web' });
    expect(body?.source).toBe('cadvisor');
    expect(body?.note).toBeUndefined();
    expect(body?.cpu.query).toBe(
      'sum by (pod) (rate(container_cpu_usage_seconds_total{container!="",namespace="shop",pod=~"web-.*"}[5m]))',
    );
    expect(body?.memory.series.map((x) => x.labels)).toEqual([{ pod: 'web-7d9f-abcde' }]);
    const bytes = body?.memory.series[0]?.points.at(-1)?.[1] ?? 0;
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(POD_LEVEL_BYTES);
    const cluster = await usageWithData({ scope: 'cluster' });
    expect(cluster.memory.series.map((x) => x.labels)).toEqual([{ namespace: 'shop' }]);
    const none = await router.call('GET', '/usage', {
      query: { scope: 'workload', namespace: 'shop', workload: 'api' },
    });
    expect((none.body as { cpu: { series: unknown[] } }).cpu.series).toEqual([]);
  });

  it('validates its inputs', async () => {
    expect((await router.call('GET', '/usage', { query: { scope: 'workload', namespace: 'shop' } })).status).toBe(400);
    expect((await router.call('GET', '/usage', { query: { scope: 'namespace', namespace: 'Bad"Name' } })).status).toBe(
      400,
    );
    expect((await router.call('GET', '/usage', { query: { range: '2y' } })).status).toBe(400);
  });
});

describe('unreachable and configured Prometheus', () => {
  it('answers 502 PROMETHEUS_UNREACHABLE when the endpoint does not answer, and /status says why', async () => {
    setPrometheusEndpointPort(sim, await freePort());
    try {
      const r = await router.call('GET', '/query', { query: { query: 'up' } });
      expect(r.status).toBe(502);
      expect((r.body as { error: { code: string; message: string } }).error).toMatchObject({
        code: 'PROMETHEUS_UNREACHABLE',
        message: expect.stringMatching(
          /^Prometheus unreachable \(service monitoring\/prometheus-operated:web\): .*error trying to reach service/,
        ),
      });
      const status = await router.call('GET', '/status');
      expect(status.body).toMatchObject({
        source: 'discovered',
        reachable: false,
        error: { code: 'PROMETHEUS_UNREACHABLE' },
      });
    } finally {
      setPrometheusEndpointPort(sim, prom.port);
    }
  });

  it('uses a configured URL directly, and reports a dead one as unreachable', async () => {
    const admin = kit.admin;
    const put = await router.call('PUT', '/config', { body: { url: prom.url }, as: admin });
    expect(put).toMatchObject({ status: 200, body: { url: `${prom.url}/`, discovery: true } });
    expect((await router.call('GET', '/status')).body).toMatchObject({ source: 'configured', reachable: true });
    expect((await router.call('GET', '/query', { query: { query: 'up' } })).body).toMatchObject({ status: 'success' });
    await router.call('PUT', '/config', { body: { url: `http://127.0.0.1:${await freePort()}` }, as: admin });
    const dead = await router.call('GET', '/query', { query: { query: 'up' } });
    expect(dead).toMatchObject({ status: 502, body: { error: { code: 'PROMETHEUS_UNREACHABLE' } } });
    expect((await router.call('PUT', '/config', { body: { url: 'ftp://x' }, as: admin })).status).toBe(400);
    await router.call('PUT', '/config', { body: { discovery: false }, as: admin });
    expect((await router.call('GET', '/status')).body).toMatchObject({ source: 'none', reachable: false });
    expect((await router.call('GET', '/query', { query: { query: 'up' } })).body).toMatchObject({
      error: { code: 'PROMETHEUS_NOT_FOUND' },
    });
    await router.call('PUT', '/config', { body: {}, as: admin });
    expect((await router.call('GET', '/status')).body).toMatchObject({ source: 'discovered', reachable: true });
  });
});

describe('monitors', () => {
  const crd = (plural: string, kind: string) => ({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.monitoring.coreos.com` },
    spec: {
      group: 'monitoring.coreos.com',
      scope: 'Namespaced',
      names: { plural, singular: kind.toLowerCase(), kind, listKind: `${kind}List` },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
        },
      ],
    },
  });
  const serviceMonitor = (namespace: string, name: string) => ({
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: { name, namespace },
    spec: { selector: { matchLabels: { app: name } }, endpoints: [{ port: 'metrics', interval: '30s' }] },
  });

  it('gives empty lists and notes while the operator CRDs are absent', async () => {
    const r = await router.call('GET', '/monitors');
    expect(r.status).toBe(200);
    const body = r.body as { items: Record<string, unknown[]>; notes: string[] };
    expect(body.items.servicemonitors).toEqual([]);
    expect(body.notes).toContain('ServiceMonitor: the CRD servicemonitors.monitoring.coreos.com is not installed');
  });

  it('lists ServiceMonitors and PrometheusRules, only of the caller’s namespaces for a namespace-scoped viewer', async () => {
    expect(await create(crd('servicemonitors', 'ServiceMonitor'))).toBe(0);
    expect(await create(crd('prometheusrules', 'PrometheusRule'))).toBe(0);
    await waitFor(() => served('servicemonitors.monitoring.coreos.com'));
    await waitFor(() => served('prometheusrules.monitoring.coreos.com'));
    expect(await create(serviceMonitor('shop', 'web'))).toBe(0);
    expect(await create(serviceMonitor('kube-system', 'dns'))).toBe(0);
    expect(
      await create({
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'PrometheusRule',
        metadata: { name: 'web-rules', namespace: 'shop' },
        spec: {
          groups: [
            {
              name: 'web',
              rules: [
                { alert: 'WebDown', expr: 'up == 0' },
                { record: 'x:y', expr: 'up' },
              ],
            },
          ],
        },
      }),
    ).toBe(0);

    const all = (await router.call('GET', '/monitors', { as: clusterViewer })).body as {
      items: Record<string, { namespace: string; name: string; summary: Record<string, unknown> }[]>;
      notes: string[];
    };
    expect(all.items.servicemonitors?.map((m) => `${m.namespace}/${m.name}`).sort()).toEqual([
      'kube-system/dns',
      'shop/web',
    ]);
    expect(all.items.servicemonitors?.find((m) => m.name === 'web')?.summary).toMatchObject({
      endpoints: [{ port: 'metrics', path: '/metrics', interval: '30s' }],
    });
    expect(all.items.prometheusrules?.[0]?.summary).toEqual({ groups: 1, alerts: ['WebDown'], records: 1 });
    expect(all.notes.some((n) => n.startsWith('ServiceMonitor'))).toBe(false);
    expect(all.notes.some((n) => n.startsWith('PodMonitor'))).toBe(true);

    const mine = (await router.call('GET', '/monitors', { as: shopViewer })).body as typeof all;
    expect(mine.items.servicemonitors?.map((m) => m.name)).toEqual(['web']);
  });
});
