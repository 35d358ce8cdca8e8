/**
 * What a cluster serves: built-ins and CRDs, from aggregated discovery (v2) with a legacy fallback.
 * Cached per cluster for a minute; an unknown resource triggers one refresh (a CRD may be new).
 */
import { AppError, pathSegmentNameProblem } from '@argus/contracts';
import type { ClusterConnection } from './connection.js';
import { ensureOk } from './kube-errors.js';

export interface ResourceInfo {
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
  shortNames: string[];
  singular: string;
  categories: string[];
  preferred: boolean;
}

export const apiVersionOf = (r: { group: string; version: string }) =>
  r.group ? `${r.group}/${r.version}` : r.version;

/** Path of a collection (namespace optional) or an object. */
export function resourcePath(r: ResourceInfo, namespace?: string, name?: string, sub?: string): string {
  // The last line of defence: a name that is a dot-segment or holds `/` would address another object.
  for (const segment of [namespace, name])
    if (segment !== undefined && pathSegmentNameProblem(segment))
      throw new AppError('VALIDATION_FAILED', `"${segment}" ${pathSegmentNameProblem(segment)}`);
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  const ns = r.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${base}${ns}/${r.resource}${name ? `/${encodeURIComponent(name)}` : ''}${sub ? `/${sub}` : ''}`;
}

const AGGREGATED = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;q=0.9';

interface AggGroup {
  metadata?: { name?: string };
  versions?: Array<{
    version: string;
    resources?: Array<{
      resource: string;
      responseKind?: { kind?: string };
      scope?: string;
      verbs?: string[];
      shortNames?: string[];
      singularResource?: string;
      categories?: string[];
    }>;
  }>;
}

async function fetchAggregated(conn: ClusterConnection, path: string): Promise<ResourceInfo[] | undefined> {
  const res = ensureOk(await conn.request({ path, headers: { Accept: AGGREGATED } }));
  const body = res.json<{ kind?: string; items?: AggGroup[] }>();
  if (body.kind !== 'APIGroupDiscoveryList') return undefined;
  const out: ResourceInfo[] = [];
  for (const g of body.items ?? []) {
    const group = g.metadata?.name ?? '';
    (g.versions ?? []).forEach((v, i) => {
      for (const r of v.resources ?? []) {
        out.push({
          group,
          version: v.version,
          resource: r.resource,
          kind: r.responseKind?.kind ?? '',
          namespaced: r.scope === 'Namespaced',
          verbs: r.verbs ?? [],
          shortNames: r.shortNames ?? [],
          singular: r.singularResource ?? '',
          categories: r.categories ?? [],
          preferred: i === 0,
        });
      }
    });
  }
  return out;
}

interface LegacyList {
  groupVersion: string;
  resources: Array<{
    name: string;
    kind: string;
    namespaced: boolean;
    verbs: string[];
    shortNames?: string[];
    singularName?: string;
    categories?: string[];
  }>;
}

async function fetchLegacy(conn: ClusterConnection): Promise<ResourceInfo[]> {
  const lists: Array<{ list: LegacyList; preferred: boolean }> = [];
  lists.push({ list: ensureOk(await conn.request({ path: '/api/v1' })).json<LegacyList>(), preferred: true });
  const groups = ensureOk(await conn.request({ path: '/apis' })).json<{
    groups: Array<{
      name: string;
      versions: Array<{ groupVersion: string }>;
      preferredVersion?: { groupVersion: string };
    }>;
  }>();
  const fetched = await Promise.all(
    groups.groups.flatMap((g) =>
      g.versions.map(async (v) => ({
        list: ensureOk(await conn.request({ path: `/apis/${v.groupVersion}` })).json<LegacyList>(),
        preferred: (g.preferredVersion?.groupVersion ?? g.versions[0]?.groupVersion) === v.groupVersion,
      })),
    ),
  );
  lists.push(...fetched);
  return lists.flatMap(({ list, preferred }) => {
    const [group, version] = list.groupVersion.includes('/') ? list.groupVersion.split('/') : ['', list.groupVersion];
    return list.resources.map((r) => ({
      group: group ?? '',
      version: version ?? '',
      resource: r.name,
      kind: r.kind,
      namespaced: r.namespaced,
      verbs: r.verbs,
      shortNames: r.shortNames ?? [],
      singular: r.singularName ?? '',
      categories: r.categories ?? [],
      preferred,
    }));
  });
}

export interface Discovery {
  all(clusterId: string): Promise<ResourceInfo[]>;
  /** `group` may be `core` or '' for the core group. Throws UNKNOWN_KIND. */
  find(clusterId: string, group: string, version: string, resource: string): Promise<ResourceInfo>;
  byKind(clusterId: string, apiVersion: string, kind: string): Promise<ResourceInfo>;
  /** By plural, singular, short name or kind (case-insensitive), preferred version. */
  byName(clusterId: string, name: string): Promise<ResourceInfo | undefined>;
  forget(clusterId: string): void;
}

export function createDiscovery(
  connection: (clusterId: string) => Promise<ClusterConnection>,
  ttlMs = 60_000,
): Discovery {
  const cache = new Map<string, { at: number; value: Promise<ResourceInfo[]> }>();
  // The last discovery that succeeded: served while the cluster cannot be reached, so lists keep coming from
  // the watch cache (marked stale) instead of failing on discovery.
  const good = new Map<string, ResourceInfo[]>();
  const load = async (id: string, force = false): Promise<ResourceInfo[]> => {
    const hit = cache.get(id);
    if (hit && !force && Date.now() - hit.at < ttlMs) return hit.value;
    if (hit && force && Date.now() - hit.at < 2_000) return hit.value;
    const fresh = (async () => {
      const conn = await connection(id);
      const core = await fetchAggregated(conn, '/api');
      const groups = core ? await fetchAggregated(conn, '/apis') : undefined;
      return core && groups
        ? [...core, ...groups].filter((r) => !r.resource.includes('/'))
        : (await fetchLegacy(conn)).filter((r) => !r.resource.includes('/'));
    })();
    const value = fresh.catch((err: unknown) => {
      const last = good.get(id);
      if (last) return last;
      throw err;
    });
    const entry = { at: Date.now(), value };
    cache.set(id, entry);
    fresh.then(
      (v) => good.set(id, v),
      // Without an earlier answer the failure is not kept: the next request asks again.
      () => {
        if (!good.has(id) && cache.get(id) === entry) cache.delete(id);
      },
    );
    return value;
  };
  async function lookup(id: string, match: (r: ResourceInfo) => boolean): Promise<ResourceInfo | undefined> {
    return (await load(id)).find(match) ?? (await load(id, true)).find(match);
  }
  return {
    all: (id) => load(id),
    async find(id, group, version, resource) {
      const g = group === 'core' ? '' : group;
      const r = await lookup(id, (x) => x.group === g && x.version === version && x.resource === resource);
      if (!r)
        throw new AppError(
          'UNKNOWN_KIND',
          `The cluster serves no resource "${resource}" in ${g ? `${g}/${version}` : version}`,
        );
      return r;
    },
    async byKind(id, apiVersion, kind) {
      const r = await lookup(id, (x) => apiVersionOf(x) === apiVersion && x.kind === kind);
      if (!r)
        throw new AppError(
          'UNKNOWN_KIND',
          `The cluster has no kind "${kind}" in ${apiVersion} (is its CRD installed?)`,
          { details: { apiVersion, kind } },
        );
      return r;
    },
    async byName(id, name) {
      const n = name.toLowerCase();
      const all = await load(id);
      const candidates = all.filter(
        (x) =>
          x.resource === n ||
          x.singular === n ||
          x.kind.toLowerCase() === n ||
          x.shortNames.includes(n) ||
          `${x.resource}.${x.group}` === n,
      );
      return candidates.find((x) => x.preferred) ?? candidates[0];
    },
    forget: (id) => {
      cache.delete(id);
      good.delete(id);
    },
  };
}
