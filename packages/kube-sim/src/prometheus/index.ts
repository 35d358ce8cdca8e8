/** The simulated Prometheus: synthetic series from the cluster, a PromQL evaluator and Prometheus's HTTP API. */
export { BUILD_VERSION, createSimPrometheus, type SimPrometheus } from './http-api.js';
export { APP_CALLS, BASE_RPS, FAILING, meshEdges, OUTSIDE_CALLS } from './istio-series.js';
export type { Labels, Series } from './promql-eval.js';
export { formatValue } from './promql-functions.js';
export { instantQuery, QueryError, rangeQuery, UNSUPPORTED_SUMMARY } from './query.js';
export { SCRAPE_MS, SCRAPE_OFFSET_MS } from './series.js';

/** Where the demo serves it: the operator's governing Service, port `web` (9090). */
export const PROMETHEUS_SERVICE = { namespace: 'monitoring', name: 'prometheus-operated', ports: ['web', '9090'] };
