/** Serves a list request from a synced cache: namespace, selectors, RBAC namespaces, limit/continue. */
import { AppError, type ListQuery } from '@argus/contracts';
import { parseFieldSelector, parseLabelSelector, requiredLabel } from './selectors.js';
import type { CachedEntry, LabelIndex } from './watch-cache.js';

export interface ListPage {
  items: CachedEntry[];
  resourceVersion: string;
  continue: string | undefined;
  remainingItemCount: number | undefined;
}

/** The cache's snapshot: entries sorted by key, and an index of them by one label's value. */
export interface CacheView {
  entries: CachedEntry[];
  resourceVersion: string;
  labelIndex(label: string): LabelIndex;
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
function startAfter(entries: CachedEntry[], after: string): number {
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
 * Positions worth testing, ascending: with a required label (`app=x`, `app in (x,y)`), only the objects
 * the label index lists for those values; otherwise every position from start.
 */
function candidates(view: CacheView, q: ListQuery, start: number): Iterable<number> {
  const required = requiredLabel(q.labelSelector);
  if (!required)
    return {
      *[Symbol.iterator]() {
        for (let i = start; i < view.entries.length; i++) yield i;
      },
    };
  const index = view.labelIndex(required.key);
  const lists = [...new Set(required.values)].map((v) => index.get(v) ?? []);
  const merged = lists.length === 1 ? (lists[0] as number[]) : lists.flat().sort((a, b) => a - b);
  return start === 0 ? merged : merged.filter((i) => i >= start);
}

export function queryItems(view: CacheView, q: ListQuery, allowed: 'all' | Set<string>): ListPage {
  const label = parseLabelSelector(q.labelSelector);
  const field = parseFieldSelector(q.fieldSelector);
  const { entries } = view;
  const start = q.continue ? startAfter(entries, decodeContinue(q.continue).k) : 0;
  const limit = q.limit && q.limit > 0 ? q.limit : Number.POSITIVE_INFINITY;
  const items: CachedEntry[] = [];
  let remaining = 0;
  let last: CachedEntry | undefined;
  for (const i of candidates(view, q, start)) {
    const e = entries[i]!;
    const ns = e.obj.metadata.namespace;
    if (q.namespace && ns !== q.namespace) continue;
    if (allowed !== 'all' && (ns === undefined || !allowed.has(ns))) continue;
    if (!label(e.obj) || !field(e.obj)) continue;
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
