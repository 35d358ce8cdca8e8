/** PATCH: JSON patch, merge patch, strategic merge patch and server-side apply. */
import { badRequest, notFound, StoreError } from '../store/errors.js';
import type { KubeObject } from '../store/types.js';
import { apiVersionOf, fieldManager, isDryRun, listKindOf, present, type RequestContext } from './context.js';
import { validateFields, validatePatchedFields } from './field-validation.js';
import { applyJsonPatch, applyMergePatch } from './patch/json-patch.js';
import { serverSideApply } from './patch/managed-fields.js';
import { applyStrategicMerge } from './patch/strategic-merge.js';
import { isObject, parseBody, readBody, writeJson } from './respond.js';
import { checkBody, storeUpdate } from './write-handlers.js';

type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

function patchType(contentType: string | undefined): PatchType {
  const ct = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  switch (ct) {
    case 'application/json-patch+json':
      return 'json';
    case 'application/merge-patch+json':
      return 'merge';
    case 'application/strategic-merge-patch+json':
      return 'strategic';
    case 'application/apply-patch+yaml':
    case 'application/apply-patch+json':
      return 'apply';
    default:
      throw new StoreError(
        415,
        'UnsupportedMediaType',
        `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`,
      );
  }
}

/** Applies a patch body of the given type to `current` (a served object). */
export function patchObject(kind: string, type: Exclude<PatchType, 'apply'>, current: unknown, body: unknown): unknown {
  if (type === 'json') return applyJsonPatch(current, body);
  if (!isObject(body))
    throw badRequest('the body of the request was in an unknown format - a patch must be a JSON object');
  return type === 'merge' ? applyMergePatch(current, body) : applyStrategicMerge(kind, current, body);
}

export async function handlePatch(r: RequestContext, name: string, subresource?: 'status'): Promise<void> {
  const type = patchType(r.req.headers['content-type']);
  if (type === 'strategic' && r.def.crdName) {
    throw new StoreError(
      415,
      'UnsupportedMediaType',
      'strategic merge patch is not supported for custom resources; use JSON merge patch or server-side apply',
    );
  }
  const body = parseBody(await readBody(r.req), type === 'apply' ? 'application/yaml' : 'application/json');
  const live = r.ctx.store.get(r.def, r.namespace, name);
  if (type === 'apply') {
    await apply(r, name, live, body, subresource);
    return;
  }
  if (!live) throw notFound(r.def.group, r.def.resource, name);
  const current = present(r.def, live);
  const patched = patchObject(r.def.kind, type, current, body);
  if (!isObject(patched)) throw badRequest('the patched object is not an object');
  validatePatchedFields(r, current, patched);
  const obj = checkBody(r, patched as KubeObject);
  obj.metadata.name = name;
  if (obj.metadata.resourceVersion === undefined) obj.metadata.resourceVersion = live.metadata.resourceVersion;
  writeJson(r.res, 200, present(r.def, storeUpdate(r, live, obj, subresource)));
}

async function apply(
  r: RequestContext,
  name: string,
  live: KubeObject | undefined,
  body: unknown,
  subresource?: 'status',
): Promise<void> {
  if (!isObject(body)) throw badRequest('error decoding YAML: the apply configuration must be an object');
  const manager = r.query.get('fieldManager');
  if (!manager)
    throw badRequest(
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
    );
  const applied = checkBody(r, body as KubeObject);
  validateFields(r, applied);
  if (applied.metadata.name !== undefined && applied.metadata.name !== name) {
    throw badRequest(
      `the name of the object (${String(applied.metadata.name)}) does not match the name on the URL (${name})`,
    );
  }
  applied.metadata.name = name;
  const force = r.query.get('force') === 'true';
  const time = `${r.ctx.now().toISOString().slice(0, 19)}Z`;
  const result = serverSideApply({
    kind: listKindOf(r),
    apiVersion: apiVersionOf(r.def),
    live: live ? present(r.def, live) : undefined,
    applied,
    manager,
    force,
    time,
  });
  const obj = checkBody(r, result);
  obj.metadata.name = name;
  if (!live) {
    r.ctx.admission.onCreate(r.def, obj);
    const created = r.ctx.store.create(r.def, obj, { dryRun: isDryRun(r.query) });
    writeJson(r.res, 201, present(r.def, created));
    return;
  }
  obj.metadata.resourceVersion = live.metadata.resourceVersion;
  writeJson(r.res, 200, present(r.def, storeUpdate(r, live, obj, subresource, manager)));
}

export { fieldManager };
