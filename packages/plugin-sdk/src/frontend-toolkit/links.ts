/** Links to the web UI's own pages (DESIGN.md "UI routes"), for plugins and shared components. */

/** Kubernetes' own API groups: the core group, unqualified ones (apps, batch) and *.k8s.io. */
export function isBuiltinGroup(group: string): boolean {
  return group === '' || group === 'core' || !group.includes('.') || group.endsWith('.k8s.io');
}

/** The URL segment of a resource: its plural for built-ins, `{group}~{version}~{plural}` for custom ones. */
export function resourceSegment(r: { group: string; version: string; resource: string }): string {
  return isBuiltinGroup(r.group) ? r.resource : `${r.group}~${r.version}~${r.resource}`;
}

/** An object's generic detail page: `/clusters/{id}/{segment}/{namespace or _}/{name}`. */
export function objectHref(
  clusterId: string,
  r: { group: string; version: string; resource: string },
  name: string,
  namespace?: string | null,
): string {
  return `/clusters/${encodeURIComponent(clusterId)}/${resourceSegment(r)}/${encodeURIComponent(namespace || '_')}/${encodeURIComponent(name)}`;
}

/** A label selector string (`app=web,tier=db`) from `matchLabels`. */
export function labelSelector(labels: Record<string, string> | undefined | null): string {
  return Object.entries(labels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}
