/** The traffic graph from Prometheus answers in their wire format (vectors as /api/v1/query returns them). */
import type { PrometheusSample } from '@argus/plugin-sdk';
import { describe, expect, it } from 'vitest';
import { buildTrafficGraph, edgeHealth, isError, trafficQueries } from './traffic.js';

const sample = (labels: Record<string, string>, v: string): PrometheusSample => ({
  metric: {
    request_protocol: 'http',
    response_flags: '-',
    destination_service_namespace: 'bookinfo',
    destination_workload_namespace: 'bookinfo',
    source_workload_namespace: 'bookinfo',
    ...labels,
  },
  value: [1760000000.123, v],
});

describe('traffic graph', () => {
  it('uses the reference queries per namespace and window', () => {
    const q = trafficQueries('bookinfo', '5m');
    expect(q.requests[0]).toContain(
      'reporter="destination",source_workload="unknown",destination_workload_namespace="bookinfo"}[5m]',
    );
    expect(q.requests[1]).toContain(
      'source_workload_namespace!="bookinfo",source_workload!="unknown",destination_service_namespace="bookinfo"',
    );
    expect(q.requests[2]).toContain('reporter="source",source_workload_namespace="bookinfo"}[5m]');
    expect(q.p95).toBe(
      'histogram_quantile(0.95, sum(rate(istio_request_duration_milliseconds_bucket{reporter="source",source_workload_namespace="bookinfo"}[5m])) by (le,source_workload,destination_service_name))',
    );
  });

  it('source workload → service → workload, with rates summed over codes, the 5xx share and p95', () => {
    const requests = [
      sample(
        {
          source_workload: 'reviews-v2',
          destination_service_name: 'ratings',
          destination_workload: 'ratings-v1',
          response_code: '200',
        },
        '1.84',
      ),
      sample(
        {
          source_workload: 'reviews-v2',
          destination_service_name: 'ratings',
          destination_workload: 'ratings-v1',
          response_code: '503',
          response_flags: 'URX',
        },
        '0.16',
      ),
      sample(
        {
          source_workload: 'unknown',
          source_workload_namespace: 'unknown',
          destination_service_name: 'details',
          destination_workload: 'details-v1',
          response_code: '200',
        },
        '0.5',
      ),
      sample(
        {
          source_workload: 'productpage-v1',
          destination_service_name: 'reviews',
          destination_workload: 'reviews-v1',
          response_code: '404',
        },
        '2',
      ),
    ];
    const p95 = [
      {
        metric: { source_workload: 'reviews-v2', destination_service_name: 'ratings' },
        value: [1, '48.5'] as [number, string],
      },
    ];
    const g = buildTrafficGraph(requests, p95);
    const edge = (from: string, to: string) => g.edges.find((e) => e.from === from && e.to === to);
    const toRatings = edge('workload:bookinfo/reviews-v2', 'service:bookinfo/ratings');
    expect(toRatings).toMatchObject({ p95Ms: 48.5, health: 'Degraded' });
    expect(toRatings?.rps).toBeCloseTo(2);
    expect(toRatings?.errorRate).toBeCloseTo(0.08);
    expect(edge('service:bookinfo/ratings', 'workload:bookinfo/ratings-v1')?.rps).toBeCloseTo(2);
    expect(edge('unknown', 'service:bookinfo/details')).toMatchObject({ rps: 0.5, errorRate: 0, p95Ms: null });
    // 4xx is not an error.
    expect(edge('workload:bookinfo/productpage-v1', 'service:bookinfo/reviews')).toMatchObject({
      errorRate: 0,
      health: 'Healthy',
    });
    expect(g.nodes.map((n) => n.id).sort()).toEqual([
      'service:bookinfo/details',
      'service:bookinfo/ratings',
      'service:bookinfo/reviews',
      'unknown',
      'workload:bookinfo/details-v1',
      'workload:bookinfo/productpage-v1',
      'workload:bookinfo/ratings-v1',
      'workload:bookinfo/reviews-v1',
      'workload:bookinfo/reviews-v2',
    ]);
  });

  it('counts gRPC statuses 1–16 as errors, Kiali thresholds for edge health', () => {
    expect(isError({ request_protocol: 'grpc', response_code: '200', grpc_response_status: '14' })).toBe(true);
    expect(isError({ request_protocol: 'grpc', response_code: '200', grpc_response_status: '0' })).toBe(false);
    expect(isError({ request_protocol: 'http', response_code: '502' })).toBe(true);
    expect(isError({ request_protocol: 'http', response_code: '429' })).toBe(false);
    expect([0, 0.05, 0.1, 0.11].map(edgeHealth)).toEqual(['Healthy', 'Degraded', 'Degraded', 'Failed']);
  });
});
