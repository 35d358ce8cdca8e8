import { describe, expect, it } from 'vitest';
import { pageAcross } from './fleet-paging.js';

const obj = (cluster: string, namespace: string, name: string, created: string) => ({
  cluster: { id: `id-${cluster}`, name: cluster },
  metadata: { namespace, name, creationTimestamp: created },
});

const items = [
  obj('west', 'b', 'web-1', '2026-01-03T00:00:00Z'),
  obj('east', 'a', 'web-2', '2026-01-01T00:00:00Z'),
  obj('east', 'b', 'api-1', '2026-01-05T00:00:00Z'),
  obj('west', 'a', 'api-1', '2026-01-02T00:00:00Z'),
  obj('east', 'a', 'db-0', '2026-01-04T00:00:00Z'),
];
const label = (o: (typeof items)[number]) => `${o.cluster.name}/${o.metadata.namespace}/${o.metadata.name}`;

describe('pageAcross', () => {
  it.each([
    [undefined, ['east/a/db-0', 'east/a/web-2', 'east/b/api-1', 'west/a/api-1', 'west/b/web-1']],
    ['name', ['east/b/api-1', 'west/a/api-1', 'east/a/db-0', 'west/b/web-1', 'east/a/web-2']],
    ['-name', ['east/a/web-2', 'west/b/web-1', 'east/a/db-0', 'east/b/api-1', 'west/a/api-1']],
    ['age', ['east/b/api-1', 'east/a/db-0', 'west/b/web-1', 'west/a/api-1', 'east/a/web-2']],
    ['-namespace', ['east/b/api-1', 'west/b/web-1', 'east/a/db-0', 'east/a/web-2', 'west/a/api-1']],
  ])('sorts by %s with cluster, namespace, name as tie-breaks', (sort, expected) => {
    expect(pageAcross(items, { sort, query: {} }).items.map(label)).toEqual(expected);
  });

  it('pages without repeats or gaps when objects come and go between pages', () => {
    const q = { kind: 'pods' };
    const p1 = pageAcross(items, { sort: 'name', limit: 2, query: q });
    expect(p1.items.map(label)).toEqual(['east/b/api-1', 'west/a/api-1']);
    expect(p1.total).toBe(5);
    // Before page 2: one already-seen object is deleted and a new one sorts before the cursor.
    const changed = [
      ...items.filter((o) => label(o) !== 'east/b/api-1'),
      obj('east', 'a', 'aaa', '2026-01-06T00:00:00Z'),
    ];
    const p2 = pageAcross(changed, { sort: 'name', limit: 2, continue: p1.continue, query: q });
    expect(p2.items.map(label)).toEqual(['east/a/db-0', 'west/b/web-1']);
    const p3 = pageAcross(changed, { sort: 'name', limit: 2, continue: p2.continue, query: q });
    expect(p3.items.map(label)).toEqual(['east/a/web-2']);
    expect(p3.continue).toBeUndefined();
  });

  it('refuses a token from another query, a bad token and an unknown sort', () => {
    const p1 = pageAcross(items, { limit: 2, query: { namespace: 'a' } });
    expect(() => pageAcross(items, { limit: 2, continue: p1.continue, query: { namespace: 'b' } })).toThrow(
      expect.objectContaining({ code: 'INVALID_CONTINUE' }),
    );
    expect(() => pageAcross(items, { continue: '!!', query: {} })).toThrow(
      expect.objectContaining({ code: 'INVALID_CONTINUE' }),
    );
    expect(() => pageAcross(items, { sort: 'colour', query: {} })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });

  it('pages a large list in the same order whether it sorts everything or keeps only the page', () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const many = Array.from({ length: 3000 }, () =>
      obj(
        ['east', 'west', 'North'][Math.floor(rnd() * 3)] as string,
        `ns-${Math.floor(rnd() * 7)}`,
        `pod-${Math.floor(rnd() * 900)}`,
        new Date(Date.UTC(2026, 0, 1) + Math.floor(rnd() * 1e9)).toISOString(),
      ),
    )
      .map((o, i) => ({ ...o, cluster: { ...o.cluster, id: `${o.cluster.id}-${i % 2}` } }))
      // (cluster id, namespace, name) names one object
      .filter((o, i, all) => all.findIndex((x) => x.cluster.id === o.cluster.id && label(x) === label(o)) === i);
    for (const sort of [undefined, 'name', '-name', 'age', '-age', 'namespace', '-cluster']) {
      // limit 3000 sorts everything (the reference); limit 100 keeps only each page.
      const whole = pageAcross(many, { sort, limit: 3000, query: {} }).items.map(label);
      const paged: string[] = [];
      let cont: string | undefined;
      do {
        const p = pageAcross(many, { sort, limit: 100, continue: cont, query: {} });
        paged.push(...p.items.map(label));
        cont = p.continue;
      } while (cont);
      expect(paged).toEqual(whole);
    }
  });
});
