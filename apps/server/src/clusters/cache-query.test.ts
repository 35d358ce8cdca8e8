import { describe, expect, it } from 'vitest';
import { buildLabelIndex, type CacheView, queryItems } from './cache-query.js';
import { cachedKind, cacheObject, createInternPool } from './cached-object.js';
import { parseLabelSelector } from './selectors.js';

const objects = Array.from({ length: 300 }, (_, i) => ({
  metadata: {
    name: `pod-${String(i).padStart(3, '0')}`,
    namespace: `ns-${i % 3}`,
    labels: { app: `app-${i % 7}`, ...(i % 2 ? { tier: 'web' } : {}) },
  },
}));
const pool = createInternPool();
const entries = objects
  .map((obj) => cacheObject(obj, cachedKind('v1', 'Pod'), pool))
  .sort((a, b) => (a.key < b.key ? -1 : 1));
const view: CacheView = { entries, resourceVersion: '42', labelIndex: (label) => buildLabelIndex(entries, label) };

/** Every page of a query, following continue tokens. */
function allPages(q: { labelSelector?: string; namespace?: string; limit?: number }, allowed: 'all' | Set<string>) {
  const names: string[] = [];
  let cont: string | undefined;
  do {
    const page = queryItems(view, { ...q, continue: cont }, allowed);
    names.push(...page.items.map((e) => e.name));
    if (page.continue) expect(page.remainingItemCount).toBeGreaterThan(0);
    cont = page.continue;
  } while (cont);
  return names;
}

describe('cache query with the label index', () => {
  const cases: [string, { labelSelector?: string; namespace?: string }, 'all' | Set<string>][] = [
    ['equality', { labelSelector: 'app=app-3' }, 'all'],
    ['== and another term', { labelSelector: 'app==app-3,tier=web' }, 'all'],
    ['in', { labelSelector: 'app in (app-1, app-5,app-9)' }, 'all'],
    ['in and notin', { labelSelector: 'app in (app-1,app-2),tier notin (web)' }, 'all'],
    ['no indexable term', { labelSelector: 'app!=app-1,tier' }, 'all'],
    ['a namespace', { labelSelector: 'app in (app-2,app-4)', namespace: 'ns-1' }, 'all'],
    ['RBAC namespaces', { labelSelector: 'app=app-6' }, new Set(['ns-0', 'ns-2'])],
  ];
  it.each(cases)('matches a plain scan, in key order and across pages: %s', (_name, q, allowed) => {
    const test = parseLabelSelector(q.labelSelector);
    const expected = entries
      .map((e) => e.object())
      .filter((o) => test(o))
      .filter((o) => !q.namespace || o.metadata.namespace === q.namespace)
      .filter((o) => allowed === 'all' || allowed.has(o.metadata.namespace ?? ''))
      .map((o) => o.metadata.name);
    expect(expected.length).toBeGreaterThan(0);
    expect(allPages(q, allowed)).toEqual(expected);
    expect(allPages({ ...q, limit: 7 }, allowed)).toEqual(expected);
  });

  it('answers an unknown label value with an empty page', () => {
    expect(queryItems(view, { labelSelector: 'app=nope', limit: 10 }, 'all').items).toEqual([]);
  });
});
