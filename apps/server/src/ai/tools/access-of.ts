/** The request-free form of `accessFor` (clusters/access.ts) for code that acts for a principal outside a route. */
import { AppError } from '@argus/contracts';
import type { Authorizer, Principal } from '../../auth/types.js';
import type { Access } from '../../clusters/access.js';

export function accessOf(principal: Principal, authorizer: Authorizer): Access {
  const deny = (resource: string, action: string, where: string) =>
    new AppError('FORBIDDEN', `You may not ${action} ${resource} ${where}`, { details: { resource, action } });
  return {
    principal,
    can: (resource, action, scope) => authorizer.can(principal, resource, action, scope),
    where: (clusterId, resource, action) => authorizer.namespacesFor(principal, clusterId, resource, action),
    async require(resource, action, scope) {
      if (!(await authorizer.can(principal, resource, action, scope)))
        throw deny(resource, action, scope?.namespace ? `in namespace "${scope.namespace}"` : 'in this cluster');
    },
    async namespaces(clusterId, resource, action, namespace) {
      if (namespace !== undefined) {
        if (!(await authorizer.can(principal, resource, action, { clusterId, namespace })))
          throw deny(resource, action, `in namespace "${namespace}"`);
        return new Set([namespace]);
      }
      const allowed = await authorizer.namespacesFor(principal, clusterId, resource, action);
      if (allowed !== 'all' && allowed.size === 0) throw deny(resource, action, 'in this cluster');
      return allowed;
    },
  };
}
