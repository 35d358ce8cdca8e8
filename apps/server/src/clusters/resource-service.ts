/** Resources of one cluster: lists from the watch cache (API server as fallback), reads and writes passed through. */
import { AppError, type FieldProjection, type ListQuery, projectObject } from '@argus/contracts';
import type { CacheManager } from './cache-manager.js';
import { type CachedObject, joinJson } from './cached-object.js';
import type { ClusterConnection } from './connection.js';
import { apiVersionOf, type Discovery, type ResourceInfo, resourcePath } from './discovery.js';
import { ensureOk } from './kube-errors.js';
import { joinProjected, projectedJson, projectionOf } from './projected.js';
import { type SecretValues, secretView, secretViewCached } from './secret-redaction.js';
import type { KubeObject } from './selectors.js';

export type PatchType = 'merge' | 'json' | 'strategic' | 'apply';
export const PATCH_CONTENT_TYPES: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
};

export interface KubeList {
  apiVersion: string;
  kind: string;
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
  items: KubeObject[];
  /** Same as metadata.continue (convenience for clients that do not speak Kubernetes). */
  continue: string | null;
  /** Where the list came from: the watch cache or the API server. */
  source: 'cache' | 'api';
}

export interface WriteOptions {
  namespace?: string;
  dryRun?: boolean;
  fieldManager?: string;
  force?: boolean;
}

export interface ResourceService {
  info(clusterId: string, group: string, version: string, resource: string): Promise<ResourceInfo>;
  /**
   * A page of objects in the `allowed` namespaces. `secrets` (from secretValuesFor; only read for the
   * core `secrets` resource): where Secret values are shown; other Secrets come redacted (redactSecret).
   * With `q.fields`, each item is its projection — from the cache, parsed from the projection remembered per
   * object version (listJson's), so a caller that reads a few fields of every object does not parse them whole.
   */
  list(
    clusterId: string,
    info: ResourceInfo,
    q: ListQuery,
    allowed: 'all' | Set<string>,
    secrets: SecretValues,
  ): Promise<KubeList>;
  /**
   * The same list as JSON (UTF-8). From the cache it is concatenated from the objects' stored JSON,
   * so nothing is parsed or serialised again per request (a page of 500 pods is ~850 KB). With `q.fields`,
   * each item is its projection (remembered per cached object version).
   */
  listJson(
    clusterId: string,
    info: ResourceInfo,
    q: ListQuery,
    allowed: 'all' | Set<string>,
    secrets: SecretValues,
  ): Promise<Buffer>;
  /**
   * Every matching object, for lists merged across clusters: from the cache unparsed (`entries`, Secret
   * values already hidden where they must be), else from the API server (`items`).
   */
  listMatching(
    clusterId: string,
    info: ResourceInfo,
    q: ListQuery,
    allowed: 'all' | Set<string>,
    secrets: SecretValues,
  ): Promise<{ entries: CachedObject[] } | { items: KubeObject[] }>;
  get(clusterId: string, info: ResourceInfo, namespace: string | undefined, name: string): Promise<KubeObject>;
  create(clusterId: string, info: ResourceInfo, body: unknown, o: WriteOptions): Promise<KubeObject>;
  replace(clusterId: string, info: ResourceInfo, name: string, body: unknown, o: WriteOptions): Promise<KubeObject>;
  patch(
    clusterId: string,
    info: ResourceInfo,
    name: string,
    type: PatchType,
    body: unknown,
    o: WriteOptions,
  ): Promise<KubeObject>;
  remove(clusterId: string, info: ResourceInfo, name: string, o: WriteOptions): Promise<unknown>;
}

function writeQuery(o: WriteOptions, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams(extra);
  if (o.dryRun) q.set('dryRun', 'All');
  if (o.fieldManager) q.set('fieldManager', o.fieldManager);
  if (o.force) q.set('force', 'true');
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function needNamespace(info: ResourceInfo, namespace: string | undefined): string | undefined {
  if (!info.namespaced) return undefined;
  if (!namespace) throw new AppError('VALIDATION_FAILED', `${info.resource} are namespaced: give ?namespace=`);
  return namespace;
}

export function createResourceService(deps: {
  connection: (clusterId: string) => Promise<ClusterConnection>;
  discovery: Discovery;
  caches: CacheManager;
}): ResourceService {
  const { connection, discovery, caches } = deps;
  const listKind = (info: ResourceInfo) => `${info.kind}List`;

  /** A list read from the API server, each item projected when the query asks for `fields`. */
  const projectList = (list: KubeList, projection: FieldProjection | undefined): KubeList =>
    projection ? { ...list, items: list.items.map((o) => projectObject(o, projection) as KubeObject) } : list;

  async function listFromApi(
    clusterId: string,
    info: ResourceInfo,
    q: ListQuery,
    allowed: 'all' | Set<string>,
    secrets: SecretValues,
  ): Promise<KubeList> {
    const conn = await connection(clusterId);
    const params = new URLSearchParams();
    if (q.labelSelector) params.set('labelSelector', q.labelSelector);
    if (q.fieldSelector) params.set('fieldSelector', q.fieldSelector);
    if (q.limit) params.set('limit', String(q.limit));
    if (q.continue) params.set('continue', q.continue);
    const res = ensureOk(
      await conn.request({ path: `${resourcePath(info, q.namespace)}?${params}`, timeoutMs: 60_000 }),
    );
    const body = res.json<{
      items: KubeObject[];
      metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
    }>();
    const items = body.items
      .filter((o) => allowed === 'all' || (o.metadata.namespace !== undefined && allowed.has(o.metadata.namespace)))
      .map((o) => ({ ...o, apiVersion: apiVersionOf(info), kind: info.kind }))
      .map((o) => secretView(o, secrets));
    const metadata: KubeList['metadata'] = { resourceVersion: body.metadata.resourceVersion ?? '' };
    if (body.metadata.continue) metadata.continue = body.metadata.continue;
    if (body.metadata.remainingItemCount !== undefined) metadata.remainingItemCount = body.metadata.remainingItemCount;
    return {
      apiVersion: apiVersionOf(info),
      kind: listKind(info),
      metadata,
      items,
      continue: metadata.continue ?? null,
      source: 'api',
    };
  }

  /** A page from the synced cache (undefined when the kind is not cached), with the list's other fields. */
  async function listFromCache(clusterId: string, info: ResourceInfo, q: ListQuery, allowed: 'all' | Set<string>) {
    const cache = await caches.synced(clusterId, info);
    if (!cache) return undefined;
    const page = cache.list(q, allowed);
    const metadata: KubeList['metadata'] = { resourceVersion: page.resourceVersion };
    if (page.continue) metadata.continue = page.continue;
    if (page.remainingItemCount !== undefined) metadata.remainingItemCount = page.remainingItemCount;
    return { apiVersion: apiVersionOf(info), kind: listKind(info), metadata, page };
  }

  return {
    info: (clusterId, group, version, resource) => discovery.find(clusterId, group, version, resource),
    async list(clusterId, info, q, allowed, secrets) {
      const projection = projectionOf(q);
      const c = await listFromCache(clusterId, info, q, allowed);
      if (!c) return projectList(await listFromApi(clusterId, info, q, allowed, secrets), projection);
      return {
        apiVersion: c.apiVersion,
        kind: c.kind,
        metadata: c.metadata,
        items: c.page.items.map((e) => {
          const view = secretViewCached(e, secrets);
          return projection ? (JSON.parse(projectedJson(view, projection)) as KubeObject) : view.object();
        }),
        continue: c.page.continue ?? null,
        source: 'cache',
      };
    },
    async listJson(clusterId, info, q, allowed, secrets) {
      const projection = projectionOf(q);
      const c = await listFromCache(clusterId, info, q, allowed);
      if (!c)
        return Buffer.from(
          JSON.stringify(projectList(await listFromApi(clusterId, info, q, allowed, secrets), projection)),
        );
      // Exactly JSON.stringify of what list() returns, key for key.
      const head = `{"apiVersion":${JSON.stringify(c.apiVersion)},"kind":${JSON.stringify(c.kind)},"metadata":${JSON.stringify(c.metadata)},"items":[`;
      const tail = `],"continue":${JSON.stringify(c.page.continue ?? null)},"source":"cache"}`;
      const items = secrets === 'all' ? c.page.items : c.page.items.map((e) => secretViewCached(e, secrets));
      if (projection)
        return joinProjected(
          head,
          items.map((e) => projectedJson(e, projection)),
          tail,
        );
      return joinJson(head, items, tail);
    },
    async listMatching(clusterId, info, q, allowed, secrets) {
      const whole = { ...q, limit: undefined, continue: undefined };
      const c = await listFromCache(clusterId, info, whole, allowed);
      if (!c) return { items: (await listFromApi(clusterId, info, whole, allowed, secrets)).items };
      return { entries: secrets === 'all' ? c.page.items : c.page.items.map((e) => secretViewCached(e, secrets)) };
    },
    async get(clusterId, info, namespace, name) {
      const conn = await connection(clusterId);
      return ensureOk(
        await conn.request({ path: resourcePath(info, needNamespace(info, namespace), name) }),
      ).json<KubeObject>();
    },
    async create(clusterId, info, body, o) {
      const conn = await connection(clusterId);
      const ns = needNamespace(info, o.namespace ?? (body as KubeObject)?.metadata?.namespace);
      const res = await conn.request({ method: 'POST', path: resourcePath(info, ns) + writeQuery(o), body });
      return ensureOk(res).json<KubeObject>();
    },
    async replace(clusterId, info, name, body, o) {
      const conn = await connection(clusterId);
      const res = await conn.request({
        method: 'PUT',
        path: resourcePath(info, needNamespace(info, o.namespace), name) + writeQuery(o),
        body,
      });
      return ensureOk(res).json<KubeObject>();
    },
    async patch(clusterId, info, name, type, body, o) {
      const conn = await connection(clusterId);
      const opts = type === 'apply' ? { ...o, fieldManager: o.fieldManager ?? 'argus' } : o;
      const res = await conn.request({
        method: 'PATCH',
        path: resourcePath(info, needNamespace(info, o.namespace), name) + writeQuery(opts),
        headers: { 'Content-Type': PATCH_CONTENT_TYPES[type] },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return ensureOk(res).json<KubeObject>();
    },
    async remove(clusterId, info, name, o) {
      const conn = await connection(clusterId);
      const res = await conn.request({
        method: 'DELETE',
        path: resourcePath(info, needNamespace(info, o.namespace), name) + writeQuery(o),
      });
      return ensureOk(res).json<unknown>();
    },
  };
}
