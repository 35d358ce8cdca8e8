/**
 * Every route declares what it needs in its `config.permission`. A route without one is a defect: the
 * route registry test fails, and the RBAC stage denies it.
 *
 * - 'public': no credentials (health, setup, login, …).
 * - 'authenticated': any signed-in user (their own profile, say).
 * - { resource, action }: an RBAC permission, checked against the caller's roles in the scope the
 *   route's params name (cluster id, namespace).
 */
export type RoutePermission = 'public' | 'authenticated' | { resource: string; action: string };

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: RoutePermission;
    /**
     * For a mutation on a cluster whose target namespace is not a path parameter (create from a body,
     * apply, `…/{name}?namespace=`): the handler authorises the exact namespace of every object it writes,
     * so the RBAC stage only asks for the permission somewhere in that cluster. Without it, such a mutation
     * needs the permission on the whole cluster.
     */
    checksNamespace?: boolean;
  }
}

export interface RegisteredRoute {
  method: string;
  url: string;
  permission: RoutePermission | undefined;
  /** The route's declared schemas (zod): params, querystring, body, response by status. */
  schema: Record<string, unknown> | undefined;
}

export function describePermission(p: RoutePermission | undefined): string {
  if (p === undefined) return 'MISSING';
  return typeof p === 'string' ? p : `${p.resource}:${p.action}`;
}
