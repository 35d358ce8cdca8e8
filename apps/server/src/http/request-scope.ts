import type { FastifyRequest } from 'fastify';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const record = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

export const MUTATING_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The cluster a route addresses: the `clusterId` path parameter (or `cluster`, as plugin routes name it). */
export function clusterParam(request: FastifyRequest): string | undefined {
  const params = record(request.params);
  return str(params.clusterId) ?? str(params.cluster);
}

/** The namespace the route's own path names: the `namespace`/`ns` path parameter. */
export function pathNamespaceParam(request: FastifyRequest): string | undefined {
  const params = record(request.params);
  return str(params.namespace) ?? str(params.ns);
}

/** `?namespace=`: what a handler may act in; for RBAC it can only narrow a read, never widen a mutation. */
export function queryNamespaceParam(request: FastifyRequest): string | undefined {
  return str(record(request.query).namespace);
}

/** For the audit log: the namespace a request addresses (path parameter, else `?namespace=`). */
export function namespaceParam(request: FastifyRequest): string | undefined {
  return pathNamespaceParam(request) ?? queryNamespaceParam(request);
}

/** For the audit log: the same, plus what a JSON body names (cluster_id, namespace, metadata.namespace). */
export function auditScope(request: FastifyRequest): {
  clusterId: string | null;
  namespace: string | null;
  resource: string | null;
  resourceName: string | null;
} {
  const params = record(request.params);
  const body = record(request.body);
  const cluster = clusterParam(request) ?? str(body.cluster_id);
  const permission = request.routeOptions.config?.permission;
  return {
    clusterId: cluster && UUID.test(cluster) ? cluster : null,
    namespace: namespaceParam(request) ?? str(body.namespace) ?? str(record(body.metadata).namespace) ?? null,
    resource: str(params.resource) ?? (typeof permission === 'object' ? permission.resource : null),
    resourceName: str(params.name) ?? str(params.id) ?? str(params.pod) ?? null,
  };
}
