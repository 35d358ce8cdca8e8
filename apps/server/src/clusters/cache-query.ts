/** Serves a list request from a synced cache: namespace, selectors, RBAC namespaces, limit/continue. */
import { AppError, type ListQuery } from '@argus/contracts';
import { type KubeObject, parseFieldSelector, parseLabelSelector } from './selectors.js';
import { keyOf } from './watch-cache.js';

export interface ListPage {
  items: KubeObject[];
  resourceVersion: string;
  continue: string | undefined;
  remainingItemCount: number | undefined;
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

/** First index whose key is > after (items are sorted by key). */
function startAfter(items: KubeObject[], after: string): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keyOf(items[mid]!) <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function queryItems(
  sorted: KubeObject[],
  resourceVersion: string,
  q: ListQuery,
  allowed: 'all' | Set<string>,
): ListPage {
  const label = parseLabelSelector(q.labelSelector);
  const field = parseFieldSelector(q.fieldSelector);
  const start = q.continue ? startAfter(sorted, decodeContinue(q.continue).k) : 0;
  const limit = q.limit && q.limit > 0 ? q.limit : Number.POSITIVE_INFINITY;
  const items: KubeObject[] = [];
  let remaining = 0;
  let last: KubeObject | undefined;
  for (let i = start; i < sorted.length; i++) {
    const o = sorted[i]!;
    const ns = o.metadata.namespace;
    if (q.namespace && ns !== q.namespace) continue;
    if (allowed !== 'all' && (ns === undefined || !allowed.has(ns))) continue;
    if (!label(o) || !field(o)) continue;
    if (items.length < limit) {
      items.push(o);
      last = o;
    } else remaining++;
  }
  const more = remaining > 0 && last !== undefined;
  return {
    items,
    resourceVersion,
    continue: more ? Buffer.from(JSON.stringify({ k: keyOf(last!) })).toString('base64url') : undefined,
    remainingItemCount: more ? remaining : undefined,
  };
}
