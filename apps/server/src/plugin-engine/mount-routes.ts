/**
 * Mounts each plugin's routes in its own encapsulated Fastify context: `/api/plugins/{id}/…` (global) and
 * `/api/plugins/{id}/clusters/{cluster}/…` (per cluster). The manifest's permission of each route is the
 * route's `config.permission`, so the RBAC stage checks it like any other route; the handler wrapper adds
 * the plugin's own rules: the cluster exists, the plugin is enabled there (else 409 PLUGIN_DISABLED),
 * inputs validated, and a handler that throws something other than an AppError is recorded against the
 * plugin and answered 500 PLUGIN_FAILED without taking anything else down.
 */
import { AppError, kubeNamespaceSchema, parseInput, pathSegmentNameProblem } from '@argus/contracts';
import { type PluginPrincipal, PluginResponse, type RouteContext, type RouteDefinition } from '@argus/plugin-sdk';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Authorizer, Principal } from '../auth/types.js';
import type { ClusterModule } from '../clusters/cluster-module.js';
import type { LoadedPlugin, PluginEngine } from './plugin-engine.js';

export interface MountDeps {
  engine: PluginEngine;
  clusters: ClusterModule;
  authorizer: Authorizer;
  principals: WeakMap<PluginPrincipal, Principal>;
  /** Body limit of binary uploads (chart archives). */
  uploadLimitBytes: number;
}

const BINARY_TYPES = ['application/octet-stream', 'application/gzip', 'application/x-gzip', 'application/x-tar'];

export async function mountPluginRoutes(app: FastifyInstance, deps: MountDeps): Promise<void> {
  for (const plugin of deps.engine.list()) {
    if (plugin.status !== 'active' || plugin.routes.length === 0 || !plugin.manifest) continue;
    const manifest = plugin.manifest;
    await app.register(
      async (scope) => {
        scope.addContentTypeParser(
          BINARY_TYPES,
          { parseAs: 'buffer', bodyLimit: deps.uploadLimitBytes },
          (_r, body, done) => done(null, body),
        );
        for (const route of plugin.routes) {
          const spec = manifest.routes.find(
            (m) => m.method === route.method && m.path === route.path && m.scope === (route.scope ?? 'cluster'),
          );
          if (!spec) continue;
          const url =
            spec.scope === 'cluster' ? `/clusters/:cluster${route.path === '/' ? '' : route.path}` : route.path;
          scope.route({
            method: route.method,
            url,
            config: { permission: spec.permission, checksNamespace: spec.checks_namespace },
            ...(route.bodyType === 'binary' || route.bodyLimit !== undefined
              ? { bodyLimit: Math.min(route.bodyLimit ?? deps.uploadLimitBytes, deps.uploadLimitBytes) }
              : {}),
            handler: (request, reply) => run(deps, plugin, route, spec.scope, request, reply),
          });
        }
      },
      { prefix: `/api/plugins/${plugin.id}` },
    );
  }
}

/**
 * Every plugin route's path parameters are object names (Kubernetes' path-segment rule: never `.` or `..`,
 * no `/` or `%`), `namespace`/`ns` and `?namespace=` DNS-1123 labels: checked before any handler runs.
 */
function checkNames(params: Record<string, string>, query: unknown): void {
  for (const [key, value] of Object.entries(params)) {
    const problem =
      key === 'namespace' || key === 'ns'
        ? kubeNamespaceSchema.safeParse(value).success
          ? undefined
          : 'must be a DNS-1123 label'
        : pathSegmentNameProblem(value);
    if (problem) throw new AppError('VALIDATION_FAILED', `Invalid path: ${key}: ${problem}`);
  }
  const ns = (query as { namespace?: unknown } | undefined)?.namespace;
  if (ns !== undefined && (typeof ns !== 'string' || !kubeNamespaceSchema.safeParse(ns).success))
    throw new AppError('VALIDATION_FAILED', 'Invalid query: namespace: must be a DNS-1123 label');
}

async function run(
  deps: MountDeps,
  plugin: LoadedPlugin,
  route: RouteDefinition<unknown, unknown>,
  scope: 'cluster' | 'global',
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<unknown> {
  const params = { ...(request.params as Record<string, string>) };
  checkNames(params, request.query);
  let clusterId = '';
  if (scope === 'cluster') {
    clusterId = params.cluster ?? '';
    delete params.cluster;
    await deps.clusters.clusters.get(clusterId);
    if (!(await deps.engine.isEnabled(plugin, clusterId)))
      throw new AppError('PLUGIN_DISABLED', `Plugin "${plugin.id}" is disabled on this cluster`);
  }
  if (plugin.status !== 'active') throw new AppError('PLUGIN_UNAVAILABLE', `Plugin "${plugin.id}" is not running`);
  const real = request.principal;
  if (!real) throw new AppError('UNAUTHENTICATED', 'Authentication required');
  const query = route.query ? parseInput(route.query, request.query, 'query') : request.query;
  let body: unknown = request.body;
  if (route.bodyType === 'binary') {
    if (!Buffer.isBuffer(body))
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Send the body as one of ${BINARY_TYPES.join(', ')}`);
  } else if (route.body) body = parseInput(route.body, body ?? {}, 'body');
  const principal: PluginPrincipal = { userId: real.userId, email: real.email };
  deps.principals.set(principal, real);
  const controller = new AbortController();
  request.raw.once('close', () => {
    if (!reply.sent) controller.abort();
  });
  const ctx: RouteContext<unknown, unknown> = {
    clusterId,
    params,
    query,
    body,
    principal,
    enabledClusters: async () => {
      const out = [];
      for (const c of await deps.clusters.clusters.list())
        if (await deps.engine.isEnabled(plugin, c.id)) out.push({ id: c.id, name: c.name, status: c.status });
      return out;
    },
    can: (resource, action, s) => {
      const cluster = s?.clusterId ?? clusterId;
      return deps.authorizer.can(real, resource, action, {
        ...(cluster ? { clusterId: cluster } : {}),
        ...(cluster && s?.namespace ? { namespace: s.namespace } : {}),
      });
    },
    log: request.log.child({ plugin: plugin.id }) as unknown as RouteContext<unknown, unknown>['log'],
    signal: controller.signal,
  };
  let result: unknown;
  try {
    result = await route.handler(ctx);
  } catch (err) {
    if (err instanceof AppError) throw err;
    deps.engine.recordFailure(plugin, `${route.method} ${route.path}`, err);
    throw new AppError('PLUGIN_FAILED', `The ${plugin.id} plugin failed to handle this request`, { cause: err });
  }
  if (result instanceof PluginResponse) {
    reply.status(result.status).headers(result.headers);
    if (result.body === undefined) return reply.send();
    if (Buffer.isBuffer(result.body) || typeof result.body === 'string') return reply.send(result.body);
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(result.body));
  }
  if (result === undefined) return reply.status(204).send();
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(result));
}
