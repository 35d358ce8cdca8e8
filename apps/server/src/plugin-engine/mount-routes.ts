/**
 * Mounts each plugin's routes in its own encapsulated Fastify context: `/api/plugins/{id}/…` (global) and
 * `/api/plugins/{id}/clusters/{cluster}/…` (per cluster). The manifest's permission of each route is the
 * route's `config.permission`, so the RBAC stage checks it like any other route. A route's declared schemas
 * (params, query, body, responses) are its Fastify `schema`, like a core route's: the framework validates
 * input before the handler (400 VALIDATION_FAILED) and the OpenAPI document lists the route under
 * `plugin: <id>`. The handler wrapper adds the plugin's own rules: the cluster exists, the plugin is enabled
 * there (else 409 PLUGIN_DISABLED), and a handler that throws something other than an AppError is recorded
 * against the plugin and answered 500 PLUGIN_FAILED without taking anything else down.
 */
import { AppError, errorBodySchema, kubeNamespaceSchema, pathSegmentNameProblem } from '@argus/contracts';
import {
  type PluginPrincipal,
  PluginResponse,
  type PluginRouteSpec,
  type RouteContext,
  type RouteDefinition,
  type RouteResponses,
} from '@argus/plugin-sdk';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Authorizer, Principal } from '../auth/types.js';
import type { ClusterModule } from '../clusters/cluster-module.js';
import { noBody } from '../http/openapi/responses.js';
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

type AnyRoute = RouteDefinition<unknown, unknown, unknown>;

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
        for (const route of plugin.routes as AnyRoute[]) {
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
            schema: routeSchema(plugin.id, route, spec, url),
            ...(route.bodyType === 'binary' || route.bodyLimit !== undefined
              ? { bodyLimit: Math.min(route.bodyLimit ?? deps.uploadLimitBytes, deps.uploadLimitBytes) }
              : {}),
            // Before the declared schemas: the names every plugin route takes, checked on the raw input.
            preValidation: async (request) => {
              checkNames(request.params as Record<string, string>, request.query);
              // As ever, a JSON route sent no body (or `null`) is validated as `{}`.
              if (route.body && route.bodyType !== 'binary' && (request.body === undefined || request.body === null))
                request.body = {};
            },
            handler: (request, reply) => run(deps, plugin, route, spec.scope, request, reply),
          });
        }
      },
      { prefix: `/api/plugins/${plugin.id}` },
    );
  }
}

/** The route's Fastify schema: its declarations plus what the engine adds (the `cluster` param, tag, summary). */
function routeSchema(pluginId: string, route: AnyRoute, spec: PluginRouteSpec, url: string): Record<string, unknown> {
  const params = paramsSchema(route, url);
  return {
    tags: [`plugin: ${pluginId}`],
    summary: route.summary ?? spec.description,
    ...(route.summary && spec.description !== route.summary ? { description: spec.description } : {}),
    ...(params ? { params } : {}),
    ...(route.query ? { querystring: route.query } : {}),
    ...(route.bodyType === 'binary' ? { consumes: BINARY_TYPES } : route.body ? { body: route.body } : {}),
    response: responses(route.responses, spec.scope === 'cluster'),
  };
}

const nameParam = (key: string) =>
  z
    .string()
    .superRefine((value, ctx) => {
      const problem = pathSegmentNameProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .describe(key === 'cluster' ? 'The cluster id' : 'An object name');

/**
 * The params schema: the route's own (a z.object) with the path's other params — `cluster`, and any the
 * route leaves out — as plain names; `namespace`/`ns` are DNS-1123 labels.
 */
function paramsSchema(route: AnyRoute, url: string): z.ZodType | undefined {
  const keys = [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1] as string);
  const own = route.params as (z.ZodType & { shape?: Record<string, unknown> }) | undefined;
  if (keys.length === 0) return own;
  const shape = own?.shape ?? {};
  const added = Object.fromEntries(
    keys
      .filter((k) => !(k in shape))
      .map((k) => [k, k === 'namespace' || k === 'ns' ? kubeNamespaceSchema : nameParam(k)]),
  );
  if (!own) return z.object(added);
  if (own instanceof z.ZodObject) {
    // A plain object: the params in the path's order (`cluster` first); else keep its refinements and mode.
    const plain = !own._zod.def.checks?.length && own._zod.def.catchall === undefined;
    return plain ? z.object({ ...added, ...own.shape }) : own.safeExtend(added);
  }
  return z.intersection(z.object(added), own);
}

const DISABLED = errorBodySchema.describe(
  'The plugin is disabled on this cluster (PLUGIN_DISABLED), its CRDs are not installed there (PLUGIN_NOT_AVAILABLE), or a conflict',
);

/**
 * The declared responses, as the framework takes them. A declaration without content (204) becomes a JSON
 * `null` schema with its description: the document then shows the status with no body.
 */
function responses(declared: RouteResponses | undefined, clusterScoped: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [status, r] of Object.entries(declared ?? {}))
    out[status] = r instanceof z.ZodType || r.content ? r : noBody(r.description);
  if (clusterScoped && !out['409']) out['409'] = DISABLED;
  return out;
}

/**
 * Every plugin route's path parameters are object names (Kubernetes' path-segment rule: never `.` or `..`,
 * no `/` or `%`), `namespace`/`ns` and `?namespace=` DNS-1123 labels: checked before any handler runs.
 */
function checkNames(params: Record<string, string>, query: unknown): void {
  for (const [key, value] of Object.entries(params ?? {})) {
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
  route: AnyRoute,
  scope: 'cluster' | 'global',
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<unknown> {
  // params, query and body were validated by the route's schemas (transforms applied).
  const params = { ...(request.params as Record<string, unknown>) };
  let clusterId = '';
  if (scope === 'cluster') {
    clusterId = String(params.cluster ?? '');
    delete params.cluster;
    await deps.clusters.clusters.get(clusterId);
    if (!(await deps.engine.isEnabled(plugin, clusterId)))
      throw new AppError('PLUGIN_DISABLED', `Plugin "${plugin.id}" is disabled on this cluster`);
    if (!(await deps.engine.isAvailable(plugin, clusterId)))
      throw new AppError(
        'PLUGIN_NOT_AVAILABLE',
        `The resources (CRDs) the ${plugin.id} plugin needs are not installed on this cluster`,
        { details: { requires: plugin.manifest?.requires ?? [] } },
      );
  }
  if (plugin.status !== 'active') throw new AppError('PLUGIN_UNAVAILABLE', `Plugin "${plugin.id}" is not running`);
  const real = request.principal;
  if (!real) throw new AppError('UNAUTHENTICATED', 'Authentication required');
  const body: unknown = request.body;
  if (route.bodyType === 'binary' && !Buffer.isBuffer(body))
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Send the body as one of ${BINARY_TYPES.join(', ')}`);
  const principal: PluginPrincipal = { userId: real.userId, email: real.email };
  deps.principals.set(principal, real);
  const controller = new AbortController();
  request.raw.once('close', () => {
    if (!reply.sent) controller.abort();
  });
  const ctx: RouteContext<unknown, unknown, unknown> = {
    clusterId,
    params,
    query: request.query,
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
    namespaces: (resource, action, cluster) =>
      deps.authorizer.namespacesFor(real, cluster ?? clusterId, resource, action),
    log: request.log.child({ plugin: plugin.id }) as unknown as RouteContext<unknown, unknown, unknown>['log'],
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
