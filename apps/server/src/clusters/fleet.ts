/** Across clusters: merged lists tagged by cluster with per-cluster failures, and search by name from the caches. */
import { AppError, type ListQuery, type SearchHit } from '@argus/contracts';
import type { Access } from './access.js';
import type { CacheManager } from './cache-manager.js';
import type { CachedObject } from './cached-object.js';
import type { ClusterService } from './cluster-service.js';
import type { Discovery, ResourceInfo } from './discovery.js';
import { compareText, pageAcross, parseSort } from './fleet-paging.js';
import { projectedJson, projectedObjectJson, projectionOf } from './projected.js';
import type { ResourceService } from './resource-service.js';
import { secretValuesFor } from './secret-redaction.js';
import type { KubeObject } from './selectors.js';

export interface ClusterRef {
  id: string;
  name: string;
}
export interface ClusterFailure {
  cluster: ClusterRef;
  code: string;
  status: number;
  message: string;
}

const UPPER = /[A-Z]/;

export const DEFAULT_SEARCH_KINDS = [
  'pods',
  'deployments',
  'statefulsets',
  'daemonsets',
  'jobs',
  'cronjobs',
  'services',
  'ingresses',
  'configmaps',
  'secrets',
  'persistentvolumeclaims',
  'namespaces',
  'nodes',
];

const failure = (cluster: ClusterRef, err: unknown): ClusterFailure => {
  const e = err instanceof AppError ? err : new AppError('INTERNAL', (err as Error).message);
  return { cluster, code: e.code, status: e.status, message: e.message };
};

/** Clusters named by ?clusters= (ids or names), or every registered one. */
async function targets(
  clusters: ClusterService,
  param: string | undefined,
): Promise<{ list: ClusterRef[]; explicit: boolean; failures: ClusterFailure[] }> {
  if (!param?.trim())
    return { list: (await clusters.list()).map((c) => ({ id: c.id, name: c.name })), explicit: false, failures: [] };
  const list: ClusterRef[] = [];
  const failures: ClusterFailure[] = [];
  for (const ref of [
    ...new Set(
      param
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ]) {
    try {
      const c = await clusters.resolve(ref);
      list.push({ id: c.id, name: c.name });
    } catch (err) {
      failures.push(failure({ id: ref, name: ref }, err));
    }
  }
  return { list, explicit: true, failures };
}

/** `p`, or UPSTREAM_TIMEOUT after `ms`; the timer goes as soon as `p` settles (not ten seconds later). */
function withTimeout<T>(p: Promise<T>, ms: number, cluster: ClusterRef): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new AppError('UPSTREAM_TIMEOUT', `Cluster "${cluster.name}" did not answer within ${ms} ms`)),
      ms,
    );
    timer.unref();
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export interface FleetDeps {
  clusters: ClusterService;
  resources: ResourceService;
  discovery: Discovery;
  caches: CacheManager;
  perClusterTimeoutMs: number;
}

/** One object of a merged list: sortable without parsing, then materialised (or serialised) for its page only. */
interface FleetEntry {
  cluster: ClusterRef;
  metadata: { name: string; namespace?: string | undefined; readonly creationTimestamp?: string | undefined };
  source: CachedObject | KubeObject;
}

/**
 * A cached object's sort fields for a merged list. A class, not an object literal with a getter: a literal with
 * an accessor is built on V8's slow path, and a page of 500 across ten clusters builds one per match (~5,000).
 */
class CachedMeta {
  constructor(private readonly o: CachedObject) {}
  get name(): string {
    return this.o.name;
  }
  get namespace(): string | undefined {
    return this.o.namespace;
  }
  /** Only sorting by age reads it (and parses the object for it). */
  get creationTimestamp(): string | undefined {
    return this.o.field('metadata.creationTimestamp');
  }
}

function entryOf(cluster: ClusterRef, source: CachedObject | KubeObject): FleetEntry {
  return { cluster, metadata: isCached(source) ? new CachedMeta(source) : source.metadata, source };
}

const isCached = (o: CachedObject | KubeObject): o is CachedObject => typeof (o as CachedObject).object === 'function';

interface FleetPage {
  entries: FleetEntry[];
  errors: ClusterFailure[];
  clusters: ClusterRef[];
  total: number;
  continue?: string;
}

async function pageOfFleet(
  deps: FleetDeps,
  access: Access,
  path: { group: string; version: string; resource: string },
  q: ListQuery & { clusters?: string | undefined; sort?: string | undefined },
): Promise<FleetPage> {
  parseSort(q.sort); // a bad sort is refused before any cluster is asked
  const { list, explicit, failures } = await targets(deps.clusters, q.clusters);
  const entries: FleetEntry[] = [];
  const ok: ClusterRef[] = [];
  await Promise.all(
    list.map(async (cluster) => {
      try {
        const info = await withTimeout(
          deps.resources.info(cluster.id, path.group, path.version, path.resource),
          deps.perClusterTimeoutMs,
          cluster,
        );
        const sub = info.resource === 'events' ? 'events' : 'resources';
        let allowed: 'all' | Set<string>;
        try {
          allowed = await access.namespaces(cluster.id, sub, 'read', q.namespace);
        } catch (err) {
          if (explicit) failures.push(failure(cluster, err));
          return;
        }
        const secrets = await secretValuesFor(access, cluster.id, info);
        const found = await withTimeout(
          deps.resources.listMatching(cluster.id, info, q, allowed, secrets),
          deps.perClusterTimeoutMs,
          cluster,
        );
        if ('entries' in found) for (const e of found.entries) entries.push(entryOf(cluster, e));
        else for (const o of found.items) entries.push(entryOf(cluster, o));
        ok.push(cluster);
      } catch (err) {
        failures.push(failure(cluster, err));
      }
    }),
  );
  const { continue: cont, limit, sort, ...rest } = q;
  const page = pageAcross(entries, { sort, limit, continue: cont, query: { path, ...rest, sort: sort ?? '' } });
  return {
    entries: page.items,
    total: page.total,
    ...(page.continue ? { continue: page.continue } : {}),
    errors: failures,
    clusters: ok,
  };
}

export async function listAcross(
  deps: FleetDeps,
  access: Access,
  path: { group: string; version: string; resource: string },
  q: ListQuery & { clusters?: string | undefined; sort?: string | undefined },
): Promise<{
  items: Array<KubeObject & { cluster: ClusterRef }>;
  errors: ClusterFailure[];
  clusters: ClusterRef[];
  total: number;
  continue?: string;
}> {
  const { entries, ...page } = await pageOfFleet(deps, access, path, q);
  const items = entries.map((e) => ({ ...(isCached(e.source) ? e.source.object() : e.source), cluster: e.cluster }));
  return { items, ...page };
}

/**
 * The same merged list as JSON, `extra` fields appended: each item is its object's stored JSON with the
 * `cluster` tag spliced in (exactly JSON.stringify of listAcross's item), so a page of 500 pods is neither
 * parsed nor serialised again.
 */
export async function listAcrossJson(
  deps: FleetDeps,
  access: Access,
  path: { group: string; version: string; resource: string },
  q: ListQuery & { clusters?: string | undefined; sort?: string | undefined },
  extra: (clusters: ClusterRef[]) => Record<string, unknown>,
): Promise<Buffer> {
  const { entries, ...page } = await pageOfFleet(deps, access, path, q);
  const head = '{"items":[';
  const tail = `],${JSON.stringify({ ...page, ...extra(page.clusters) }).slice(1)}`;
  const tags = new Map<string, Buffer>();
  const tagOf = (c: ClusterRef) => {
    const known = tags.get(c.id);
    if (known) return known;
    const t = Buffer.from(`,"cluster":${JSON.stringify(c)}}`);
    tags.set(c.id, t);
    return t;
  };
  // Each item: its stored JSON (or its projection, `?fields=`) without the closing brace, then
  // `,"cluster":{…}}`; written once into one buffer.
  const projection = projectionOf(q);
  const bodies = entries.map((e) =>
    projection
      ? Buffer.from(
          isCached(e.source) ? projectedJson(e.source, projection) : projectedObjectJson(e.source, projection),
        )
      : isCached(e.source)
        ? e.source
        : Buffer.from(JSON.stringify(e.source)),
  );
  let total = Buffer.byteLength(head) + Buffer.byteLength(tail) + Math.max(entries.length - 1, 0);
  for (const [i, b] of bodies.entries())
    total += (Buffer.isBuffer(b) ? b.length : b.bytes) - 1 + tagOf((entries[i] as FleetEntry).cluster).length;
  const out = Buffer.allocUnsafe(total);
  let at = out.write(head, 0);
  for (const [i, b] of bodies.entries()) {
    if (i > 0) out[at++] = 0x2c;
    at += (Buffer.isBuffer(b) ? b.copy(out, at) : b.writeJson(out, at)) - 1;
    at += tagOf((entries[i] as FleetEntry).cluster).copy(out, at);
  }
  out.write(tail, at);
  return out;
}

export async function search(
  deps: FleetDeps,
  access: Access,
  q: {
    q: string;
    clusters?: string | undefined;
    kinds?: string | undefined;
    namespace?: string | undefined;
    limit: number;
  },
): Promise<{ results: SearchHit[]; errors: ClusterFailure[] }> {
  const { list, failures } = await targets(deps.clusters, q.clusters);
  const needle = q.q.toLowerCase();
  const kinds = q.kinds
    ? q.kinds
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean)
    : DEFAULT_SEARCH_KINDS;
  const hits: Array<SearchHit & { rank: number }> = [];
  await Promise.all(
    list.map(async (cluster) => {
      try {
        await withTimeout(
          (async () => {
            let allowed: 'all' | Set<string>;
            try {
              allowed = await access.namespaces(cluster.id, 'resources', 'read', q.namespace);
            } catch {
              return;
            }
            const infos = (await Promise.all(kinds.map((k) => deps.discovery.byName(cluster.id, k)))).filter(
              (i): i is ResourceInfo => !!i,
            );
            await Promise.all(
              infos.map(async (info) => {
                const cache = await deps.caches.synced(cluster.id, info);
                if (!cache) return;
                for (const o of cache.iterate()) {
                  // Kubernetes names are nearly always lowercase (DNS labels): lowercase a copy only when needed.
                  const name = UPPER.test(o.name) ? o.name.toLowerCase() : o.name;
                  if (!name.includes(needle)) continue;
                  const ns = o.namespace;
                  if (q.namespace && ns !== q.namespace) continue;
                  // Cluster-scoped objects need cluster-wide read; namespaced ones an allowed namespace.
                  if (allowed !== 'all' && (ns === undefined || !allowed.has(ns))) continue;
                  hits.push({
                    cluster,
                    group: info.group,
                    version: info.version,
                    resource: info.resource,
                    kind: info.kind,
                    namespace: ns ?? null,
                    name: o.name,
                    rank: name === needle ? 0 : name.startsWith(needle) ? 1 : 2,
                  });
                }
              }),
            );
          })(),
          deps.perClusterTimeoutMs,
          cluster,
        );
      } catch (err) {
        failures.push(failure(cluster, err));
      }
    }),
  );
  hits.sort((a, b) => a.rank - b.rank || compareText(a.name, b.name) || compareText(a.cluster.name, b.cluster.name));
  return { results: hits.slice(0, q.limit).map(({ rank: _r, ...h }) => h), errors: failures };
}
