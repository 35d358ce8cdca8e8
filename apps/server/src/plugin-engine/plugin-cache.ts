/**
 * The plugins' `cache` service: reads through the server's watch caches (the CacheReader API of
 * clusters/cache-store.ts), started on first use and synced before the first answer. A resource that cannot
 * be cached (not watchable, over the memory budget) is listed from the API server instead. Secrets are
 * always handed out without their values: a plugin that needs them reads them with `clusters`.
 */
import type { CachedItem, PluginCache, ResourceRef } from '@argus/plugin-sdk';
import type { CachedObject } from '../clusters/cached-object.js';
import type { ClusterModule } from '../clusters/cluster-module.js';
import { redactSecret, secretViewCached } from '../clusters/secret-redaction.js';
import type { KubeObject } from '../clusters/selectors.js';

const NO_VALUES: ReadonlySet<string> = new Set();

function fromCached(e: CachedObject): CachedItem {
  const shown = secretViewCached(e, NO_VALUES);
  return {
    namespace: shown.namespace,
    name: shown.name,
    labels: shown.labels,
    resourceVersion: shown.resourceVersion,
    object: () => shown.object() as unknown as Record<string, unknown>,
  };
}

function fromObject(o: KubeObject): CachedItem {
  const shown = o.kind === 'Secret' && o.apiVersion === 'v1' ? redactSecret(o) : o;
  return {
    namespace: shown.metadata.namespace,
    name: shown.metadata.name,
    labels: (shown.metadata.labels as Record<string, string> | undefined) ?? {},
    resourceVersion: shown.metadata.resourceVersion,
    object: () => shown as unknown as Record<string, unknown>,
  };
}

export function createPluginCache(clusters: ClusterModule): PluginCache {
  const locate = async (clusterId: string, ref: ResourceRef) => {
    const info = await clusters.resources.info(clusterId, ref.group || 'core', ref.version, ref.resource);
    return { info, cache: await clusters.caches.synced(clusterId, info) };
  };
  return {
    async list(clusterId, ref, options = {}) {
      const allowed = options.allowed ?? 'all';
      if (allowed !== 'all' && allowed.size === 0) return [];
      const q = {
        ...(options.namespace ? { namespace: options.namespace } : {}),
        ...(options.labelSelector ? { labelSelector: options.labelSelector } : {}),
        ...(options.fieldSelector ? { fieldSelector: options.fieldSelector } : {}),
      };
      const { info, cache } = await locate(clusterId, ref);
      if (cache) return cache.list(q, allowed).items.map(fromCached);
      const list = await clusters.resources.list(
        clusterId,
        info,
        q,
        allowed === 'all' ? 'all' : new Set(allowed),
        NO_VALUES,
      );
      return list.items.map(fromObject);
    },
    async get(clusterId, ref, namespace, name) {
      const { info, cache } = await locate(clusterId, ref);
      const ns = info.namespaced ? namespace : undefined;
      if (cache) {
        const e = cache.get(ns, name);
        return e ? fromCached(e) : undefined;
      }
      try {
        return fromObject(await clusters.resources.get(clusterId, info, ns, name));
      } catch (err) {
        if ((err as { code?: string }).code === 'NOT_FOUND') return undefined;
        throw err;
      }
    },
  };
}
