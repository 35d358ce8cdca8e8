/**
 * Test helpers for code that drives this plugin: a real Prometheus, a scrape target, kube-sim objects (the
 * plugin itself runs in the SDK's test kit, `@argus/plugin-sdk/testing`).
 */
export { type MetricsTarget, POD_LEVEL_BYTES, startMetricsTarget } from './metrics-target.js';
export {
  freePort,
  type RealPrometheus,
  requirePrometheusBinary,
  type ScrapeTarget,
  startRealPrometheus,
} from './real-prometheus.js';
export { addPrometheusService, ensureNamespaces, setPrometheusEndpointPort } from './sim-prometheus.js';
