/** Write routes of one cluster: rollback, uninstall (plugin code), install and upgrade (real helm). */
import type { ClusterAccess, PluginLogger, PluginRouter, RouteContext } from '@argus/plugin-sdk';
import { PluginResponse } from '@argus/plugin-sdk';
import { canReadContent, requireAccess } from './access.js';
import type { ChartInstaller } from './chart-install.js';
import { createReleaseActions, type ReleaseActions } from './release-actions.js';
import { releaseDetail } from './release-views.js';
import {
  CHART_BODY_LIMIT,
  installBody,
  releaseDetailSchema,
  releaseParams,
  rollbackBody,
  rollbackResultSchema,
  uninstallQuery,
  uninstallResultSchema,
  upgradeBody,
} from './schemas.js';

const RELEASE = '/releases/:namespace/:name';

export function registerWriteRoutes(
  router: PluginRouter,
  deps: { clusters: ClusterAccess; logger: PluginLogger; installer: ChartInstaller },
): void {
  // Rollback and uninstall read and write as the caller, through Argus's kubectl gateway: every object of
  // the release's manifest (which may name other namespaces or cluster-scoped kinds) is checked by Argus
  // RBAC and audited, as helm itself would run with the user's credentials.
  const asCaller = <T>(ctx: RouteContext<unknown, unknown, unknown>, fn: (actions: ReleaseActions) => Promise<T>) =>
    deps.clusters.asUser(ctx.principal, ctx.clusterId, (client) =>
      fn(createReleaseActions(client, ctx.log.child({ clusterId: ctx.clusterId }))),
    );

  router.route({
    method: 'POST',
    path: `${RELEASE}/rollback`,
    params: releaseParams,
    body: rollbackBody,
    responses: { 200: rollbackResultSchema },
    async handler(ctx) {
      const { namespace, name } = ctx.params;
      await requireAccess(ctx.can, 'write', namespace);
      const { release, objects } = await asCaller(ctx, (a) => a.rollback(namespace, name, ctx.body.revision));
      return { release: releaseDetail(release, await canReadContent(ctx.can, namespace)), objects };
    },
  });

  router.route({
    method: 'DELETE',
    path: RELEASE,
    params: releaseParams,
    query: uninstallQuery,
    responses: { 200: uninstallResultSchema },
    async handler(ctx) {
      const { namespace, name } = ctx.params;
      await requireAccess(ctx.can, 'delete', namespace);
      return asCaller(ctx, (a) => a.uninstall(namespace, name, ctx.query.keep_history === 'true'));
    },
  });

  router.route({
    method: 'POST',
    path: '/releases',
    body: installBody,
    bodyLimit: CHART_BODY_LIMIT,
    responses: { 201: releaseDetailSchema },
    async handler(ctx) {
      await requireAccess(ctx.can, 'write', ctx.body.namespace);
      const release = await deps.installer.install(ctx.principal, ctx.clusterId, ctx.body, ctx.signal);
      ctx.log.info({ namespace: release.namespace, release: release.name }, 'helm release installed');
      return new PluginResponse(201, releaseDetail(release, await canReadContent(ctx.can, release.namespace)));
    },
  });

  router.route({
    method: 'POST',
    path: `${RELEASE}/upgrade`,
    params: releaseParams,
    body: upgradeBody,
    bodyLimit: CHART_BODY_LIMIT,
    responses: { 200: releaseDetailSchema },
    async handler(ctx) {
      const { namespace, name } = ctx.params;
      await requireAccess(ctx.can, 'write', namespace);
      const release = await deps.installer.upgrade(ctx.principal, ctx.clusterId, namespace, name, ctx.body, ctx.signal);
      ctx.log.info({ namespace, release: name, revision: release.version }, 'helm release upgraded');
      return releaseDetail(release, await canReadContent(ctx.can, namespace));
    },
  });
}
