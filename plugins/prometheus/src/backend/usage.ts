/**
 * CPU and memory series for charts, per cluster, namespace or workload: the cAdvisor metrics the
 * kubelet exposes (container_cpu_usage_seconds_total, container_memory_working_set_bytes) when
 * Prometheus has them, else the process metrics of whatever it scrapes (process_cpu_seconds_total,
 * process_resident_memory_bytes) — and the answer says which, so a chart can label it honestly.
 */

import { USAGE_RANGES, type UsageQuery } from './params.js';
import type { PrometheusApi } from './prometheus-api.js';

/** Points a chart gets per series. */
const POINTS = 120;

export interface UsageSeries {
  labels: Record<string, string>;
  /** [unix seconds, value] */
  points: [number, number][];
}

export interface UsageAnswer {
  scope: UsageQuery['scope'];
  namespace?: string;
  workload?: string;
  source: 'cadvisor' | 'process';
  note?: string;
  range: { start: number; end: number; step: number };
  cpu: { query: string; unit: 'cores'; series: UsageSeries[] };
  memory: { query: string; unit: 'bytes'; series: UsageSeries[] };
}

/** A label matcher for the scope (names are validated as Kubernetes names; dots are escaped for the regex). */
function matchers(q: UsageQuery): string[] {
  const m: string[] = [];
  if (q.namespace && q.scope !== 'cluster') m.push(`namespace="${q.namespace}"`);
  if (q.workload && q.scope === 'workload') m.push(`pod=~"${q.workload.replaceAll('.', '\\\\.')}-.*"`);
  return m;
}

function groupBy(q: UsageQuery): string {
  return q.scope === 'cluster' ? 'namespace' : 'pod';
}

export function usageQueries(q: UsageQuery, source: 'cadvisor' | 'process'): { cpu: string; memory: string } {
  const sel = matchers(q);
  if (source === 'cadvisor') {
    const s = ['container!=""', ...sel].join(',');
    return {
      cpu: `sum by (${groupBy(q)}) (rate(container_cpu_usage_seconds_total{${s}}[5m]))`,
      memory: `sum by (${groupBy(q)}) (container_memory_working_set_bytes{${s}})`,
    };
  }
  // prom-client's default metrics often carry a prefix (Argus's own are argus_process_…)
  const named = (metric: string) => [`__name__=~"(.+_)?${metric}"`, ...sel].join(',');
  return {
    cpu: `sum by (job, instance) (rate({${named('process_cpu_seconds_total')}}[5m]))`,
    memory: `sum by (job, instance) ({${named('process_resident_memory_bytes')}})`,
  };
}

interface Matrix {
  resultType: string;
  result: { metric: Record<string, string>; values: [number, string][] }[];
}

function toSeries(data: Matrix): UsageSeries[] {
  return data.result.map((r) => ({
    labels: r.metric,
    points: r.values.map(([t, v]) => [t, Number(v)] as [number, number]).filter(([, v]) => Number.isFinite(v)),
  }));
}

export async function fetchUsage(
  api: PrometheusApi,
  q: UsageQuery,
  now: number,
  signal?: AbortSignal,
): Promise<UsageAnswer> {
  const seconds = USAGE_RANGES[q.range];
  const step = Math.max(1, Math.ceil(seconds / POINTS));
  const end = Math.floor(now / step) * step;
  const start = end - seconds;
  const probe = await api.get<{ result: unknown[] }>(
    '/api/v1/query',
    { query: 'count(container_cpu_usage_seconds_total)' },
    signal,
  );
  const source = probe.data.result.length > 0 ? 'cadvisor' : 'process';
  const queries = usageQueries(q, source);
  const range = (query: string) =>
    api.get<Matrix>(
      '/api/v1/query_range',
      { query, start: String(start), end: String(end), step: String(step) },
      signal,
    );
  const [cpu, memory] = await Promise.all([range(queries.cpu), range(queries.memory)]);
  return {
    scope: q.scope,
    ...(q.namespace && q.scope !== 'cluster' ? { namespace: q.namespace } : {}),
    ...(q.workload && q.scope === 'workload' ? { workload: q.workload } : {}),
    source,
    ...(source === 'process'
      ? {
          note: 'Prometheus has no container (cAdvisor) metrics: these are the CPU and resident memory of the processes it scrapes (process_cpu_seconds_total, process_resident_memory_bytes, with any prefix).',
        }
      : {}),
    range: { start, end, step },
    cpu: { query: queries.cpu, unit: 'cores', series: toSeries(cpu.data) },
    memory: { query: queries.memory, unit: 'bytes', series: toSeries(memory.data) },
  };
}
