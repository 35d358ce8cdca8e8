/** Answers a list from a cache's snapshot: namespace, selectors, RBAC namespaces, limit/continue — without parsing objects. */
import { AppError } from '@argus/contracts';
import type { CachedObject } from './cached-object.js';
import { fieldsMatcher, labelsMatcher, requiredLabel } from './selectors.js';

/** What a cache list can ask for (the Kubernetes list parameters). */
export interface CacheListQuery {
  namespace?: string | undefined;
  labelSelector?: string | undefined;
  fieldSelector?: string | undefined;
  limit?: number | undefined;
  /** A token from a previous page of the same cache. */
  continue?: string | undefined;
}

/** The namespaces a caller may read: 'all', or a set (cluster-scoped objects then never match). */
export type AllowedNamespaces = 'all' | ReadonlySet<string>;

export interface CachePage {
  items: CachedObject[];
  resourceVersion: string;
  continue: string | undefined;
  remainingItemCount: number | undefined;
}

/** Positions (ascending) in the snapshot of the objects whose label has each value. */
export type LabelIndex = Map<string, number[]>;

/** A cache's snapshot: objects sorted by key, and an index of them by one label's value. */
export interface CacheView {
  entries: readonly CachedObject[];
  resourceVersion: string;
  labelIndex(label: string): LabelIndex;
}

export function buildLabelIndex(entries: readonly CachedObject[], label: string): LabelIndex {
  const index: LabelIndex = new Map();
  for (let i = 0; i < entries.length; i++) {
    const value = entries[i]!.labels[label];
    if (value === undefined) continue;
    const at = index.get(value);
    if (at) at.push(i);
    else index.set(value, [i]);
  }
  return index;
}

interface Token {
  k: string;
}

function decodeContinue(token: string): Token {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Token;
    if (typeof t.k !== 'string') throw new Error('bad');
    return t;
  } catch {
    throw new AppError('BAD_REQUEST', 'Invalid continue token');
  }
}

/** First index whose key is > after (entries are sorted by key). */
export function startAfter(entries: readonly CachedObject[], after: string): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid]!.key <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Positions worth testing, ascending: with a required label (`app=x`, `app in (…)`), only the objects
 * the label index lists for those values; otherwise every position from start.
 */
function mergePositions(lists: readonly (readonly number[])[]): Int32Array {
  let n = 0;
  for (const l of lists) n += l.length;
  const out = new Int32Array(n);
  let at = 0;
  for (const l of lists) {
    out.set(l, at);
    at += l.length;
  }
  return out.sort();
}

function candidates(view: CacheView, q: CacheListQuery, start: number): Iterable<number> {
  const required = requiredLabel(q.labelSelector);
  if (!required)
    return {
      *[Symbol.iterator]() {
        for (let i = start; i < view.entries.length; i++) yield i;
      },
    };
  const index = view.labelIndex(required.key);
  const lists = [...new Set(required.values)].map((v) => index.get(v) ?? []);
  // Each value's positions are ascending; several are merged by a numeric sort of a typed array (no comparator calls).
  const merged = lists.length === 1 ? (lists[0] as number[]) : mergePositions(lists);
  return start === 0 ? merged : merged.filter((i) => i >= start);
}

export function queryItems(view: CacheView, q: CacheListQuery, allowed: AllowedNamespaces): CachePage {
  const labels = labelsMatcher(q.labelSelector);
  const fields = q.fieldSelector?.trim() ? fieldsMatcher(q.fieldSelector) : undefined;
  const { entries } = view;
  const start = q.continue ? startAfter(entries, decodeContinue(q.continue).k) : 0;
  const limit = q.limit && q.limit > 0 ? q.limit : Number.POSITIVE_INFINITY;
  const items: CachedObject[] = [];
  let remaining = 0;
  let last: CachedObject | undefined;
  for (const i of candidates(view, q, start)) {
    const e = entries[i]!;
    const ns = e.namespace;
    if (q.namespace && ns !== q.namespace) continue;
    if (allowed !== 'all' && (ns === undefined || !allowed.has(ns))) continue;
    if (!labels(e.labels)) continue;
    if (fields && !fields((path) => e.field(path))) continue;
    if (items.length < limit) {
      items.push(e);
      last = e;
    } else remaining++;
  }
  const more = remaining > 0 && last !== undefined;
  return {
    items,
    resourceVersion: view.resourceVersion,
    continue: more ? Buffer.from(JSON.stringify({ k: last!.key })).toString('base64url') : undefined,
    remainingItemCount: more ? remaining : undefined,
  };
}
