/**
 * The KEDA plugin's backend: ScaledObjects, ScaledJobs and trigger authentications served by the operator
 * toolkit (health by the reference's rules, pause and resume by KEDA's annotations, as the calling user), plus
 * the HPAs KEDA made and the trigger authentications' Secret check.
 */
import { defineOperatorPlugin, readManifest } from '@argus/plugin-sdk';
import { KEDA_KINDS } from './kinds.js';
import { registerKedaRoutes } from './routes.js';

export default defineOperatorPlugin({
  manifest: readManifest(new URL('../../manifest.json', import.meta.url)),
  kinds: KEDA_KINDS,
  registerRoutes(router, deps) {
    registerKedaRoutes(router, deps.cache);
  },
});
