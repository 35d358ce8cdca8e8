/** Wires retrieval into the app: the service (for the assistant's `search_knowledge` tool) and its routes. */
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Authorizer } from '../../auth/types.js';
import type { ClusterModule } from '../../clusters/cluster-module.js';
import type { Config } from '../../config/load-config.js';
import type { Database } from '../../db/types.js';
import type { SecretBox } from '../../secrets/secret-box.js';
import { createAiSettingsService } from '../settings/ai-settings.js';
import { createProviderEmbedder } from './provider-embedder.js';
import { retrievalRoutes } from './retrieval-routes.js';
import { type CrdSource, createRetrievalService } from './retrieval-service.js';
import { type ScopedRetrieval, scopeRetrieval } from './scoped-search.js';

const CRDS = { group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions' } as const;

/** A cluster's CRDs from their watch cache (shared with printer columns and plugin availability). */
export function clusterCrdSource(module: ClusterModule): CrdSource {
  return async (clusterId) => {
    const info = await module.discovery.find(clusterId, CRDS.group, CRDS.version, CRDS.resource);
    const cache =
      module.staleness.of(clusterId) !== undefined
        ? module.caches.peek(clusterId, info)
        : await module.caches.synced(clusterId, info);
    if (!cache) return null;
    return { version: cache.resourceVersion, crds: [...cache.iterate()].map((e) => JSON.parse(e.json) as unknown) };
  };
}

export async function registerRetrieval(
  app: FastifyInstance,
  deps: {
    db: Database;
    logger: Logger;
    clusters: ClusterModule;
    authorizer: Authorizer;
    config: Config;
    secrets: SecretBox;
  },
): Promise<ScopedRetrieval> {
  const model = deps.config.AI_EMBEDDING_MODEL;
  const settings = createAiSettingsService({ db: deps.db, secrets: deps.secrets });
  const service = createRetrievalService({
    db: deps.db,
    logger: deps.logger,
    crds: clusterCrdSource(deps.clusters),
    // With AI_EMBEDDING_MODEL, the assistant's provider embeds (when it has an embeddings API).
    ...(model
      ? {
          resolveEmbedder: async () => {
            const active = await settings.active();
            return active
              ? createProviderEmbedder(active, model, { timeoutMs: deps.config.AI_REQUEST_TIMEOUT_MS })
              : null;
          },
        }
      : {}),
  });
  const retrieval = scopeRetrieval(service, {
    authorizer: deps.authorizer,
    clusterIds: async () => (await deps.clusters.clusters.list()).map((c) => c.id),
  });
  await app.register(retrievalRoutes, { retrieval });
  return retrieval;
}
