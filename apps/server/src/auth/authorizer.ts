import type { Database } from '../db/types.js';
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
  /** How long effective permissions are cached (bounds staleness across replicas). */
  cacheTtlMs?: number;
  now?: () => number;
}

/**
 * Effective permissions per user, loaded with one query and cached; every change to roles, assignments
 * or users calls invalidate(). Another replica's change is seen within cacheTtlMs.
 */
export function createAuthorizer(db: Database, options: AuthorizerOptions = {}): RbacService {
  const ttl = options.cacheTtlMs ?? 30_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { at: number; value: Promise<Effective> }>();
  let generation = 0;

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

  function effective(userId: string): Promise<Effective> {
    const hit = cache.get(userId);
    if (hit && now() - hit.at < ttl) return hit.value;
    const loadedIn = generation;
    const value = load(userId);
    const entry = { at: now(), value };
    cache.set(userId, entry);
    value.then(
      () => {
        // A change during the load may have been missed: do not keep the result.
        if (loadedIn !== generation && cache.get(userId) === entry) cache.delete(userId);
      },
      () => {
        if (cache.get(userId) === entry) cache.delete(userId);
      },
    );
    return value;
  }

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
    invalidate(userId) {
      generation++;
      if (userId === undefined) cache.clear();
      else cache.delete(userId);
    },
  };
}
