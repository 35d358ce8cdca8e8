/**
 * The traffic graph from Istio's standard metrics with the reference's (Kiali's) queries: per namespace NS and
 * window W, requests reported by the destination from unknown sources, by sources in other namespaces into NS,
 * and by sources in NS; p95 latency from the duration histogram. Nodes: source workload → destination
 * service → destination workload. Errors: 5xx answers, and gRPC statuses 1–16.
 */
import type { PrometheusSample } from '@argus/plugin-sdk';
import type { TrafficGraph } from './schemas.js';

const G =
  'source_workload_namespace,source_workload,source_canonical_service,source_canonical_revision,destination_service_namespace,destination_service,destination_service_name,destination_workload_namespace,destination_workload,destination_canonical_service,destination_canonical_revision,request_protocol,response_code,grpc_response_status,response_flags';

export function trafficQueries(ns: string, window: string) {
  return {
    requests: [
      `sum(rate(istio_requests_total{reporter="destination",source_workload="unknown",destination_workload_namespace="${ns}"}[${window}])) by (${G})`,
      `sum(rate(istio_requests_total{reporter="source",source_workload_namespace!="${ns}",source_workload!="unknown",destination_service_namespace="${ns}"}[${window}])) by (${G})`,
      `sum(rate(istio_requests_total{reporter="source",source_workload_namespace="${ns}"}[${window}])) by (${G})`,
    ],
    p95: `histogram_quantile(0.95, sum(rate(istio_request_duration_milliseconds_bucket{reporter="source",source_workload_namespace="${ns}"}[${window}])) by (le,source_workload,destination_service_name))`,
  };
}

type Node = TrafficGraph['nodes'][number];
type Edge = TrafficGraph['edges'][number];

/** Kiali's default thresholds: any 5xx → Degraded, above 10 % → Failed. */
export function edgeHealth(errorRate: number): Edge['health'] {
  if (errorRate > 0.1) return 'Failed';
  if (errorRate > 0) return 'Degraded';
  return 'Healthy';
}

export function isError(m: Record<string, string>): boolean {
  if (/^5\d\d$/.test(m.response_code ?? '')) return true;
  if (m.request_protocol === 'grpc') {
    const g = Number(m.grpc_response_status);
    return Number.isInteger(g) && g >= 1 && g <= 16;
  }
  return false;
}

const value = (s: PrometheusSample) => {
  const v = Number(s.value[1]);
  return Number.isFinite(v) ? v : 0;
};

export function buildTrafficGraph(
  requests: readonly PrometheusSample[],
  p95: readonly PrometheusSample[],
): { nodes: Node[]; edges: Edge[] } {
  const nodes = new Map<string, Node>();
  const totals = new Map<string, { from: string; to: string; protocol: string; rps: number; errors: number }>();
  const node = (kind: 'workload' | 'service' | 'unknown', namespace: string, name: string): string => {
    const id = kind === 'unknown' ? 'unknown' : `${kind}:${namespace}/${name}`;
    if (!nodes.has(id)) nodes.set(id, { id, kind, namespace, name, label: kind === 'unknown' ? 'unknown' : name });
    return id;
  };
  const count = (from: string, to: string, protocol: string, rps: number, error: boolean) => {
    const key = `${from}\u0000${to}`;
    const e = totals.get(key) ?? { from, to, protocol, rps: 0, errors: 0 };
    e.rps += rps;
    if (error) e.errors += rps;
    totals.set(key, e);
  };
  for (const s of requests) {
    const m = s.metric;
    const rps = value(s);
    const src =
      !m.source_workload || m.source_workload === 'unknown'
        ? node('unknown', '', 'unknown')
        : node('workload', m.source_workload_namespace ?? '', m.source_workload);
    const svcName = m.destination_service_name || m.destination_service || 'unknown';
    const svc = node('service', m.destination_service_namespace ?? '', svcName);
    const error = isError(m);
    const protocol = m.request_protocol || 'http';
    count(src, svc, protocol, rps, error);
    if (m.destination_workload && m.destination_workload !== 'unknown') {
      const dst = node('workload', m.destination_workload_namespace ?? '', m.destination_workload);
      count(svc, dst, protocol, rps, error);
    }
  }
  const latency = new Map<string, number>();
  for (const s of p95) {
    const v = Number(s.value[1]);
    if (Number.isFinite(v)) latency.set(`${s.metric.source_workload}\u0000${s.metric.destination_service_name}`, v);
  }
  const edges: Edge[] = [...totals.values()].map((e) => {
    const from = nodes.get(e.from);
    const to = nodes.get(e.to);
    const p =
      from?.kind === 'workload' && to?.kind === 'service' ? latency.get(`${from.name}\u0000${to.name}`) : undefined;
    const errorRate = e.rps > 0 ? e.errors / e.rps : 0;
    return {
      from: e.from,
      to: e.to,
      protocol: e.protocol,
      rps: e.rps,
      errorRate,
      p95Ms: p ?? null,
      health: edgeHealth(errorRate),
    };
  });
  return { nodes: [...nodes.values()], edges };
}
