import type { Database } from '../db/types.js';
import { createIdentityCache, type IdentityCache } from './identity-cache.js';
import { canAnywhereWith, canWith, type Grant, namespacesWith, READ_ACTIONS } from './permission-match.js';
import type { Authorizer, PermissionScope, Principal } from './types.js';

export interface RoleBinding {
  role: string;
  clusterId: string | null;
  namespace: string | null;
}

export interface Effective {
  grants: Grant[];
  bindings: RoleBinding[];
}

/** The RBAC service: the Authorizer contract plus what the permissions endpoint shows. */
export interface RbacService extends Authorizer {
  effective(userId: string): Promise<Effective>;
}

export interface AuthorizerOptions {
  /** Where effective permissions are cached (shared with the authenticator); default: a cache of its own. */
  cache?: IdentityCache;
  /** For the default cache: how long effective permissions are kept (bounds staleness across replicas). */
  cacheTtlMs?: number;
  now?: () => number;
}

/**
 * Effective permissions per user, loaded with one query and cached; every change to roles, assignments
 * or users calls invalidate(). Another replica's change is seen within the cache's TTL.
 */
export function createAuthorizer(db: Database, options: AuthorizerOptions = {}): RbacService {
  const cache =
    options.cache ??
    createIdentityCache({ ttlMs: options.cacheTtlMs ?? 30_000, ...(options.now ? { now: options.now } : {}) });

  async function load(userId: string): Promise<Effective> {
    const res = await db.query<{
      role: string;
      resource: string | null;
      action: string | null;
      cluster_id: string | null;
      namespace: string | null;
      assignment_id: string;
    }>(
      `SELECT r.name AS role, rp.resource, rp.action, ur.cluster_id::text AS cluster_id, ur.namespace,
              ur.id::text AS assignment_id
         FROM user_roles ur
         JOIN roles r ON r.id = ur.role_id
         LEFT JOIN role_permissions rp ON rp.role_id = ur.role_id
        WHERE ur.user_id = $1`,
      [userId],
    );
    const grants: Grant[] = [];
    const bindings = new Map<string, RoleBinding>();
    for (const row of res.rows) {
      bindings.set(row.assignment_id, { role: row.role, clusterId: row.cluster_id, namespace: row.namespace });
      if (row.resource && row.action)
        grants.push({
          resource: row.resource,
          action: row.action,
          clusterId: row.cluster_id,
          namespace: row.namespace,
        });
    }
    return { grants, bindings: [...bindings.values()] };
  }

  const effective = (userId: string): Promise<Effective> => cache.get(userId, 'grants', () => load(userId));

  const scoped = (p: Principal, action: string) => p.apiKeyScope !== 'read' || READ_ACTIONS.has(action);

  return {
    effective,
    async can(p, resource, action, scope: PermissionScope = {}) {
      if (!scoped(p, action)) return false;
      return canWith((await effective(p.userId)).grants, resource, action, scope);
    },
    async namespacesFor(p, clusterId, resource, action) {
      if (!scoped(p, action)) return new Set<string>();
      return namespacesWith((await effective(p.userId)).grants, clusterId, resource, action);
    },
    async canAnywhere(p, resource, action, clusterId) {
      if (!scoped(p, action)) return false;
      return canAnywhereWith((await effective(p.userId)).grants, resource, action, clusterId);
    },
    invalidate: (userId) => cache.invalidate(userId),
  };
}
