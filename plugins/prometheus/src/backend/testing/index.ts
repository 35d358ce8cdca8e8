/** Test helpers for code that drives this plugin: a real Prometheus, a scrape target, kube-sim objects, a stand-in plugin engine. */
export { type MetricsTarget, POD_LEVEL_BYTES, startMetricsTarget } from './metrics-target.js';
export {
  type Caller,
  clusterViewer,
  createTestRouter,
  memoryConfig,
  silentLogger,
  simClusters,
  type TestRouter,
} from './plugin-harness.js';
export {
  freePort,
  type RealPrometheus,
  requirePrometheusBinary,
  type ScrapeTarget,
  startRealPrometheus,
} from './real-prometheus.js';
export { addPrometheusService, ensureNamespaces, setPrometheusEndpointPort } from './sim-prometheus.js';
