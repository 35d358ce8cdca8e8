/**
 * The demo's simulated Prometheus behind the API server's service proxy, driven with the real kubectl
 * and plain HTTP: Prometheus's wire format, RBAC on services/proxy, errors for unsupported PromQL, and
 * Istio traffic that follows the VirtualService weights in the store.
 */
import { type SimFixture, startSimFixture } from '@argus/kube-sim/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate, type Series } from './promql-eval.js';
import { parsePromql } from './promql-parse.js';
import { instantQuery } from './query.js';
import { sampledSeries } from './series.js';

const PROXY = '/api/v1/namespaces/monitoring/services/prometheus-operated:web/proxy';

interface Answer {
  status: string;
  errorType?: string;
  error?: string;
  data: { resultType: string; result: { metric: Record<string, string>; value: [number, string] }[] };
}

describe('behind the service proxy of the demo', () => {
  let fx: SimFixture;
  const get = async (path: string, params: Record<string, string> = {}, init: RequestInit = {}) => {
    const res = await fetch(`${fx.sim.url}${PROXY}${path}?${new URLSearchParams(params)}`, {
      ...init,
      headers: { Authorization: `Bearer ${fx.sim.tokens.admin}`, ...init.headers },
    });
    return { status: res.status, body: (await res.json().catch(() => undefined)) as Answer };
  };
  const rates = async (query: string) =>
    Object.fromEntries(
      (await get('/api/v1/query', { query })).body.data.result.map((r) => [
        Object.values(r.metric).join('/'),
        Number(r.value[1]),
      ]),
    );

  beforeAll(async () => {
    fx = await startSimFixture({ scenario: 'demo', controllers: false });
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('answers the real kubectl’s raw GET in Prometheus’s format, and only for those who may proxy', async () => {
    const r = await fx.kubectl.run(['get', '--raw', `${PROXY}/api/v1/query?query=sum%20by%20(job)%20(up)`]);
    expect(r.code, r.stderr).toBe(0);
    const body = JSON.parse(r.stdout) as Answer;
    expect(body.status).toBe('success');
    expect(body.data.resultType).toBe('vector');
    expect(Object.fromEntries(body.data.result.map((x) => [x.metric.job, x.value[1]]))).toEqual({
      kubelet: '3',
      'node-exporter': '3',
      'prometheus-k8s': '2',
    });
    const denied = await fx.kubectl.run(['get', '--raw', `${PROXY}/api/v1/query?query=up`, '--as=nobody']);
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toMatch(/forbidden/i);
  });

  it('serves ranges, labels, series, buildinfo and POSTed queries', async () => {
    const end = Math.floor(Date.now() / 1000);
    const range = await get('/api/v1/query_range', {
      query: 'sum(rate(container_cpu_usage_seconds_total{container!=""}[5m]))',
      start: String(end - 600),
      end: String(end),
      step: '60',
    });
    expect(range.body.data.resultType).toBe('matrix');
    expect((range.body.data.result[0] as unknown as { values: unknown[] }).values).toHaveLength(11);
    const values = await get('/api/v1/label/destination_workload/values');
    expect(values.body.data).toEqual(
      expect.arrayContaining(['details-v1', 'productpage-v1', 'ratings-v1', 'reviews-v1', 'reviews-v2']),
    );
    expect((await get('/api/v1/labels')).body.data).toEqual(expect.arrayContaining(['reporter', 'le', 'pod']));
    const series = await get('/api/v1/series', { 'match[]': 'up{job="prometheus-k8s"}' });
    expect(series.body.data).toHaveLength(2);
    expect((await get('/api/v1/status/buildinfo')).body.data).toMatchObject({ version: '3.5.0-kube-sim' });
    const posted = await fetch(`${fx.sim.url}${PROXY}/api/v1/query`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${fx.sim.tokens.admin}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'query=count(up)',
    });
    expect(((await posted.json()) as Answer).data.result[0]?.value[1]).toBe('8');
    expect((await get('/api/v1/nope')).status).toBe(404);
  });

  it('refuses what it does not evaluate, naming it, and reports syntax errors as Prometheus does', async () => {
    for (const [query, what] of [
      ['label_replace(up, "a", "$1", "job", "(.*)")', 'the function label_replace()'],
      ['up and up', 'the "and" keyword'],
      ['rate(up[5m:1m])', 'subqueries'],
      ['quantile(0.9, up)', 'the quantile aggregation'],
    ] as const) {
      const r = await get('/api/v1/query', { query });
      expect(r.status, query).toBe(400);
      expect(r.body).toMatchObject({ status: 'error', errorType: 'bad_data' });
      expect(r.body.error).toContain(`kube-sim: unsupported PromQL: ${what}`);
    }
    const bad = await get('/api/v1/query', { query: 'sum(up' });
    expect(bad.body).toMatchObject({
      status: 'error',
      errorType: 'bad_data',
      error: expect.stringMatching(/^parse error/),
    });
    const typed = await get('/api/v1/query', { query: 'rate(up)' });
    expect(typed.body.error).toMatch(/expected type range vector/);
  });

  it('derives Istio traffic from the VirtualService weights in the store, with 5xx on one edge', async () => {
    const split =
      'sum by (destination_workload) (rate(istio_requests_total{reporter="source",destination_service_name="reviews"}[5m]))';
    const before = await rates(split);
    expect((before['reviews-v1'] ?? 0) / (before['reviews-v2'] ?? 1)).toBeCloseTo(9, 5);
    const patch = JSON.stringify({
      spec: {
        http: [
          {
            route: [
              { destination: { host: 'reviews', subset: 'v1' }, weight: 50 },
              { destination: { host: 'reviews', subset: 'v2' }, weight: 50 },
            ],
          },
        ],
      },
    });
    const r = await fx.kubectl.run([
      'patch',
      'virtualservices.networking.istio.io',
      'reviews',
      '-n',
      'bookinfo',
      '--type=merge',
      '-p',
      patch,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const after = await rates(split);
    expect((after['reviews-v1'] ?? 0) / (after['reviews-v2'] ?? 1)).toBeCloseTo(1, 5);
    const errors = await rates(
      'sum by (destination_service_name) (rate(istio_requests_total{reporter="destination",response_code=~"5.."}[5m]))',
    );
    expect(Object.keys(errors)).toEqual(['ratings']);
  });

  it('stops answering when the Service is gone', async () => {
    const r = await fx.kubectl.run(['delete', 'service', 'prometheus-operated', '-n', 'monitoring']);
    expect(r.code, r.stderr).toBe(0);
    expect((await get('/api/v1/query', { query: 'up' })).status).toBe(404);
  });
});

describe('the evaluator', () => {
  const now = 1_800_000_000_000;
  const gauge = (labels: Record<string, string>, v: number): Series => sampledSeries(labels, 0, now, () => v);
  const series = [
    gauge({ __name__: 'm', job: 'a', pod: 'p1' }, 1),
    gauge({ __name__: 'm', job: 'a', pod: 'p2' }, 2),
    gauge({ __name__: 'm', job: 'b', pod: 'p3' }, 5),
    gauge({ __name__: 'n', job: 'a' }, 10),
    gauge({ __name__: 'n', job: 'b' }, 20),
  ];
  const run = (q: string) =>
    (instantQuery(q, now, series).result as { metric: Record<string, string>; value: [number, string] }[])
      .map((r) => `${JSON.stringify(r.metric)}=${r.value[1]}`)
      .sort();

  it('aggregates by and without, keeping and dropping the right labels', () => {
    expect(run('sum by (job) (m)')).toEqual(['{"job":"a"}=3', '{"job":"b"}=5']);
    expect(run('max without (pod) (m)')).toEqual(['{"job":"a"}=2', '{"job":"b"}=5']);
    expect(run('count(m{pod=~"p[12]"})')).toEqual(['{}=2']);
    expect(run('topk(1, m)')).toEqual(['{"__name__":"m","job":"b","pod":"p3"}=5']);
  });

  it('matches vectors one-to-one and filters with comparisons', () => {
    expect(run('sum by (job) (m) / on (job) n')).toEqual(['{"job":"a"}=0.3', '{"job":"b"}=0.25']);
    expect(run('m > 1')).toEqual([
      '{"__name__":"m","job":"a","pod":"p2"}=2',
      '{"__name__":"m","job":"b","pod":"p3"}=5',
    ]);
    expect(run('1 - m{pod="p3"} / 10')).toEqual(['{"job":"b","pod":"p3"}=0.5']);
    expect(run('m != bool 2')).toHaveLength(3);
  });

  it('refuses many-to-many matching and a selector without a non-empty matcher', () => {
    expect(run('m / n')).toEqual([]);
    expect(() => instantQuery('n / on (job) m', now, series)).toThrow(/many-to-many matching not allowed/);
    expect(() => evaluate(parsePromql('{job=~".*"}'), now, { series })).toThrow(/non-empty matcher/);
  });
});
