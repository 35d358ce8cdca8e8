/** create, update (PUT), delete, deletecollection. */
import { badRequest, StoreError } from '../store/errors.js';
import type { DeleteOptions, KubeObject, PropagationPolicy } from '../store/types.js';
import { apiVersionOf, fieldManager, isDryRun, listKindOf, present, type RequestContext } from './context.js';
import { validateFields } from './field-validation.js';
import { trackUpdate } from './patch/managed-fields.js';
import { checkFieldSelector } from './read-handlers.js';
import { isObject, parseBody, readBody, successStatus, writeJson } from './respond.js';

export async function readObject(r: RequestContext): Promise<KubeObject> {
  const body = parseBody(await readBody(r.req), r.req.headers['content-type']);
  if (!isObject(body))
    throw badRequest(
      'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml',
    );
  return body as KubeObject;
}

/** Checks apiVersion/kind/namespace of a body against the URL and fills them in. */
export function checkBody(r: RequestContext, obj: KubeObject): KubeObject {
  const apiVersion = apiVersionOf(r.def);
  if (
    obj.apiVersion !== undefined &&
    obj.apiVersion !== apiVersion &&
    !(r.def.group === '' && obj.apiVersion === 'v1')
  ) {
    throw badRequest(
      `the API version in the data (${String(obj.apiVersion)}) does not match the expected API version (${apiVersion})`,
    );
  }
  if (obj.kind !== undefined && obj.kind !== r.def.kind) {
    throw badRequest(`the kind in the data (${String(obj.kind)}) does not match the expected kind (${r.def.kind})`);
  }
  const meta = isObject(obj.metadata) ? { ...obj.metadata } : {};
  if (r.def.namespaced) {
    if (meta.namespace && r.namespace && meta.namespace !== r.namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    meta.namespace = r.namespace ?? meta.namespace;
  } else delete meta.namespace;
  const { apiVersion: _a, kind: _k, metadata: _m, ...rest } = obj;
  return { apiVersion, kind: r.def.kind, metadata: meta, ...rest };
}

function now(r: RequestContext): string {
  return `${r.ctx.now().toISOString().slice(0, 19)}Z`;
}

export async function handleCreate(r: RequestContext): Promise<void> {
  if (r.def.namespaced && !r.namespace)
    throw new StoreError(404, 'NotFound', 'the server could not find the requested resource');
  const obj = checkBody(r, await readObject(r));
  validateFields(r, obj);
  r.ctx.admission.onCreate(r.def, obj);
  obj.metadata.managedFields = trackUpdate(listKindOf(r), apiVersionOf(r.def), undefined, obj, fieldManager(r), now(r));
  const created = r.ctx.store.create(r.def, obj, { dryRun: isDryRun(r.query) });
  writeJson(r.res, 201, present(r.def, created));
}

export async function handleUpdate(r: RequestContext, name: string, subresource?: 'status'): Promise<void> {
  const obj = checkBody(r, await readObject(r));
  validateFields(r, obj);
  if (obj.metadata.name !== undefined && obj.metadata.name !== name) {
    throw badRequest(
      `the name of the object (${String(obj.metadata.name)}) does not match the name on the URL (${name})`,
    );
  }
  obj.metadata.name = name;
  const prev = r.ctx.store.mustGet(r.def, r.namespace, name);
  writeJson(r.res, 200, present(r.def, storeUpdate(r, prev, obj, subresource)));
}

/** The shared last step of PUT and PATCH: admission, managedFields, status handling, dry run. */
export function storeUpdate(
  r: RequestContext,
  prev: KubeObject,
  obj: KubeObject,
  subresource?: 'status',
  operationManager?: string,
): KubeObject {
  r.ctx.admission.onUpdate(r.def, obj, prev);
  if (operationManager === undefined) {
    obj.metadata.managedFields = trackUpdate(
      listKindOf(r),
      apiVersionOf(r.def),
      prev,
      obj,
      fieldManager(r),
      now(r),
      subresource,
    );
  }
  const opts: Parameters<typeof r.ctx.store.update>[2] = { dryRun: isDryRun(r.query) };
  if (subresource) opts.subresource = subresource;
  else if (r.def.hasStatus) opts.preserveStatus = true;
  if (subresource === 'status') {
    const merged = {
      ...obj,
      metadata: {
        ...prev.metadata,
        managedFields: obj.metadata.managedFields,
        resourceVersion: obj.metadata.resourceVersion,
      },
    };
    return r.ctx.store.update(r.def, merged, opts);
  }
  return r.ctx.store.update(r.def, obj, opts);
}

async function deleteOptions(r: RequestContext): Promise<DeleteOptions> {
  const opts: DeleteOptions = { dryRun: isDryRun(r.query) };
  let body: Record<string, unknown> = {};
  const buf = await readBody(r.req);
  if (buf.length > 0 && buf.toString('utf8').trim() !== '') {
    const parsed = parseBody(buf, r.req.headers['content-type']);
    if (isObject(parsed)) body = parsed;
  }
  const policy = (r.query.get('propagationPolicy') ?? body.propagationPolicy) as PropagationPolicy | undefined;
  if (policy !== undefined) {
    if (!['Background', 'Foreground', 'Orphan'].includes(policy))
      throw badRequest(`propagationPolicy: Unsupported value: "${String(policy)}"`);
    opts.propagationPolicy = policy;
  } else if (body.orphanDependents === true || r.query.get('orphanDependents') === 'true')
    opts.propagationPolicy = 'Orphan';
  if (isObject(body.preconditions)) opts.preconditions = body.preconditions as DeleteOptions['preconditions'];
  if (Array.isArray(body.dryRun) && body.dryRun.includes('All')) opts.dryRun = true;
  return opts;
}

const RETURNS_OBJECT = new Set(['/pods', '/namespaces', 'apiextensions.k8s.io/customresourcedefinitions']);

export async function handleDelete(r: RequestContext, name: string): Promise<void> {
  const opts = await deleteOptions(r);
  const result = r.ctx.store.delete(r.def, r.namespace, name, opts);
  const obj = present(r.def, result.object);
  if (!result.removed || RETURNS_OBJECT.has(`${r.def.group}/${r.def.resource}`) || r.def.crdName) {
    writeJson(r.res, 200, obj);
    return;
  }
  writeJson(r.res, 200, successStatus({ name, group: r.def.group, kind: r.def.resource, uid: obj.metadata.uid }));
}

export async function handleDeleteCollection(r: RequestContext): Promise<void> {
  const opts = await deleteOptions(r);
  checkFieldSelector(r, r.query.get('fieldSelector'));
  const list = r.ctx.store.list(r.def, {
    namespace: r.namespace,
    labelSelector: r.query.get('labelSelector') ?? undefined,
    fieldSelector: r.query.get('fieldSelector') ?? undefined,
  });
  const items: KubeObject[] = [];
  for (const o of list.items) {
    try {
      items.push(present(r.def, r.ctx.store.delete(r.def, o.metadata.namespace, String(o.metadata.name), opts).object));
    } catch (err) {
      if (!(err instanceof StoreError && err.code === 404)) throw err;
    }
  }
  writeJson(r.res, 200, {
    kind: r.def.listKind,
    apiVersion: apiVersionOf(r.def),
    metadata: { resourceVersion: String(r.ctx.store.currentResourceVersion()) },
    items,
  });
}
