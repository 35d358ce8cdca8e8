/**
 * Search as a user: CRD schemas only from the clusters whose cluster-scoped resources the caller may read
 * (Argus RBAC `resources:read` on the cluster, not just a namespace), optionally narrowed to one cluster. The knowledge base and runbooks are for everyone.
 */
import type { Authorizer, Principal } from '../../auth/types.js';
import type { KnowledgeHit, RetrievalService, SearchMode } from './retrieval-service.js';

export interface ScopedSearchOptions {
  limit?: number;
  mode?: SearchMode;
  /** Only this cluster's CRD schemas (when the caller may read them). */
  clusterId?: string;
}

export interface ScopedRetrieval extends RetrievalService {
  searchFor(
    principal: Principal,
    query: string,
    options?: ScopedSearchOptions,
  ): Promise<{ items: KnowledgeHit[]; mode: SearchMode }>;
}

export function scopeRetrieval(
  service: RetrievalService,
  deps: { authorizer: Authorizer; clusterIds: () => Promise<string[]> },
): ScopedRetrieval {
  return {
    ...service,
    async searchFor(principal, query, options = {}) {
      const candidates = options.clusterId ? [options.clusterId] : await deps.clusterIds();
      const clusterIds: string[] = [];
      for (const id of candidates) {
        // CRDs are cluster-scoped objects: reading them takes `resources:read` on the whole cluster.
        if (await deps.authorizer.can(principal, 'resources', 'read', { clusterId: id })) clusterIds.push(id);
      }
      return service.search(query, {
        clusterIds,
        ...(options.limit !== undefined ? { limit: options.limit } : {}),
        ...(options.mode ? { mode: options.mode } : {}),
      });
    },
  };
}
