/**
 * Strategic merge patch as kubectl produces it: maps merge, `null` deletes, lists merge by their
 * patchMergeKey, and the directives `$patch` (replace/delete/merge), `$setElementOrder/<field>`,
 * `$deleteFromPrimitiveList/<field>` and `$retainKeys`.
 */
import { badRequest } from '../../store/errors.js';
import { deepEqual } from '../../store/meta.js';
import { type ListKind, listStrategy } from './merge-keys.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

const SET_ORDER = '$setElementOrder/';
const DELETE_PRIMITIVE = '$deleteFromPrimitiveList/';

export function applyStrategicMerge(kind: ListKind, original: unknown, patch: unknown): unknown {
  if (!isObj(patch))
    throw badRequest('the body of the request was in an unknown format - a strategic merge patch must be an object');
  return mergeMap(kind, isObj(original) ? original : {}, patch, []);
}

function mergeMap(kind: ListKind, orig: Obj, patch: Obj, path: string[]): Obj | undefined {
  const directive = patch.$patch;
  if (directive === 'delete') return undefined;
  if (directive === 'replace') {
    const { $patch: _p, ...rest } = patch;
    return structuredClone(rest);
  }
  const out: Obj = { ...orig };
  const retain = patch.$retainKeys;
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch' || k === '$retainKeys') continue;
    if (k.startsWith(SET_ORDER) || k.startsWith(DELETE_PRIMITIVE)) continue;
    if (v === null) {
      delete out[k];
      continue;
    }
    const childPath = [...path, k];
    if (Array.isArray(v)) {
      out[k] = mergeList(kind, Array.isArray(out[k]) ? (out[k] as unknown[]) : [], v, childPath);
    } else if (isObj(v)) {
      const merged = mergeMap(kind, isObj(out[k]) ? (out[k] as Obj) : {}, v, childPath);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    } else out[k] = v;
  }
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith(DELETE_PRIMITIVE) && Array.isArray(v)) {
      const field = k.slice(DELETE_PRIMITIVE.length);
      const cur = out[field];
      if (Array.isArray(cur)) out[field] = cur.filter((x) => !v.some((d) => deepEqual(d, x)));
    }
  }
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith(SET_ORDER) && Array.isArray(v)) {
      const field = k.slice(SET_ORDER.length);
      const cur = out[field];
      if (Array.isArray(cur)) out[field] = reorder(kind, cur, v, [...path, field]);
    }
  }
  if (Array.isArray(retain)) {
    const keep = new Set(retain.map(String));
    for (const k of Object.keys(out)) if (!keep.has(k)) delete out[k];
  }
  return out;
}

function reorder(kind: ListKind, list: unknown[], order: unknown[], path: string[]): unknown[] {
  const strat = listStrategy(kind, path);
  const keyOf = (x: unknown): string =>
    strat.type === 'merge' && isObj(x) ? JSON.stringify(x[strat.key]) : JSON.stringify(x);
  const wanted = order.map(keyOf);
  const ordered: unknown[] = [];
  const rest: unknown[] = [];
  for (const item of list) (wanted.includes(keyOf(item)) ? ordered : rest).push(item);
  ordered.sort((a, b) => wanted.indexOf(keyOf(a)) - wanted.indexOf(keyOf(b)));
  return [...ordered, ...rest];
}

function mergeList(kind: ListKind, orig: unknown[], patch: unknown[], path: string[]): unknown[] {
  const strat = listStrategy(kind, path);
  if (patch.some((p) => isObj(p) && p.$patch === 'replace')) {
    return structuredClone(patch.filter((p) => !(isObj(p) && p.$patch === 'replace')));
  }
  if (strat.type === 'atomic') return structuredClone(patch);
  if (strat.type === 'set') {
    const out = [...orig];
    for (const p of patch) if (!out.some((x) => deepEqual(x, p))) out.push(p);
    return out;
  }
  const key = strat.key;
  const out = [...orig];
  for (const p of patch) {
    if (!isObj(p)) {
      out.push(p);
      continue;
    }
    const idx = out.findIndex((x) => isObj(x) && deepEqual(x[key], p[key]));
    if (p.$patch === 'delete') {
      if (idx >= 0) out.splice(idx, 1);
      continue;
    }
    if (idx >= 0) {
      const merged = mergeMap(kind, out[idx] as Obj, p, path);
      if (merged === undefined) out.splice(idx, 1);
      else out[idx] = merged;
    } else {
      const { $patch: _d, ...clean } = p;
      out.push(mergeMap(kind, {}, clean, path) ?? clean);
    }
  }
  return out;
}
