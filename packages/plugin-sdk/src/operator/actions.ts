/** Running one declared action: params parsed, the object's state checked, then the patch/create/run as the caller. */
import { AppError } from '@argus/contracts';
import type { ClusterClient, RouteContext } from '../backend.js';
import { apiPath, ensureKubeOk } from './kube-errors.js';
import type { OperatorDeps } from './routes.js';
import type { OperatorAction, OperatorCreate, OperatorKind, OperatorObject, OperatorPatch } from './types.js';

const PATCH_TYPES = { merge: 'application/merge-patch+json', json: 'application/json-patch+json' } as const;

/** The action's params, parsed by its schema (400 VALIDATION_FAILED naming the field). */
export function parseParams(action: OperatorAction, raw: unknown): unknown {
  if (!action.params) return undefined;
  const res = action.params.safeParse(raw ?? {});
  if (res.success) return res.data;
  const issue = res.error.issues[0];
  const at = ['params', ...(issue?.path ?? [])].join('.');
  throw new AppError('VALIDATION_FAILED', `Invalid body: ${at}: ${issue?.message ?? 'invalid'}`);
}

/** `true`, or why the object's state forbids the action (a throwing rule is a refusal with its message). */
export function availability(action: OperatorAction, object: OperatorObject, params: unknown): true | string {
  if (!action.available) return true;
  try {
    return action.available(object, params);
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** A merge patch that applies only to the version the user saw (409 CONFLICT from the API server otherwise). */
function withPrecondition(p: OperatorPatch, object: OperatorObject): unknown {
  const rv = object.metadata.resourceVersion;
  if ((p.type ?? 'merge') !== 'merge' || p.precondition === false || !rv) return p.body;
  const body = (p.body ?? {}) as { metadata?: Record<string, unknown> };
  return { ...body, metadata: { ...body.metadata, resourceVersion: rv } };
}

async function applyPatch(
  client: ClusterClient,
  kind: OperatorKind,
  object: OperatorObject,
  p: OperatorPatch,
  signal: AbortSignal,
): Promise<unknown> {
  const path = apiPath(
    { group: kind.group, version: kind.version, resource: kind.plural },
    object.metadata.namespace,
    object.metadata.name,
    p.subresource,
  );
  const reply = await client.request({
    method: 'PATCH',
    path,
    headers: { 'content-type': PATCH_TYPES[p.type ?? 'merge'] },
    body: JSON.stringify(withPrecondition(p, object)),
    signal,
  });
  return ensureKubeOk(reply).json();
}

async function applyCreate(
  client: ClusterClient,
  kind: OperatorKind,
  object: OperatorObject,
  c: OperatorCreate,
  signal: AbortSignal,
): Promise<unknown> {
  const namespace = c.namespace ?? object.metadata.namespace;
  const path = apiPath(
    { group: c.group ?? kind.group, version: c.version ?? kind.version, resource: c.resource },
    namespace,
  );
  const reply = await client.request({
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(c.body),
    signal,
  });
  return ensureKubeOk(reply).json();
}

/** How often a patch is tried again after the object changed between the read and the patch (an operator's
 * controller writing its status meanwhile): each try reads the object again and judges it afresh. */
const CONFLICT_TRIES = 3;

const isConflict = (err: unknown) => err instanceof AppError && err.code === 'CONFLICT';

export async function runAction(
  deps: OperatorDeps,
  ctx: RouteContext<unknown, unknown, unknown>,
  kind: OperatorKind,
  action: OperatorAction,
  read: () => Promise<OperatorObject>,
  rawParams: unknown,
): Promise<unknown> {
  const params = parseParams(action, rawParams);
  for (let attempt = 1; ; attempt++) {
    const object = await read();
    try {
      return await runOnce(deps, ctx, kind, action, object, params);
    } catch (err) {
      // A merge patch carries the resourceVersion it judged: a conflict means the object moved on, so judge
      // the new version (it may no longer allow the action: 409 ACTION_NOT_AVAILABLE) and patch that.
      if (!action.patch || !isConflict(err) || attempt >= CONFLICT_TRIES) throw err;
    }
  }
}

async function runOnce(
  deps: OperatorDeps,
  ctx: RouteContext<unknown, unknown, unknown>,
  kind: OperatorKind,
  action: OperatorAction,
  object: OperatorObject,
  params: unknown,
): Promise<unknown> {
  const ok = availability(action, object, params);
  if (ok !== true) throw new AppError('ACTION_NOT_AVAILABLE', ok);
  const now = new Date();
  return deps.clusters.asUser(ctx.principal, ctx.clusterId, async (client) => {
    if (action.patch) return applyPatch(client, kind, object, action.patch(object, params, now), ctx.signal);
    if (action.create) return applyCreate(client, kind, object, action.create(object, params, now), ctx.signal);
    return (action.run as NonNullable<OperatorAction['run']>)({
      object,
      params,
      clusterId: ctx.clusterId,
      namespace: object.metadata.namespace ?? '',
      principal: ctx.principal,
      client,
      cache: deps.cache,
      now,
      signal: ctx.signal,
    });
  });
}
