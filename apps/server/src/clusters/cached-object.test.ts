import { describe, expect, it } from 'vitest';
import { createCacheStore } from './cache-store.js';
import { cachedKind, cacheObject, createInternPool, joinJson, NO_POOL } from './cached-object.js';
import { type KubeObject, parseFieldSelector } from './selectors.js';

const POD = cachedKind('v1', 'Pod');

function pod(i: number, extra: Partial<{ node: string; phase: string; note: string }> = {}): KubeObject {
  const rs = `web-${i % 3}`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${rs}-${String(i).padStart(3, '0')}`,
      namespace: `ns-${i % 2}`,
      uid: `uid-${i}`,
      resourceVersion: String(100 + i),
      labels: { app: 'web', 'pod-template-hash': rs },
      annotations: extra.note ? { note: extra.note } : {},
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs, uid: `rs-${rs}`, controller: true }],
    },
    spec: { nodeName: extra.node ?? `node-${i % 4}`, restartPolicy: 'Always', hostNetwork: i % 5 === 0 },
    status: { phase: extra.phase ?? (i % 3 ? 'Running' : 'Pending'), podIP: `10.0.0.${i}` },
  };
}

describe('cached object', () => {
  it('reads the indexed fields without parsing, and any other field from the parsed object', () => {
    const e = cacheObject(pod(7), POD, createInternPool());
    expect(e).toMatchObject({
      key: 'ns-1/web-1-007',
      apiVersion: 'v1',
      kind: 'Pod',
      namespace: 'ns-1',
      name: 'web-1-007',
      uid: 'uid-7',
      resourceVersion: '107',
    });
    expect(e.labels).toEqual({ app: 'web', 'pod-template-hash': 'web-1' });
    expect(e.ownerReferences).toEqual([
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: 'rs-web-1', controller: true },
    ]);
    for (const path of ['metadata.name', 'metadata.namespace', 'spec.nodeName', 'status.phase', 'status.podIP'])
      expect(e.field(path)).toBe(parseValue(pod(7), path));
    expect(e.field('spec.hostNetwork')).toBe('false');
    expect(e.field('spec.schedulerName')).toBeUndefined();
    expect(e.object()).toEqual(pod(7));
  });

  it('shares label sets, owner references and field values between objects of one pool, frozen', () => {
    const pool = createInternPool();
    const [a, b] = [cacheObject(pod(0), POD, pool), cacheObject(pod(3), POD, pool)];
    expect(a.labels).toBe(b.labels);
    expect(a.ownerReferences).toBe(b.ownerReferences);
    expect(Object.isFrozen(a.labels)).toBe(true);
    expect(Object.isFrozen(a.ownerReferences[0])).toBe(true);
    const other = cacheObject(pod(1), POD, pool);
    expect(other.labels).not.toBe(a.labels);
    // The parsed object is the caller's own copy, not the frozen shared one.
    const source = pod(6);
    cacheObject(source, POD, pool);
    expect(Object.isFrozen(source.metadata.labels)).toBe(false);
    expect(cacheObject(pod(0), POD, NO_POOL).labels).not.toBe(a.labels);
  });

  it('shares only equal values: same keys in the same order, same values, across 200,000 label sets', () => {
    // Tables are keyed by a 32-bit hash of the value; among this many sets some hashes collide, and a collision
    // must give the set its own copy rather than another set's.
    const pool = createInternPool(400_000);
    for (let i = 0; i < 200_000; i++) {
      const labels = { app: `a${i}`, tier: i % 2 ? 'web' : 'db' };
      const got = pool.labels(labels);
      if (got.app !== labels.app || got.tier !== labels.tier) throw new Error(`set ${i} interned as ${got.app}`);
    }
    const ab = pool.labels({ a: '1', b: '2' });
    expect(pool.labels({ a: '1', b: '2' })).toBe(ab);
    expect(pool.labels({ b: '2', a: '1' })).not.toBe(ab);
    expect(pool.labels({ a: '1', b: '2', c: '3' })).toEqual({ a: '1', b: '2', c: '3' });
    expect(pool.labels({})).toEqual({});
    const owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'u1', controller: true };
    const refs = pool.owners([owner]);
    expect(pool.owners([{ ...owner }])).toBe(refs);
    expect(pool.owners([{ ...owner, controller: false }])).toEqual([{ ...owner, controller: false }]);
    expect(pool.owners([owner, { ...owner, uid: 'u2' }])).toHaveLength(2);
    expect(pool.fields(['a', undefined])).toBe(pool.fields(['a', undefined]));
    expect(pool.fields(['a', undefined])).not.toBe(pool.fields(['a', '']));
  });

  it('parses once for every caller while recent, and hands a watch event its own parsed object', () => {
    const e = cacheObject(pod(1), POD, NO_POOL);
    const first = e.object();
    expect(e.object()).toBe(first);
    const obj = pod(2);
    expect(cacheObject(obj, POD, NO_POOL, true).object()).toBe(obj);
  });

  it('writes list answers identical to JSON.stringify, ASCII or not', () => {
    const items = [pod(1), pod(2, { note: 'café' }), pod(3, { note: '€ and 😀' }), pod(4)];
    const entries = items.map((o) => cacheObject(o, POD, NO_POOL));
    expect(entries.map((e) => e.bytes)).toEqual(items.map((o) => Buffer.byteLength(JSON.stringify(o))));
    const head = '{"kind":"PodList","metadata":{"resourceVersion":"9"},"items":[';
    const tail = '],"continue":null}';
    const expected = `${head}${items.map((o) => JSON.stringify(o)).join(',')}${tail}`;
    expect(joinJson(head, entries, tail).toString('utf8')).toBe(expected);
    expect(joinJson(head, [], tail).toString('utf8')).toBe(`${head}${tail}`);
  });
});

function parseValue(o: KubeObject, path: string): string | undefined {
  let cur: unknown = o;
  for (const p of path.split('.')) cur = (cur as Record<string, unknown> | undefined)?.[p];
  return cur === undefined ? undefined : String(cur);
}

describe('cache read API', () => {
  const store = createCacheStore(POD);
  const objects = Array.from({ length: 40 }, (_, i) => pod(i));
  const fresh = new Map(objects.map((o) => store.make(o)).map((e) => [e.key, e]));
  store.replaceAll(fresh);

  it('gets by namespace and name, iterates in key order', () => {
    expect(store.get('ns-0', 'web-2-008')?.uid).toBe('uid-8');
    expect(store.get('ns-1', 'web-2-008')).toBeUndefined();
    const keys = [...store.iterate()].map((e) => e.key);
    expect(keys).toEqual([...keys].sort());
    expect(keys).toHaveLength(40);
  });

  it.each([
    'spec.nodeName=node-1',
    'status.phase!=Running,metadata.namespace=ns-0',
    'status.podIP=10.0.0.12',
    'spec.hostNetwork=true',
    'spec.schedulerName=',
  ])('filters by field selector as on the parsed objects: %s', (fieldSelector) => {
    const test = parseFieldSelector(fieldSelector);
    const expected = objects.filter(test).map((o) => `${o.metadata.namespace}/${o.metadata.name}`);
    expect(expected.length).toBeGreaterThan(0);
    expect(
      store
        .list({ fieldSelector }, 'all', '1')
        .items.map((e) => e.key)
        .sort(),
    ).toEqual(expected.sort());
  });

  it('pages with labels, namespaces and RBAC, and counts JSON bytes', () => {
    const page = store.list({ labelSelector: 'pod-template-hash in (web-0,web-2)', limit: 5 }, new Set(['ns-1']), '7');
    expect(page.items.map((e) => e.name)).toEqual(['web-0-003', 'web-0-009', 'web-0-015', 'web-0-021', 'web-0-027']);
    expect(page.resourceVersion).toBe('7');
    expect(page.remainingItemCount).toBeGreaterThan(0);
    const next = store.list(
      { labelSelector: 'pod-template-hash in (web-0,web-2)', continue: page.continue },
      new Set(['ns-1']),
      '7',
    );
    expect(next.items[0]!.name).toBe('web-0-033');
    expect(store.bytes()).toBe(objects.reduce((n, o) => n + Buffer.byteLength(JSON.stringify(o)), 0));
  });
});
