/** FieldsV1 sets: which fields of an object a manager owns, in the API server's wire form. */
import { deepEqual } from '../../store/meta.js';
import { type ListKind, listStrategy } from './merge-keys.js';

export type FieldTree = { [segment: string]: FieldTree };
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

const META_TRACKED = new Set(['labels', 'annotations', 'finalizers', 'ownerReferences']);

/** The field set of an object (or applied configuration); status is left out unless asked. */
export function fieldsOf(kind: ListKind, obj: Obj, withStatus = false): FieldTree {
  const tree: FieldTree = {};
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'apiVersion' || k === 'kind' || v === undefined) continue;
    if (k === 'status' && !withStatus) continue;
    if (k === 'metadata') {
      const meta: FieldTree = {};
      for (const [mk, mv] of Object.entries(isObj(v) ? v : {}))
        if (META_TRACKED.has(mk) && mv !== undefined) meta[`f:${mk}`] = valueFields(kind, mv, ['metadata', mk]);
      if (Object.keys(meta).length) tree['f:metadata'] = meta;
      continue;
    }
    tree[`f:${k}`] = valueFields(kind, v, [k]);
  }
  return tree;
}

function valueFields(kind: ListKind, v: unknown, path: string[]): FieldTree {
  if (isObj(v)) {
    const t: FieldTree = {};
    for (const [k, c] of Object.entries(v)) if (c !== undefined) t[`f:${k}`] = valueFields(kind, c, [...path, k]);
    return Object.keys(t).length ? { '.': {}, ...t } : {};
  }
  if (Array.isArray(v)) {
    const s = listStrategy(kind, path);
    if (s.type === 'atomic') return {};
    const t: FieldTree = {};
    for (const item of v) {
      if (s.type === 'set') t[`v:${JSON.stringify(item)}`] = {};
      else if (isObj(item)) {
        const sub = valueFields(kind, item, path);
        t[`k:${JSON.stringify({ [s.key]: item[s.key] })}`] = { '.': {}, ...sub };
      }
    }
    return t;
  }
  return {};
}

/** Paths of leaves (fields owned as a whole), each as a list of segments. */
export function leaves(tree: FieldTree, prefix: string[] = []): string[][] {
  const out: string[][] = [];
  for (const [seg, sub] of Object.entries(tree)) {
    if (seg === '.') continue;
    const p = [...prefix, seg];
    const children = Object.keys(sub).filter((k) => k !== '.');
    if (children.length === 0) out.push(p);
    else out.push(...leaves(sub, p));
  }
  return out;
}

export function has(tree: FieldTree, path: string[]): boolean {
  let cur: FieldTree | undefined = tree;
  for (const seg of path) {
    cur = cur?.[seg];
    if (!cur) return false;
  }
  return true;
}

export function without(tree: FieldTree, drop: string[][]): FieldTree {
  const out: FieldTree = structuredClone(tree);
  for (const path of drop) {
    const stack: FieldTree[] = [out];
    let cur: FieldTree | undefined = out;
    for (const seg of path.slice(0, -1)) {
      cur = cur?.[seg];
      if (!cur) break;
      stack.push(cur);
    }
    if (cur) delete cur[path[path.length - 1] ?? ''];
    // prune empty parents
    for (let i = path.length - 2; i >= 0; i--) {
      const parent = stack[i];
      const child = parent?.[path[i] ?? ''];
      if (parent && child && Object.keys(child).length === 0) delete parent[path[i] ?? ''];
      else break;
    }
  }
  return out;
}

export function union(a: FieldTree, b: FieldTree): FieldTree {
  const out: FieldTree = structuredClone(a);
  for (const [k, v] of Object.entries(b)) out[k] = out[k] ? union(out[k], v) : structuredClone(v);
  return out;
}

/** The value at a field path (undefined when absent). */
export function valueAt(obj: unknown, path: string[]): unknown {
  let cur: unknown = obj;
  for (const seg of path) {
    if (cur === undefined) return undefined;
    if (seg.startsWith('f:')) cur = isObj(cur) ? cur[seg.slice(2)] : undefined;
    else if (seg.startsWith('k:')) {
      const key = JSON.parse(seg.slice(2)) as Obj;
      cur = Array.isArray(cur)
        ? cur.find((it) => isObj(it) && Object.entries(key).every(([k, v]) => deepEqual(it[k], v)))
        : undefined;
    } else if (seg.startsWith('v:')) {
      const val = JSON.parse(seg.slice(2)) as unknown;
      cur = Array.isArray(cur) ? cur.find((it) => deepEqual(it, val)) : undefined;
    }
  }
  return cur;
}

/** Removes the field (or list item) at a path; returns true when something was removed. */
export function removeAt(obj: Obj, path: string[]): boolean {
  const parentPath = path.slice(0, -1);
  const last = path[path.length - 1] ?? '';
  const parent = parentPath.length ? valueAt(obj, parentPath) : obj;
  if (last.startsWith('f:')) {
    if (!isObj(parent) || !(last.slice(2) in parent)) return false;
    delete parent[last.slice(2)];
    return true;
  }
  if (!Array.isArray(parent)) return false;
  const item = valueAt(parent, [last]);
  const i = parent.indexOf(item);
  if (i < 0) return false;
  parent.splice(i, 1);
  return true;
}

/** `.spec.replicas`, `.spec.containers[name="nginx"].image`: how conflicts name a field. */
export function describePath(path: string[]): string {
  let out = '';
  for (const seg of path) {
    if (seg.startsWith('f:')) out += `.${seg.slice(2)}`;
    else if (seg.startsWith('k:')) {
      const key = JSON.parse(seg.slice(2)) as Obj;
      out += `[${Object.entries(key)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(',')}]`;
    } else if (seg.startsWith('v:')) out += `[${seg.slice(2)}]`;
  }
  return out;
}
