/**
 * The Calico plugin's backend: Calico's kinds (projectcalico.org/v3, and the operator's TigeraStatus) served by
 * the operator toolkit with the reference's health rules; tiers with their policies in evaluation order, the
 * policies that select a pod, staged policies with what enforcing them would change, and a node's BGP status.
 */
import { defineOperatorPlugin, readManifest } from '@argus/plugin-sdk';
import { CALICO_KINDS } from './kinds.js';
import { registerCalicoRoutes } from './routes.js';

export default defineOperatorPlugin({
  manifest: readManifest(new URL('../../manifest.json', import.meta.url)),
  kinds: CALICO_KINDS,
  registerRoutes(router, deps) {
    registerCalicoRoutes(router, deps);
  },
});
