/** /openapi/v3 and its per group-version documents. */
import { createHash } from 'node:crypto';
import type { ResourceDef, ResourceRegistry } from '../../registry/types.js';
import { kindSchema, sharedSchemas } from './builtin-schemas.js';

type S = Record<string, unknown>;

export function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

const QUERY_PARAMS = ['dryRun', 'fieldManager', 'fieldValidation', 'force', 'pretty'];

function operation(def: ResourceDef, action: string, bodyTypes: string[] | undefined): S {
  const op: S = {
    description: `${action} ${def.kind}`,
    operationId: `${action}${def.kind}`,
    parameters: QUERY_PARAMS.map((name) => ({
      name,
      in: 'query',
      schema: { type: name === 'force' ? 'boolean' : 'string', uniqueItems: true },
    })),
    responses: {
      '200': {
        description: 'OK',
        content: { 'application/json': { schema: { $ref: `#/components/schemas/${def.schemaName}` } } },
      },
    },
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': { group: def.group, version: def.version, kind: def.kind },
  };
  if (bodyTypes) {
    const content: S = {};
    for (const t of bodyTypes) content[t] = { schema: { $ref: `#/components/schemas/${def.schemaName}` } };
    op.requestBody = { content, required: true };
  }
  return op;
}

function pathsFor(def: ResourceDef): S {
  const base = `/${gvPath(def.group, def.version)}${def.namespaced ? '/namespaces/{namespace}' : ''}/${def.resource}`;
  const writable = def.verbs.includes('create');
  const item: S = { get: operation(def, 'get', undefined) };
  if (def.verbs.includes('update')) item.put = operation(def, 'put', ['application/json', 'application/yaml']);
  if (def.verbs.includes('patch'))
    item.patch = operation(def, 'patch', [
      'application/json-patch+json',
      'application/merge-patch+json',
      'application/apply-patch+yaml',
    ]);
  if (def.verbs.includes('delete')) item.delete = operation(def, 'delete', undefined);
  const collection: S = { get: operation(def, 'list', undefined) };
  if (writable) collection.post = operation(def, 'post', ['application/json', 'application/yaml']);
  return { [base]: collection, [`${base}/{name}`]: item };
}

export interface OpenApiCache {
  root(): S;
  document(group: string, version: string): { body: string; hash: string } | undefined;
}

export function createOpenApi(registry: ResourceRegistry): OpenApiCache {
  let cachedGen = -1;
  const docs = new Map<string, { body: string; hash: string }>();

  function rebuild(): void {
    if (cachedGen === registry.generation()) return;
    cachedGen = registry.generation();
    docs.clear();
    for (const gv of registry.groupVersions()) {
      const defs = registry.all().filter((d) => d.group === gv.group && d.version === gv.version);
      const schemas: S = { ...sharedSchemas() };
      let paths: S = {};
      for (const d of defs) {
        schemas[d.schemaName] = registry.schemas().get(d.schemaName) ?? kindSchema(d.group, d.version, d.kind);
        if (!d.computed && d.verbs.length > 1) paths = { ...paths, ...pathsFor(d) };
      }
      const doc = {
        openapi: '3.0.0',
        info: { title: 'Kubernetes', version: 'v1.32.3' },
        paths,
        components: { schemas },
      };
      const body = JSON.stringify(doc);
      const hash = createHash('sha512').update(body).digest('hex').slice(0, 128).toUpperCase();
      docs.set(gvPath(gv.group, gv.version), { body, hash });
    }
  }

  return {
    root() {
      rebuild();
      const paths: S = {};
      for (const [p, d] of docs) paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${d.hash}` };
      return { paths };
    },
    document(group, version) {
      rebuild();
      return docs.get(gvPath(group, version));
    },
  };
}
