/**
 * The Istio plugin's backend: the nine kinds served by the operator toolkit (health from validation messages
 * and Argus's offline checks; weights and mTLS actions as the calling user), plus the problems list, mesh
 * membership, a Service's routing, the config topology and the traffic graph (through the Prometheus plugin's
 * `prometheus` service, declared in the manifest's `uses`).
 */
import { defineOperatorPlugin, readManifest } from '@argus/plugin-sdk';
import { ISTIO_KINDS } from './kinds.js';
import { registerIstioRoutes } from './routes.js';

export default defineOperatorPlugin({
  manifest: readManifest(new URL('../../manifest.json', import.meta.url)),
  deps: ['plugins'],
  kinds: ISTIO_KINDS,
  registerRoutes(router, deps) {
    registerIstioRoutes(router, deps);
  },
});
