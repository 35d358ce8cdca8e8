/** Read routes of one cluster: list, detail, history, values, manifest, diff. */
import { AppError } from '@argus/contracts';
import type { ClusterAccess, PluginRouter } from '@argus/plugin-sdk';
import { canReadContent, readable, requireAccess, requireContentAccess } from './access.js';
import { diffRevisions } from './release-diff.js';
import { createReleaseStore } from './release-store.js';
import { computedValues, userValues } from './release-values.js';
import { historyEntry, releaseDetail, releaseSummary } from './release-views.js';
import {
  diffQuery,
  historySchema,
  listQuery,
  manifestSchema,
  releaseDetailSchema,
  releaseListSchema,
  releaseParams,
  revisionDiffSchema,
  revisionQuery,
  valuesQuery,
  valuesSchema,
} from './schemas.js';

const RELEASE = '/releases/:namespace/:name';

export function registerReadRoutes(router: PluginRouter, clusters: ClusterAccess): void {
  const storeFor = (clusterId: string) => createReleaseStore(clusters.client(clusterId));

  router.route({
    method: 'GET',
    path: '/releases',
    query: listQuery,
    responses: { 200: releaseListSchema },
    async handler(ctx) {
      if (ctx.query.namespace) await requireAccess(ctx.can, 'read', ctx.query.namespace);
      const releases = await storeFor(ctx.clusterId).listLatest(ctx.query.namespace);
      return { items: await readable(ctx.can, releases.map(releaseSummary)) };
    },
  });

  async function release(ctx: {
    clusterId: string;
    params: { namespace: string; name: string };
    can: Parameters<typeof requireAccess>[0];
  }) {
    const { namespace, name } = ctx.params;
    await requireAccess(ctx.can, 'read', namespace);
    return { store: storeFor(ctx.clusterId), namespace, name };
  }
  /** A release whose content (values, manifests, notes: Secret content) the caller must be allowed to read. */
  async function content(ctx: Parameters<typeof release>[0]) {
    const r = await release(ctx);
    await requireContentAccess(ctx.can, r.namespace);
    return r;
  }

  router.route({
    method: 'GET',
    path: RELEASE,
    params: releaseParams,
    responses: { 200: releaseDetailSchema },
    async handler(ctx) {
      const { store, namespace, name } = await release(ctx);
      return releaseDetail(await store.get(namespace, name), await canReadContent(ctx.can, namespace));
    },
  });

  router.route({
    method: 'GET',
    path: `${RELEASE}/history`,
    params: releaseParams,
    responses: { 200: historySchema },
    async handler(ctx) {
      const { store, namespace, name } = await release(ctx);
      return { items: (await store.history(namespace, name)).map(historyEntry) };
    },
  });

  router.route({
    method: 'GET',
    path: `${RELEASE}/values`,
    params: releaseParams,
    query: valuesQuery,
    responses: { 200: valuesSchema },
    async handler(ctx) {
      const { store, namespace, name } = await content(ctx);
      const r = await store.get(namespace, name, ctx.query.revision);
      const all = ctx.query.all === 'true';
      return { revision: r.version, all, values: all ? computedValues(r) : userValues(r) };
    },
  });

  router.route({
    method: 'GET',
    path: `${RELEASE}/manifest`,
    params: releaseParams,
    query: revisionQuery,
    responses: { 200: manifestSchema },
    async handler(ctx) {
      const { store, namespace, name } = await content(ctx);
      const r = await store.get(namespace, name, ctx.query.revision);
      return { revision: r.version, manifest: r.manifest ?? '', notes: r.info.notes ?? '' };
    },
  });

  router.route({
    method: 'GET',
    path: `${RELEASE}/diff`,
    params: releaseParams,
    query: diffQuery,
    responses: { 200: revisionDiffSchema },
    async handler(ctx) {
      const { store, namespace, name } = await content(ctx);
      const history = await store.history(namespace, name);
      const pick = (rev: number) => {
        const r = history.find((h) => h.version === rev);
        if (!r) throw new AppError('HELM_REVISION_NOT_FOUND', `release ${namespace}/${name} has no revision ${rev}`);
        return r;
      };
      return diffRevisions(pick(ctx.query.from), pick(ctx.query.to));
    },
  });
}
