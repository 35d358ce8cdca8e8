import type { PermissionScope } from './types.js';

/** One effective grant: a (resource, action) permission of a role, in the scope the role was assigned. */
export interface Grant {
  resource: string;
  action: string;
  clusterId: string | null;
  namespace: string | null;
}

/** Actions a read-scoped API key may use. */
export const READ_ACTIONS: ReadonlySet<string> = new Set(['read', 'logs']);

const part = (granted: string, wanted: string) => granted === '*' || granted === wanted;

export function grantMatches(g: Grant, resource: string, action: string): boolean {
  return part(g.resource, resource) && part(g.action, action);
}

/** A global grant covers everything; a cluster grant its cluster; a namespace grant only that namespace. */
export function grantCovers(g: Grant, scope: PermissionScope): boolean {
  if (g.clusterId === null) return true;
  if (g.clusterId !== scope.clusterId) return false;
  return g.namespace === null || g.namespace === scope.namespace;
}

export function canWith(grants: readonly Grant[], resource: string, action: string, scope: PermissionScope = {}) {
  return grants.some((g) => grantMatches(g, resource, action) && grantCovers(g, scope));
}

export function namespacesWith(
  grants: readonly Grant[],
  clusterId: string,
  resource: string,
  action: string,
): 'all' | Set<string> {
  const namespaces = new Set<string>();
  for (const g of grants) {
    if (!grantMatches(g, resource, action)) continue;
    if (g.clusterId === null || (g.clusterId === clusterId && g.namespace === null)) return 'all';
    if (g.clusterId === clusterId && g.namespace !== null) namespaces.add(g.namespace);
  }
  return namespaces;
}

export function canAnywhereWith(grants: readonly Grant[], resource: string, action: string, clusterId?: string) {
  return grants.some(
    (g) =>
      grantMatches(g, resource, action) &&
      (clusterId === undefined || g.clusterId === null || g.clusterId === clusterId),
  );
}
