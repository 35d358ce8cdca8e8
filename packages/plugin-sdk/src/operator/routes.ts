/**
 * The operator toolkit's routes (DESIGN.md, "Contract for the second wave"), registered for a plugin's
 * declared kinds: lists and gets from Argus's watch cache filtered by the caller's namespace grants, with
 * each object's health; actions checked (permission in the object's namespace, params, the object's state)
 * and run as the caller through the kubectl gateway, so Argus RBAC decides and the audit log records them.
 */
import { AppError } from '@argus/contracts';
import type { PluginRouter, PluginServices, RouteContext } from '../backend.js';
import { OPERATOR_ROUTE_PATHS, type PluginKindSpec, type PluginManifest, parseManifest } from '../manifest.js';
import { runAction } from './actions.js';
import { safeHealth } from './health.js';
import { apiPath, ensureKubeOk } from './kube-errors.js';
import {
  actionBody,
  actionParams,
  actionResultSchema,
  kindParams,
  namespaceQuery,
  objectParams,
  operatorDetailSchema,
  operatorListSchema,
} from './schemas.js';
import type { OperatorAction, OperatorKind, OperatorObject } from './types.js';
import { describeActions } from './views.js';

export type OperatorDeps = Pick<PluginServices, 'clusters' | 'cache'>;

// biome-ignore lint/suspicious/noExplicitAny: kinds of different object types live in one list
type AnyKind = OperatorKind<any>;

export interface OperatorRoutesOptions {
  /** The plugin's manifest (as given to definePlugin): its `resources` names the kinds, actions and permissions. */
  manifest: unknown;
  kinds: readonly AnyKind[];
}

/** A declared kind with the manifest's view of it (the read permission, each action's permission). */
export interface ResolvedKind {
  kind: AnyKind;
  read: { resource: string; action: string };
  actions: Map<
    string,
    { action: OperatorAction; permission: { resource: string; action: string }; description: string }
  >;
}

/**
 * Checks the kinds against the manifest's `resources` (same kinds, same actions, same permissions) and
 * resolves each action's permission; throws (the engine marks the plugin failed) on any difference.
 */
export function resolveKinds(manifest: PluginManifest, kinds: readonly AnyKind[]): Map<string, ResolvedKind> {
  const res = manifest.resources;
  const problem = (m: string) => new Error(`plugin "${manifest.id}": operator toolkit: ${m}`);
  if (!res) throw problem('the manifest declares no "resources"');
  const specs = new Map<string, PluginKindSpec>(res.kinds.map((k) => [k.resource, k]));
  const out = new Map<string, ResolvedKind>();
  for (const kind of kinds) {
    const spec = specs.get(kind.plural);
    if (!spec || spec.group !== kind.group)
      throw problem(`kind ${kind.plural}.${kind.group} is not declared in the manifest's resources.kinds`);
    if (out.has(kind.plural)) throw problem(`kind "${kind.plural}" is declared twice`);
    const actions: ResolvedKind['actions'] = new Map();
    for (const [id, action] of Object.entries(kind.actions ?? {})) {
      const a = spec.actions.find((x) => x.id === id);
      if (!a) throw problem(`action "${id}" of ${kind.plural} is not declared in the manifest`);
      const p = action.permission;
      if (p && (p.resource !== a.permission.resource || p.action !== a.permission.action))
        throw problem(`action "${id}" of ${kind.plural}: its permission differs from the manifest's`);
      const does = [action.patch, action.create, action.run].filter(Boolean).length;
      if (does !== 1) throw problem(`action "${id}" of ${kind.plural} needs exactly one of patch, create or run`);
      actions.set(id, { action: action as OperatorAction, permission: a.permission, description: a.description });
    }
    for (const a of spec.actions)
      if (!actions.has(a.id)) throw problem(`manifest action "${a.id}" of ${kind.plural} has no implementation`);
    out.set(kind.plural, { kind, read: res.permission, actions });
  }
  for (const k of res.kinds) if (!out.has(k.resource)) throw problem(`manifest kind "${k.resource}" is not declared`);
  return out;
}

type Ctx<P> = RouteContext<{ namespace?: string | undefined }, { params?: Record<string, unknown> | undefined }, P>;

function kindOf(kinds: Map<string, ResolvedKind>, plural: string): ResolvedKind {
  const k = kinds.get(plural);
  if (!k) throw new AppError('UNKNOWN_KIND', `This plugin serves no kind "${plural}"`);
  return k;
}

/** The object's namespace from `?namespace=` (required for namespaced kinds, refused for cluster-scoped ones). */
function objectNamespace(kind: AnyKind, namespace: string | undefined): string | undefined {
  if (kind.namespaced && !namespace)
    throw new AppError(
      'VALIDATION_FAILED',
      `Invalid query: namespace: ${kind.plural} are namespaced: give ?namespace=`,
    );
  return kind.namespaced ? namespace : undefined;
}

const ref = (k: AnyKind) => ({ group: k.group, version: k.version, resource: k.plural });

export function withHealth(kind: AnyKind, object: OperatorObject, context?: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = { ...object, health: safeHealth(kind.health, object, context) };
  if (kind.summary) {
    try {
      out.summary = kind.summary(object, context);
    } catch {
      out.summary = {};
    }
  }
  return out;
}

/** The kind's `context` for one request (undefined without a loader, or when it fails). */
export async function kindContext(kind: AnyKind, deps: OperatorDeps, clusterId: string, signal?: AbortSignal) {
  if (!kind.context) return undefined;
  try {
    return await kind.context({ clusterId, cache: deps.cache, ...(signal ? { signal } : {}) });
  } catch {
    return undefined;
  }
}

/** Registers the three toolkit routes for `kinds` (call it from the plugin's registerRoutes). */
export function registerOperatorRoutes(router: PluginRouter, deps: OperatorDeps, options: OperatorRoutesOptions): void {
  const kinds = resolveKinds(parseManifest(options.manifest), options.kinds);
  router.operatorKinds?.(options.kinds);

  /**
   * The object, if the caller may read it (a namespace they may not read answers 404 like a missing one):
   * from the watch cache, or — before an action, which must judge and patch the current version — fresh
   * from the API server.
   */
  async function readable(ctx: Ctx<unknown>, k: ResolvedKind, name: string, fresh = false): Promise<OperatorObject> {
    const namespace = objectNamespace(k.kind, ctx.query.namespace);
    const missing = () => new AppError('NOT_FOUND', `${k.kind.kind} "${name}" not found`);
    if (!(await ctx.can(k.read.resource, k.read.action, namespace ? { namespace } : {}))) throw missing();
    if (fresh) {
      const reply = await deps.clusters
        .client(ctx.clusterId)
        .request({ path: apiPath(ref(k.kind), namespace, name), signal: ctx.signal });
      if (reply.status === 404) throw missing();
      return ensureKubeOk(reply).json<OperatorObject>();
    }
    const item = await deps.cache.get(ctx.clusterId, ref(k.kind), namespace, name);
    if (!item) throw missing();
    return item.object() as OperatorObject;
  }

  router.route({
    method: 'GET',
    path: OPERATOR_ROUTE_PATHS.list,
    summary: "The plugin's objects of one kind, each with its health (in the namespaces the caller may read)",
    params: kindParams,
    query: namespaceQuery,
    responses: { 200: operatorListSchema },
    async handler(ctx) {
      const k = kindOf(kinds, ctx.params.plural);
      const where = await ctx.namespaces(k.read.resource, k.read.action);
      // A namespace-scoped caller sees no cluster-scoped objects.
      if (!k.kind.namespaced && where !== 'all') return { items: [] };
      const namespace = k.kind.namespaced ? ctx.query.namespace : undefined;
      const items = await deps.cache.list(ctx.clusterId, ref(k.kind), {
        ...(namespace ? { namespace } : {}),
        allowed: where,
      });
      const context = await kindContext(k.kind, deps, ctx.clusterId, ctx.signal);
      return { items: items.map((i) => withHealth(k.kind, i.object() as OperatorObject, context)) };
    },
  });

  router.route({
    method: 'GET',
    path: OPERATOR_ROUTE_PATHS.get,
    summary: 'One object of a kind with its health and the actions the caller may run on it',
    params: objectParams,
    query: namespaceQuery,
    responses: { 200: operatorDetailSchema },
    async handler(ctx) {
      const k = kindOf(kinds, ctx.params.plural);
      const object = await readable(ctx as unknown as Ctx<unknown>, k, ctx.params.name);
      return {
        ...withHealth(k.kind, object, await kindContext(k.kind, deps, ctx.clusterId, ctx.signal)),
        actions: await describeActions(ctx as RouteContext<unknown, unknown, unknown>, k, object),
      };
    },
  });

  router.route({
    method: 'POST',
    path: OPERATOR_ROUTE_PATHS.action,
    summary: "Runs one of the kind's actions on the object as the caller (through the kubectl gateway, audited)",
    params: actionParams,
    query: namespaceQuery,
    body: actionBody,
    responses: { 200: actionResultSchema },
    async handler(ctx) {
      const k = kindOf(kinds, ctx.params.plural);
      const entry = k.actions.get(ctx.params.action);
      if (!entry) throw new AppError('ACTION_NOT_FOUND', `${k.kind.kind} has no action "${ctx.params.action}"`);
      const namespace = objectNamespace(k.kind, ctx.query.namespace);
      const { resource, action } = entry.permission;
      if (!(await ctx.can(resource, action, namespace ? { namespace } : {})))
        throw new AppError(
          'FORBIDDEN',
          `You may not ${ctx.params.action} ${k.kind.plural} ${namespace ? `in namespace "${namespace}"` : 'in this cluster'}`,
          { details: { resource, action } },
        );
      const reread = () => readable(ctx as Ctx<unknown>, k, ctx.params.name, true);
      const result = await runAction(deps, ctx as Ctx<unknown>, k.kind, entry.action, reread, ctx.body?.params);
      return { result };
    },
  });
}
