/**
 * Paging and sorting a list merged across clusters. Each page is a window of one total order (the sort key,
 * then cluster name, namespace, name and cluster id as tie-breaks), and `continue` names the last item
 * returned, so the next page starts strictly after it: objects added or removed between pages neither repeat
 * nor shift the pages, as with Kubernetes' own continue tokens. A token is bound to the query it came from
 * (kind, clusters, namespace, selectors, sort); reused with another query it is refused (400 INVALID_CONTINUE).
 */
import { createHash } from 'node:crypto';
import { AppError } from '@argus/contracts';

export const CROSS_CLUSTER_SORTS = ['cluster', 'name', 'namespace', 'age'] as const;
export type CrossClusterSortKey = (typeof CROSS_CLUSTER_SORTS)[number];

export interface Sortable {
  cluster: { id: string; name: string };
  metadata: { name: string; namespace?: string | undefined; creationTimestamp?: string | undefined };
}

/** The sort a query asks for: `name`, `-name`, … (`age` ascending is the youngest first, as the UI's column). */
export function parseSort(sort: string | undefined): { key: CrossClusterSortKey; desc: boolean } {
  const desc = !!sort?.startsWith('-');
  const key = (sort ?? 'cluster').replace(/^-/, '');
  if (!(CROSS_CLUSTER_SORTS as readonly string[]).includes(key))
    throw new AppError(
      'VALIDATION_FAILED',
      `sort must be one of ${CROSS_CLUSTER_SORTS.join(', ')} (prefix - for descending)`,
    );
  return { key: key as CrossClusterSortKey, desc };
}

type Key = [string | number, string, string, string, string];

function keyOf(o: Sortable, key: CrossClusterSortKey): Key {
  const ns = o.metadata.namespace ?? '';
  const primary =
    key === 'age'
      ? -(Date.parse(o.metadata.creationTimestamp ?? '') || 0)
      : key === 'cluster'
        ? o.cluster.name
        : key === 'namespace'
          ? ns
          : o.metadata.name;
  return [primary, o.cluster.name, ns, o.metadata.name, o.cluster.id];
}

// The same order as String.prototype.localeCompare (which is specified as a default Intl.Collator's compare),
// without looking the collator up on every comparison.
const collator = new Intl.Collator();

/** localeCompare's order, with one collator for every comparison (cross-cluster pages, search hits). */
export const compareText = collator.compare;

function compareKeys(a: Key, b: Key, desc: boolean): number {
  const first =
    typeof a[0] === 'number' && typeof b[0] === 'number' ? a[0] - b[0] : collator.compare(String(a[0]), String(b[0]));
  if (first !== 0) return desc ? -first : first;
  for (let i = 1; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    const c = collator.compare(String(a[i]), String(b[i]));
    if (c !== 0) return c;
  }
  return 0;
}

const fingerprint = (query: unknown) =>
  createHash('sha256').update(JSON.stringify(query)).digest('base64url').slice(0, 16);

function decode(token: string, query: unknown): Key {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { q?: unknown; k?: unknown };
    if (parsed.q === fingerprint(query) && Array.isArray(parsed.k) && parsed.k.length === 5) return parsed.k as Key;
  } catch {
    // fall through: any malformed token is the same error
  }
  throw new AppError('INVALID_CONTINUE', 'This continue token does not belong to this list; start again without it');
}

/**
 * Returns the page after `cont` in the sort order (all of them when `limit` is unset), with the token for the
 * next page when more remain. `query` is what the token is bound to. A page much smaller than the list is
 * selected in one pass (the `limit` best kept in order) instead of sorting every item: a page of 500 out of
 * 100,000 pods compares each pod about once.
 */
export function pageAcross<T extends Sortable>(
  items: readonly T[],
  opts: { sort?: string | undefined; limit?: number | undefined; continue?: string | undefined; query: unknown },
): { items: T[]; continue?: string; total: number } {
  const { key, desc } = parseSort(opts.sort);
  const after = opts.continue ? decode(opts.continue, opts.query) : undefined;
  const limit = opts.limit && opts.limit > 0 ? opts.limit : Number.POSITIVE_INFINITY;
  let page: Array<{ o: T; k: Key }>;
  let remaining: number;
  if (limit * 8 >= items.length) {
    const keyed: Array<{ o: T; k: Key }> = [];
    for (const o of items) {
      const k = keyOf(o, key);
      if (!after || compareKeys(k, after, desc) > 0) keyed.push({ o, k });
    }
    keyed.sort((a, b) => compareKeys(a.k, b.k, desc));
    remaining = keyed.length;
    page = keyed.length > limit ? keyed.slice(0, limit) : keyed;
  } else {
    page = [];
    remaining = 0;
    for (const o of items) {
      const k = keyOf(o, key);
      if (after && compareKeys(k, after, desc) <= 0) continue;
      remaining++;
      if (page.length === limit) {
        if (compareKeys(k, (page[limit - 1] as { k: Key }).k, desc) >= 0) continue;
        page.pop();
      }
      // A cluster's matches mostly arrive in order: after the page's last one, they are appended without a search.
      const tail = page[page.length - 1];
      let lo = tail === undefined || compareKeys(tail.k, k, desc) <= 0 ? page.length : 0;
      let hi = page.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (compareKeys((page[mid] as { k: Key }).k, k, desc) <= 0) lo = mid + 1;
        else hi = mid;
      }
      page.splice(lo, 0, { o, k });
    }
  }
  const last = page.at(-1);
  const next =
    remaining > page.length && last
      ? Buffer.from(JSON.stringify({ q: fingerprint(opts.query), k: last.k })).toString('base64url')
      : undefined;
  return { items: page.map((e) => e.o), total: items.length, ...(next ? { continue: next } : {}) };
}
