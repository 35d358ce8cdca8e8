/** What the user may do, from `GET /api/auth/permissions`, checked the way the server checks it. */
export interface EffectivePermission {
  resource: string;
  action: string;
  cluster_id: string | null;
  namespace: string | null;
}

export interface PermissionsResponse {
  user_id: string;
  is_admin: boolean;
  api_key_scope?: 'full' | 'read' | null;
  permissions: EffectivePermission[];
}

export interface Scope {
  clusterId?: string;
  namespace?: string;
}

const part = (granted: string, wanted: string) => granted === '*' || granted === wanted;

/**
 * Whether (resource, action) is granted in the scope. With `anywhere`, a grant in any namespace of the
 * cluster counts (to decide whether to show a page the user can see a part of).
 */
export function can(
  perms: PermissionsResponse | undefined,
  resource: string,
  action: string,
  scope: Scope = {},
  anywhere = false,
): boolean {
  if (!perms) return false;
  if (perms.is_admin) return true;
  return perms.permissions.some((g) => {
    if (!part(g.resource, resource) || !part(g.action, action)) return false;
    if (g.cluster_id === null) return true;
    if (scope.clusterId === undefined) return anywhere;
    if (g.cluster_id !== scope.clusterId) return false;
    if (g.namespace === null) return true;
    if (scope.namespace === undefined) return anywhere;
    return g.namespace === scope.namespace;
  });
}

/** Namespaces of a cluster the user is confined to, or 'all'. */
export function namespacesAllowed(
  perms: PermissionsResponse | undefined,
  clusterId: string,
  resource = 'resources',
  action = 'read',
): 'all' | string[] {
  if (!perms) return [];
  if (perms.is_admin) return 'all';
  const out = new Set<string>();
  for (const g of perms.permissions) {
    if (!part(g.resource, resource) || !part(g.action, action)) continue;
    if (g.cluster_id === null || (g.cluster_id === clusterId && g.namespace === null)) return 'all';
    if (g.cluster_id === clusterId && g.namespace) out.add(g.namespace);
  }
  return [...out];
}
