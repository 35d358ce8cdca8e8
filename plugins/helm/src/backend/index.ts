/**
 * The Helm plugin's backend: releases read from Helm's own storage (Secrets of type helm.sh/release.v1)
 * with Argus's credentials and the caller's Argus RBAC per namespace; rollback and uninstall done as
 * helm does them; install and upgrade by the real helm binary through the kubectl gateway as the user.
 */
import { definePlugin, readManifest } from '@argus/plugin-sdk';
import { createChartInstaller } from './chart-install.js';
import { createChartRepository } from './chart-repository.js';
import { createHelmRunner } from './helm-runner.js';
import { registerGlobalRoutes } from './routes-global.js';
import { registerReadRoutes } from './routes-read.js';
import { registerWriteRoutes } from './routes-write.js';

export default definePlugin({
  manifest: readManifest(new URL('../../manifest.json', import.meta.url)),
  deps: ['clusters', 'logger', 'host', 'outbound'],
  registerRoutes(router, deps) {
    const helm = createHelmRunner({ binary: deps.host.helm, logger: deps.logger });
    const repository = createChartRepository(deps.outbound);
    const installer = createChartInstaller({ clusters: deps.clusters, helm, repository });
    registerReadRoutes(router, deps.clusters);
    registerWriteRoutes(router, { clusters: deps.clusters, logger: deps.logger, installer });
    registerGlobalRoutes(router, deps.clusters);
  },
});
