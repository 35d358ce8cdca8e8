/**
 * The evaluator against a real Prometheus: the demo's synthetic series are exported as OpenMetrics,
 * loaded with `promtool tsdb create-blocks-from openmetrics`, served by /usr/bin/prometheus, and the same
 * queries (the built-in views', the Istio traffic graph's, and a few more) must give the same answers.
 * Skipped only when prometheus/promtool are missing (CI installs them).
 */
import { execFile, spawn } from 'node:child_process';
import { accessSync, constants, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeSim } from '../index.js';
import { createSimPrometheus, type Labels, type Series } from './index.js';
import { formatValue } from './promql-functions.js';
import { instantQuery, rangeQuery } from './query.js';

const PROMETHEUS = '/usr/bin/prometheus';
const PROMTOOL = '/usr/bin/promtool';
const present = [PROMETHEUS, PROMTOOL].every((bin) => {
  try {
    accessSync(bin, constants.X_OK);
    return true;
  } catch {
    return false;
  }
});

const G =
  'source_workload_namespace,source_workload,source_canonical_service,source_canonical_revision,destination_service_namespace,destination_service,destination_service_name,destination_workload_namespace,destination_workload,destination_canonical_service,destination_canonical_revision,request_protocol,response_code,grpc_response_status,response_flags';
const NS = 'bookinfo';
const QUERIES = [
  'count(container_cpu_usage_seconds_total)',
  'sum by (namespace) (rate(container_cpu_usage_seconds_total{container!=""}[5m]))',
  'sum by (pod) (rate(container_cpu_usage_seconds_total{container!="",namespace="bookinfo",pod=~"reviews\\\\.v1-.*|reviews-.*"}[5m]))',
  'sum by (namespace,pod) (container_memory_working_set_bytes{container!=""})',
  'sum by (namespace) (container_memory_working_set_bytes{container!=""})',
  '1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[5m]))',
  '1 - avg without (cpu) (sum without (mode) (rate(node_cpu_seconds_total{job="node-exporter", mode=~"idle|iowait|steal"}[5m])))',
  'node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes * 100 < 90',
  'up',
  'sum(up) by (job)',
  'topk(3, sum by (pod) (rate(container_cpu_usage_seconds_total{container!=""}[5m])))',
  'bottomk(2, avg without (cpu, mode) (irate(node_cpu_seconds_total{mode!="idle"}[2m])))',
  'increase(container_cpu_usage_seconds_total{namespace="monitoring",container!=""}[10m])',
  'max_over_time(container_memory_working_set_bytes{namespace="bookinfo",container!=""}[10m])',
  'count by (mode) (node_cpu_seconds_total) > bool 10',
  'min(count_over_time(up[5m])) - 2 ^ 3 * -1',
  `sum(rate(istio_requests_total{reporter="destination",source_workload="unknown",destination_workload_namespace="${NS}"}[5m])) by (${G})`,
  `sum(rate(istio_requests_total{reporter="source",source_workload_namespace!="${NS}",source_workload!="unknown",destination_service_namespace="${NS}"}[5m])) by (${G})`,
  `sum(rate(istio_requests_total{reporter="source",source_workload_namespace="${NS}"}[5m])) by (${G})`,
  `histogram_quantile(0.95, sum(rate(istio_request_duration_milliseconds_bucket{reporter="source",source_workload_namespace="${NS}"}[5m])) by (le,source_workload,destination_service_name))`,
  'sum by (destination_service_name) (rate(istio_requests_total{reporter="destination",response_code=~"5.."}[5m])) / on (destination_service_name) sum by (destination_service_name) (rate(istio_requests_total{reporter="destination"}[5m]))',
  'sum without (le, pod, namespace) (rate(istio_request_duration_milliseconds_count[5m])) - ignoring (response_flags) sum without (le, pod, namespace) (rate(istio_request_duration_milliseconds_count[5m]))',
];

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

/** The series' samples in (fromMs, toMs] as OpenMetrics (no TYPE lines: every family is "unknown"). */
async function writeOpenMetrics(file: string, series: Series[], fromMs: number, toMs: number): Promise<void> {
  const out = createWriteStream(file);
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  const sorted = [...series].sort((a, b) => (a.labels.__name__ ?? '').localeCompare(b.labels.__name__ ?? ''));
  for (const s of sorted) {
    const { __name__: name, ...rest } = s.labels;
    const labels = Object.entries(rest)
      .map(([k, v]) => `${k}="${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`)
      .join(',');
    const lines = s.samples(fromMs, toMs).map(([t, v]) => `${name}{${labels}} ${formatValue(v)} ${t / 1000}\n`);
    await write(lines.join(''));
  }
  await write('# EOF\n');
  await new Promise<void>((r) => out.end(r));
}

type Result = { metric: Labels; value?: [number, string]; values?: [number, string][] };
const key = (l: Labels) => JSON.stringify(Object.entries(l).sort(([a], [b]) => a.localeCompare(b)));

function expectSame(ours: Result[], theirs: Result[], what: string): void {
  const norm = (rs: Result[]) =>
    new Map(rs.map((r) => [key(r.metric), (r.values ?? (r.value ? [r.value] : [])).map(([t, v]) => [t, Number(v)])]));
  const a = norm(ours);
  const b = norm(theirs);
  expect([...a.keys()].sort(), `series of ${what}`).toEqual([...b.keys()].sort());
  for (const [k, points] of b) {
    const mine = a.get(k) ?? [];
    expect(
      mine.map((p) => p[0]),
      `timestamps of ${what} ${k}`,
    ).toEqual(points.map((p) => p[0]));
    points.forEach(([, v], i) => {
      const m = mine[i]?.[1] as number;
      if (Number.isNaN(v)) expect(m, `${what} ${k}`).toBeNaN();
      else
        expect(Math.abs(m - (v as number)), `${what} ${k}: ${m} vs ${v}`).toBeLessThanOrEqual(
          1e-9 * Math.max(1, Math.abs(v as number)),
        );
    });
  }
}

describe.skipIf(!present)('the simulated Prometheus answers as the real one does', () => {
  let dir = '';
  let url = '';
  let child: ReturnType<typeof spawn> | undefined;
  let series: Series[] = [];
  // A fixed "now" on whole seconds; the data covers the 30 minutes before it.
  const now = Math.floor(Date.now() / 60_000) * 60_000 - 120_000;

  beforeAll(async () => {
    const sim = await startKubeSim({ scenario: 'demo', controllers: false });
    try {
      series = createSimPrometheus({ store: sim.store, now: () => now }).series(now);
    } finally {
      await sim.close();
    }
    dir = mkdtempSync(join(tmpdir(), 'kube-sim-prom-'));
    const file = join(dir, 'series.om');
    await writeOpenMetrics(file, series, now - 30 * 60_000, now);
    await promisify(execFile)(PROMTOOL, ['tsdb', 'create-blocks-from', 'openmetrics', file, join(dir, 'data')], {
      maxBuffer: 16 * 1024 * 1024,
    });
    const port = await freePort();
    const config = join(dir, 'prometheus.yml');
    await import('node:fs/promises').then((fs) => fs.writeFile(config, 'global:\n  scrape_interval: 1h\n'));
    child = spawn(
      PROMETHEUS,
      [
        `--config.file=${config}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=warn',
      ],
      { stdio: 'ignore' },
    );
    url = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 600; i++) {
      if (
        await fetch(`${url}/-/ready`).then(
          (r) => r.ok,
          () => false,
        )
      )
        return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('prometheus did not become ready');
  });

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child?.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function real(path: string, params: Record<string, string>): Promise<{ resultType: string; result: Result[] }> {
    const res = await fetch(`${url}${path}?${new URLSearchParams(params)}`);
    const body = (await res.json()) as {
      status: string;
      data: { resultType: string; result: Result[] };
      error?: string;
    };
    expect(body.status, `${params.query}: ${body.error}`).toBe('success');
    return body.data;
  }

  it.each(QUERIES)('instant query %s', async (query) => {
    for (const t of [now, now - 7 * 60_000 - 3_000, now - 13 * 60_000 - 500]) {
      const theirs = await real('/api/v1/query', { query, time: String(t / 1000) });
      const ours = instantQuery(query, t, series);
      expect(ours.resultType).toBe(theirs.resultType);
      expectSame(ours.result as Result[], theirs.result, `${query} @${t}`);
    }
  });

  it('gives the same non-empty answers to the Istio traffic graph’s queries', async () => {
    for (const query of QUERIES.filter((q) => q.includes('istio_request')))
      expect(instantQuery(query, now, series).result.length, query).toBeGreaterThan(0);
  });

  it.each(QUERIES.filter((q) => !q.includes('count_over_time')))('range query %s', async (query) => {
    const params = { start: String((now - 20 * 60_000) / 1000), end: String(now / 1000), step: '37' };
    const theirs = await real('/api/v1/query_range', { query, ...params });
    const ours = rangeQuery(query, now - 20 * 60_000, now, 37_000, series);
    expectSame(ours.result, theirs.result, query);
  });
});
