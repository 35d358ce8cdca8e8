/**
 * List projections (`?fields=` on list routes, docs/api.md): a client that shows a few columns asks for only
 * the fields they read — 10,000 pods are ~16 MB whole and ~2 MB as a pod table's fields. A path is dotted
 * (`status.phase`); an array on the way is entered element by element (`spec.containers.name` keeps each
 * container's name, and as many containers); a path ending at an object keeps it whole. The object's identity
 * (ALWAYS_KEPT) is kept whatever is asked, so a projected item can be keyed, linked to and replaced by a whole
 * object from a watch event. Self-contained (no imports) so the web bundle can import it as
 * `@argus/contracts/projection`.
 */

/** Kept in every projected object. */
export const ALWAYS_KEPT = [
  'apiVersion',
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'metadata.resourceVersion',
] as const;

export const MAX_FIELD_PATHS = 64;
const SEGMENT = /^[A-Za-z0-9_-]{1,253}$/;
const MAX_DEPTH = 12;

type Tree = { [key: string]: Tree | true };

export interface FieldProjection {
  /** The asked paths, deduplicated and sorted, comma-joined: equal projections have equal keys. */
  readonly key: string;
  readonly paths: readonly string[];
  readonly tree: Tree;
}

/** Why `fields` is not a list of paths, or undefined when it is. */
export function fieldsProblem(fields: string): string | undefined {
  const paths = fields.split(',');
  if (paths.length > MAX_FIELD_PATHS) return `fields: at most ${MAX_FIELD_PATHS} paths`;
  for (const p of paths) {
    const segments = p.split('.');
    if (segments.length > MAX_DEPTH || !segments.every((s) => SEGMENT.test(s))) {
      return `fields: "${p.slice(0, 80)}" is not a dotted path of field names (e.g. status.phase,spec.containers.name)`;
    }
  }
  return undefined;
}

/** The projection of a `fields` value (validated with fieldsProblem first; throws on a bad one). */
export function parseFields(fields: string): FieldProjection {
  const problem = fieldsProblem(fields);
  if (problem) throw new Error(problem);
  const paths = [...new Set(fields.split(','))].sort();
  const tree: Tree = {};
  for (const p of [...ALWAYS_KEPT, ...paths]) {
    const segments = p.split('.');
    let node = tree;
    for (let i = 0; i < segments.length; i++) {
      const s = segments[i] as string;
      const last = i === segments.length - 1;
      const next = node[s];
      if (next === true) break; // a shorter path already keeps this whole
      if (last) node[s] = true;
      else node = node[s] = next ?? {};
    }
  }
  return { key: paths.join(','), paths, tree };
}

function pickTree(value: unknown, tree: Tree | true): unknown {
  if (tree === true) return value;
  if (Array.isArray(value)) return value.map((v) => (v !== null && typeof v === 'object' ? pickTree(v, tree) : null));
  if (value === null || typeof value !== 'object') return undefined;
  const out: Record<string, unknown> = {};
  const obj = value as Record<string, unknown>;
  for (const key of Object.keys(tree)) {
    if (!Object.hasOwn(obj, key)) continue;
    const v = pickTree(obj[key], tree[key] as Tree | true);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** `obj` with only the projection's fields (and ALWAYS_KEPT); a new object, `obj` untouched. */
export function projectObject<T extends object>(obj: T, projection: FieldProjection): Partial<T> {
  return pickTree(obj, projection.tree) as Partial<T>;
}
