/**
 * The `prometheus` service other plugins use (manifest `provides`; SDK contract `PROMETHEUS_QUERY_SERVICE`):
 * instant PromQL against the cluster's Prometheus, found by this plugin's locator. The consumer guards it
 * with its own permissions; failures are this plugin's AppErrors (PROMETHEUS_NOT_FOUND, …_UNREACHABLE, …_QUERY_FAILED).
 */
import type { PrometheusQueryService, PrometheusSample } from '@argus/plugin-sdk';
import type { PrometheusLocator } from './locate.js';

interface QueryData {
  resultType?: string;
  result?: unknown;
}

/** A vector answer as is; a scalar as one unlabelled sample; anything else (a matrix, a string) as empty. */
export function toSamples(data: QueryData): PrometheusSample[] {
  if (data.resultType === 'vector' && Array.isArray(data.result))
    return (data.result as PrometheusSample[]).filter(
      (s) => s && typeof s.metric === 'object' && Array.isArray(s.value) && s.value.length === 2,
    );
  if (data.resultType === 'scalar' && Array.isArray(data.result) && data.result.length === 2)
    return [{ metric: {}, value: [Number(data.result[0]), String(data.result[1])] }];
  return [];
}

export function createPrometheusQueryService(locator: PrometheusLocator): PrometheusQueryService {
  return {
    async queryVector(clusterId, promql, options = {}) {
      const { api } = await locator.connect(clusterId);
      const params: Record<string, string | undefined> = {
        query: promql,
        time: options.time ? (options.time.getTime() / 1000).toString() : undefined,
      };
      const res = await api.get<QueryData>('/api/v1/query', params, options.signal);
      return toSamples(res.data ?? {});
    },
    async describe(clusterId) {
      const location = await locator.locate(clusterId);
      if (location.source === 'configured') return 'a configured URL';
      if (location.source === 'none') return `none (${location.reason})`;
      const { namespace, name, port } = location.service;
      return `service ${namespace}/${name}:${port}`;
    },
  };
}
