/** Argus RBAC for cluster routes: who is calling, may they, and in which namespaces. */
import { AppError } from '@argus/contracts';
import type { FastifyRequest } from 'fastify';
import type { Authorizer, Principal } from '../auth/types.js';

/** The Argus permission resource for a Kubernetes resource (and subresource). */
export function permissionFor(
  resource: string,
  sub: string | undefined,
  action: 'read' | 'write' | 'delete',
): { resource: string; action: string } {
  if (resource === 'pods' && sub === 'log') return { resource: 'pods', action: 'logs' };
  if (resource === 'pods' && (sub === 'exec' || sub === 'attach' || sub === 'portforward'))
    return { resource: 'pods', action: 'exec' };
  if (resource === 'events' && action === 'read') return { resource: 'events', action: 'read' };
  // The proxy subresources reach the workload itself (its HTTP API, as the API server): a permission of their
  // own, as in Kubernetes' edit role (not view); nodes/proxy is the kubelet's API (admin only: no role has it).
  if ((resource === 'pods' || resource === 'services' || resource === 'nodes') && sub === 'proxy')
    return { resource, action: 'proxy' };
  return { resource: 'resources', action };
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('UNAUTHENTICATED', 'Authentication required');
  return request.principal;
}

export interface Access {
  principal: Principal;
  require(resource: string, action: string, scope?: { clusterId?: string; namespace?: string }): Promise<void>;
  /**
   * Where the caller may (resource, action) in a cluster: 'all', or a non-empty set of namespaces.
   * With a namespace, just that one (or 403). Never an empty set: no access at all is a 403.
   */
  namespaces(clusterId: string, resource: string, action: string, namespace?: string): Promise<'all' | Set<string>>;
  can(resource: string, action: string, scope?: { clusterId?: string; namespace?: string }): Promise<boolean>;
  /** Where the caller may (resource, action) in a cluster: 'all', or namespaces (possibly none; never throws). */
  where(clusterId: string, resource: string, action: string): Promise<'all' | Set<string>>;
}

export function accessFor(request: FastifyRequest): Access {
  const principal = principalOf(request);
  const authorizer: Authorizer = request.server.authorizer;
  const deny = (resource: string, action: string, where: string) =>
    new AppError('FORBIDDEN', `You may not ${action} ${resource} ${where}`, { details: { resource, action } });
  return {
    principal,
    can: (resource, action, scope) => authorizer.can(principal, resource, action, scope),
    where: (clusterId, resource, action) => authorizer.namespacesFor(principal, clusterId, resource, action),
    async require(resource, action, scope) {
      if (!(await authorizer.can(principal, resource, action, scope))) {
        throw deny(
          resource,
          action,
          scope?.namespace ? `in namespace "${scope.namespace}"` : scope?.clusterId ? 'in this cluster' : '',
        );
      }
    },
    async namespaces(clusterId, resource, action, namespace) {
      if (namespace !== undefined) {
        if (!(await authorizer.can(principal, resource, action, { clusterId, namespace }))) {
          throw deny(resource, action, `in namespace "${namespace}"`);
        }
        return new Set([namespace]);
      }
      const allowed = await authorizer.namespacesFor(principal, clusterId, resource, action);
      if (allowed !== 'all' && allowed.size === 0) throw deny(resource, action, 'in this cluster');
      return allowed;
    },
  };
}
