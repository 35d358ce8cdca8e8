/** The Prometheus plugin's backend: where each cluster's Prometheus is, PromQL and its API proxied with RBAC, the operator's objects. */
import { definePlugin, readManifest } from '@argus/plugin-sdk';
import { prometheusConfigSchema } from './config.js';
import { createPrometheusLocator } from './locate.js';
import { createPrometheusQueryService } from './query-service.js';
import { registerPrometheusRoutes } from './routes.js';

export { type PrometheusConfig, prometheusConfigSchema } from './config.js';

export default definePlugin({
  manifest: readManifest(new URL('../../manifest.json', import.meta.url)),
  deps: ['clusters', 'config', 'logger'],
  config: prometheusConfigSchema,
  registerRoutes(router, deps) {
    registerPrometheusRoutes(router, deps, createPrometheusLocator(deps));
  },
  // Other plugins (Istio's traffic graph) query Prometheus through this, declared in their manifest's `uses`.
  provides: { prometheus: (deps) => createPrometheusQueryService(createPrometheusLocator(deps)) },
});
