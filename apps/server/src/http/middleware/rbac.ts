import { AppError } from '@argus/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Authorizer } from '../../auth/types.js';
import { clusterParam, MUTATING_METHODS, pathNamespaceParam, queryNamespaceParam } from '../request-scope.js';

/** Resources that exist only globally: a grant in a cluster or namespace never reaches them. */
export const GLOBAL_ONLY_RESOURCES: ReadonlySet<string> = new Set(['users', 'roles', 'audit', 'settings']);

/**
 * Whether the principal may call the route, from its declared `config.permission` and the scope its
 * params name. Rules (docs/security.md, "RBAC"):
 * - users, roles, audit, settings: a global grant only;
 * - a route with a cluster and a namespace path parameter: a grant covering that namespace;
 * - a read with a cluster and no namespace parameter: a grant covering `?namespace=` when given (it can only
 *   narrow), else anywhere in that cluster (handlers filter lists with namespacesFor);
 * - a mutation with a cluster and no namespace parameter: a grant on the whole cluster — `?namespace=` never
 *   lowers that — unless the route declares `checksNamespace` (its handler authorises each object's
 *   namespace: create, apply, `…/{name}?namespace=`), then a grant anywhere in that cluster;
 * - a route without a cluster: reads need the grant anywhere (handlers filter), mutations a global grant.
 */
export async function routeAllowed(authorizer: Authorizer, request: FastifyRequest): Promise<boolean> {
  const permission = request.routeOptions.config?.permission;
  if (typeof permission !== 'object') return allowedWithoutGrants(permission, request);
  const principal = request.principal;
  if (!principal) throw new AppError('UNAUTHENTICATED', 'Authentication required');
  const mutation = MUTATING_METHODS.has(request.method);
  const { resource, action } = permission;
  if (GLOBAL_ONLY_RESOURCES.has(resource)) return authorizer.can(principal, resource, action);
  const clusterId = clusterParam(request);
  if (clusterId) {
    const namespace = pathNamespaceParam(request);
    if (namespace) return authorizer.can(principal, resource, action, { clusterId, namespace });
    if (!mutation) {
      const narrowed = queryNamespaceParam(request);
      if (narrowed) return authorizer.can(principal, resource, action, { clusterId, namespace: narrowed });
      return authorizer.canAnywhere(principal, resource, action, clusterId);
    }
    if (request.routeOptions.config?.checksNamespace)
      return authorizer.canAnywhere(principal, resource, action, clusterId);
    return authorizer.can(principal, resource, action, { clusterId });
  }
  return mutation ? authorizer.can(principal, resource, action) : authorizer.canAnywhere(principal, resource, action);
}

/**
 * The routes whose permission names no resource: 'public' always, none never, 'authenticated' for any
 * principal (a read-scoped API key only for reads). Throws UNAUTHENTICATED without a principal.
 */
function allowedWithoutGrants(permission: 'public' | 'authenticated' | undefined, request: FastifyRequest): boolean {
  if (permission === 'public') return true;
  if (permission === undefined) return false;
  const principal = request.principal;
  if (!principal) throw new AppError('UNAUTHENTICATED', 'Authentication required');
  return !(MUTATING_METHODS.has(request.method) && principal.apiKeyScope === 'read');
}

/**
 * Stage 7: the route's permission, checked before the route's schemas validate its input (so a caller who may
 * not call the route learns nothing about its input) and before the handler; a route without one is always
 * denied. It reads the router's params and the raw query, as the audit stage before it does.
 */
export const rbac = fp(
  async (app: FastifyInstance, deps: { authorizer: Authorizer }) => {
    const forbidden = (request: FastifyRequest) => {
      const permission = request.routeOptions.config?.permission;
      return new AppError(
        'FORBIDDEN',
        permission === undefined
          ? 'This route declares no permission and is denied'
          : typeof permission === 'object'
            ? `You do not have permission ${permission.resource}:${permission.action} here`
            : 'You are not allowed to do this',
      );
    };
    // A callback hook: routeAllowed's promise is waited for, but a request needs no promise of its own here,
    // and a route that needs no grant (public, authenticated) is decided without any.
    app.addHook('preValidation', (request, _reply, done) => {
      if (request.is404) return done();
      const permission = request.routeOptions.config?.permission;
      if (typeof permission !== 'object') {
        let allowed: boolean;
        try {
          allowed = allowedWithoutGrants(permission, request);
        } catch (err) {
          return done(err as Error);
        }
        return done(allowed ? undefined : forbidden(request));
      }
      routeAllowed(deps.authorizer, request).then((allowed) => done(allowed ? undefined : forbidden(request)), done);
    });
  },
  { name: 'argus-rbac' },
);
