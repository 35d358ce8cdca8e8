/**
 * The CloudNativePG plugin's backend: Clusters, Backups, ScheduledBackups, Poolers and Databases served by
 * the operator toolkit — health by the reference's rules, table summaries, and the operator's own actions
 * (backup now, switchover, restart, reload, hibernate, fence, scale, suspend a schedule, pause a pooler) run
 * as the calling user through the kubectl gateway.
 */
import { definePlugin, readManifest, registerOperatorRoutes } from '@argus/plugin-sdk';
import { CNPG_KINDS } from './kinds.js';
import { withScheduleBackups } from './schedule-backups.js';

const manifest = readManifest(new URL('../../manifest.json', import.meta.url));

export default definePlugin({
  manifest,
  deps: ['clusters', 'cache'],
  registerRoutes(router, deps) {
    registerOperatorRoutes(
      router,
      { clusters: deps.clusters, cache: withScheduleBackups(deps.cache) },
      {
        manifest,
        kinds: CNPG_KINDS,
      },
    );
  },
});
