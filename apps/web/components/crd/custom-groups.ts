/**
 * The sidebar's custom resources: grouped by API group, each kind once — the version the cluster prefers
 * for its group (discovery lists it first), else its highest served version (v2 > v1 > v1beta2 > v1alpha1).
 */
import type { ApiResource } from '@/lib/resources';

/** Kubernetes version priority: GA over beta over alpha, then by number (as the API server orders them). */
export function versionPriority(v: string): number {
  const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
  if (!m) return -1;
  const stage = m[2] === undefined ? 3 : m[2] === 'beta' ? 2 : 1;
  return stage * 1e6 + Number(m[1]) * 1e3 + Number(m[3] ?? 0);
}

export interface CustomGroup {
  group: string;
  kinds: ApiResource[];
}

/** One entry per (group, plural), grouped by group (groups and kinds alphabetical). */
export function customGroups(resources: ApiResource[]): CustomGroup[] {
  const best = new Map<string, ApiResource>();
  for (const r of resources) {
    const key = `${r.group}/${r.resource}`;
    const cur = best.get(key);
    const better =
      !cur ||
      (r.preferred === true && cur.preferred !== true) ||
      (r.preferred === cur.preferred && versionPriority(r.version) > versionPriority(cur.version));
    if (better) best.set(key, r);
  }
  const groups = new Map<string, ApiResource[]>();
  for (const r of best.values()) groups.set(r.group, [...(groups.get(r.group) ?? []), r]);
  return [...groups.entries()]
    .map(([group, kinds]) => ({ group, kinds: kinds.sort((a, b) => a.kind.localeCompare(b.kind)) }))
    .sort((a, b) => a.group.localeCompare(b.group));
}

/** Groups and kinds matching a filter (kind, plural, short name or group; case-insensitive). */
export function filterCustomGroups(groups: CustomGroup[], filter: string): CustomGroup[] {
  const f = filter.trim().toLowerCase();
  if (!f) return groups;
  return groups
    .map((g) =>
      g.group.toLowerCase().includes(f)
        ? g
        : {
            group: g.group,
            kinds: g.kinds.filter(
              (r) =>
                r.kind.toLowerCase().includes(f) ||
                r.resource.includes(f) ||
                (r.shortNames ?? []).some((s) => s.toLowerCase() === f),
            ),
          },
    )
    .filter((g) => g.kinds.length > 0);
}
