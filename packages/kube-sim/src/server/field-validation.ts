/**
 * Server-side field validation, as kube-apiserver does it (`?fieldValidation=Strict|Warn|Ignore`, default
 * Warn): a field the kind's schema does not declare is refused with 400 BadRequest ("strict decoding error:
 * unknown field \"spec.foo\"") under Strict — what `kubectl apply/create` ask for by default — and reported
 * in a `Warning` header under Warn. The schemas are the ones /openapi/v3 serves (built-in kinds from
 * openapi/builtin-schemas.ts, custom resources from their CRD's openAPIV3Schema); inside a part a schema
 * leaves free-form (`x-kubernetes-preserve-unknown-fields`) anything is accepted. Unlike the real server,
 * unknown fields accepted under Warn/Ignore are kept rather than dropped.
 */
import { badRequest } from '../store/errors.js';
import type { RequestContext } from './context.js';
import { kindSchema, sharedSchemas } from './openapi/builtin-schemas.js';

type S = Record<string, unknown>;
const isObject = (v: unknown): v is S => typeof v === 'object' && v !== null && !Array.isArray(v);
const REF_PREFIX = '#/components/schemas/';

/** The schema a `$ref` (or a single-element `allOf: [{$ref}]`) points at, with the pointing schema's own keys. */
function resolveRef(schema: S, lookup: (name: string) => S | undefined): S {
  let current = schema;
  for (let depth = 0; depth < 16; depth++) {
    const only = Array.isArray(current.allOf) && current.allOf.length === 1 ? current.allOf[0] : undefined;
    const ref = typeof current.$ref === 'string' ? current.$ref : isObject(only) ? only.$ref : undefined;
    if (typeof ref !== 'string') return current;
    const target = lookup(ref.startsWith(REF_PREFIX) ? ref.slice(REF_PREFIX.length) : ref);
    // An unresolvable reference checks nothing (never a false refusal).
    if (!target) return { 'x-kubernetes-preserve-unknown-fields': true };
    const { $ref: _r, allOf: _a, ...own } = current;
    current = { ...target, ...own };
  }
  return current;
}

function walk(schema: S, value: unknown, path: string, lookup: (name: string) => S | undefined, out: string[]): void {
  const s = resolveRef(schema, lookup);
  if (Array.isArray(value)) {
    const items = s.items;
    if (isObject(items)) for (const [i, v] of value.entries()) walk(items, v, `${path}[${i}]`, lookup, out);
    return;
  }
  if (!isObject(value)) return;
  const properties = isObject(s.properties) ? s.properties : undefined;
  const additional = s.additionalProperties;
  const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
  // A schema that says nothing about objects (int-or-string, `{}`) does not constrain the value.
  if (!properties && additional === undefined && s.type !== 'object') return;
  for (const [key, v] of Object.entries(value)) {
    const field = path ? `${path}.${key}` : key;
    const known = properties?.[key];
    if (isObject(known)) walk(known, v, field, lookup, out);
    else if (isObject(additional)) walk(additional, v, field, lookup, out);
    else if (additional !== true && !preserve) out.push(field);
  }
}

/** The schema of the request's kind and a resolver of the schemas it references. */
function schemaOf(r: RequestContext): { schema: S; lookup: (name: string) => S | undefined } {
  const known = r.ctx.registry.schemas();
  const shared = sharedSchemas();
  const lookup = (name: string) => known.get(name) ?? shared[name];
  const schema = known.get(r.def.schemaName) ?? kindSchema(r.def.group, r.def.version, r.def.kind);
  return { schema, lookup };
}

/** Dotted paths (`spec.template.spec.containers[0].foo`) of the fields of `obj` its kind does not declare. */
export function unknownFields(r: RequestContext, obj: unknown): string[] {
  const { schema, lookup } = schemaOf(r);
  const out: string[] = [];
  walk(schema, obj, '', lookup, out);
  return out;
}

/**
 * Applies the request's field validation directive to the unknown fields found: Strict throws the API
 * server's BadRequest, Warn (the default) adds one `Warning` header per field, Ignore does nothing.
 */
export function enforceFieldValidation(r: RequestContext, unknown: string[]): void {
  if (unknown.length === 0) return;
  const directive = r.query.get('fieldValidation') ?? 'Warn';
  if (directive === 'Ignore') return;
  const problems = unknown.map((f) => `unknown field "${f}"`);
  if (directive === 'Strict') {
    const { kind, version } = r.def;
    throw badRequest(
      `${kind} in version "${version}" cannot be handled as a ${kind}: strict decoding error: ${problems.join(', ')}`,
    );
  }
  r.res.setHeader(
    'Warning',
    problems.map((p) => `299 - ${JSON.stringify(p)}`),
  );
}

/** Validates a whole object (create, update, apply). */
export function validateFields(r: RequestContext, obj: unknown): void {
  enforceFieldValidation(r, unknownFields(r, obj));
}

/** Validates what a patch adds: unknown fields of the result that the object did not already have. */
export function validatePatchedFields(r: RequestContext, current: unknown, patched: unknown): void {
  const before = new Set(unknownFields(r, current));
  enforceFieldValidation(
    r,
    unknownFields(r, patched).filter((f) => !before.has(f)),
  );
}
