/**
 * Projected items of a list (`?fields=`, `@argus/contracts` projection.ts) as JSON. A cached object's
 * projection is kept per projection in a WeakMap: it is made once per object version (a changed object is a
 * new CachedObject, and the old one's entry goes with it), so the pod table's list is parsed once, not on every
 * request. At most MAX_PROJECTIONS projections are remembered (the web app asks for one per kind).
 */
import { type FieldProjection, parseFields, projectObject } from '@argus/contracts';
import type { CachedObject } from './cached-object.js';
import type { KubeObject } from './selectors.js';

const MAX_PROJECTIONS = 32;
const memo = new Map<string, WeakMap<CachedObject, string>>();

function memoOf(p: FieldProjection): WeakMap<CachedObject, string> {
  let m = memo.get(p.key);
  if (m) return m;
  if (memo.size >= MAX_PROJECTIONS) memo.delete(memo.keys().next().value as string);
  m = new WeakMap();
  memo.set(p.key, m);
  return m;
}

/** The projection a list query asks for (its `fields`, validated at the edge), if any. */
export function projectionOf(q: { fields?: string | undefined }): FieldProjection | undefined {
  return q.fields ? parseFields(q.fields) : undefined;
}

/** One item's projected JSON: from the cached object's text (parsed once per version and projection). */
export function projectedJson(entry: CachedObject, p: FieldProjection): string {
  const m = memoOf(p);
  let json = m.get(entry);
  if (json === undefined) {
    // Parsed here, not through entry.object(): that LRU is for objects read again soon, and a list would flush it.
    json = JSON.stringify(projectObject(JSON.parse(entry.json) as KubeObject, p));
    m.set(entry, json);
  }
  return json;
}

/** A parsed object's projected JSON (objects from the API server: not remembered). */
export const projectedObjectJson = (obj: KubeObject, p: FieldProjection): string =>
  JSON.stringify(projectObject(obj, p));

/** head, the items joined by commas, tail: one UTF-8 buffer. */
export const joinProjected = (head: string, items: readonly string[], tail: string): Buffer =>
  Buffer.from(`${head}${items.join(',')}${tail}`);
