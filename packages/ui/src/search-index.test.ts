import { describe, expect, it } from 'vitest';
import { buildSearchIndex, prebuildSearchIndex, type SearchIndex, searchIndex } from './search-index.js';
import type { SearchText } from './table-rows.js';

interface Pod {
  name: string;
  namespace: string;
}

// as createSearchText makes it: each column lowercase, followed by the separator
const text: SearchText<Pod> = (p) => `${p.name.toLowerCase()}\u0000${p.namespace.toLowerCase()}\u0000`;

const pods: Pod[] = [
  { name: 'web-10', namespace: 'shop' },
  { name: 'web-2', namespace: 'shop' },
  { name: 'db-1', namespace: 'data' },
  { name: 'Cache-9', namespace: 'data' },
];

/** What a per-row search finds (startFilter's semantics), in display order. */
const perRow = (data: Pod[], q: string, order: number[] | null) =>
  (order ?? data.map((_, i) => i)).filter((i) => text(data[i] as Pod, i).includes(q));

describe('searchIndex', () => {
  const index = buildSearchIndex(pods, text);

  it('finds the rows whose text contains the query, in data or display order', () => {
    expect(searchIndex(index, 'web', null)).toEqual([0, 1]);
    expect(searchIndex(index, 'data', null)).toEqual([2, 3]);
    expect(searchIndex(index, 'web', [3, 2, 1, 0])).toEqual([1, 0]);
    expect(searchIndex(index, 'nothing', null)).toEqual([]);
    // a row matching twice (its name and its namespace) is listed once
    expect(searchIndex(index, 'a', null)).toEqual([2, 3]);
  });

  it('never matches across columns or rows', () => {
    // "shop" + "web" (the end of one row, the start of the next) and "9" + "data" (two columns)
    expect(searchIndex(index, 'shopweb', null)).toEqual([]);
    expect(searchIndex(index, '9data', null)).toEqual([]);
  });

  it('leaves a query with the separator to the per-row search', () => {
    expect(searchIndex(index, 'web-10\u0000shop', null)).toBeNull();
  });

  it('handles rows without text (before, between and after others)', () => {
    const blank: SearchText<Pod> = (p, i) => (p.name.startsWith('web') ? '' : text(p, i));
    const idx = buildSearchIndex(pods, blank);
    expect(searchIndex(idx, 'd', null)).toEqual([2, 3]);
    expect(searchIndex(idx, 'web', null)).toEqual([]);
    const tail = buildSearchIndex([...pods, { name: 'web-3', namespace: 'x' }], blank);
    expect(searchIndex(tail, 'data', null)).toEqual([2, 3]);
  });

  it('gives what a per-row search gives on a long list (several chunks)', () => {
    const many: Pod[] = Array.from({ length: 20_000 }, (_, i) => ({
      name: `pod-${i}`,
      namespace: i % 11 ? `ns-${i % 7}` : '',
    }));
    const idx = buildSearchIndex(many, text);
    const reversed = many.map((_, i) => many.length - 1 - i);
    for (const q of ['9', '99', 'pod-1', 'ns-3', '-', '4\u0000n', 'zzz']) {
      if (q.includes('\u0000')) continue;
      expect(searchIndex(idx, q, null)).toEqual(perRow(many, q, null));
      expect(searchIndex(idx, q, reversed)).toEqual(perRow(many, q, reversed));
    }
  });
});

describe('prebuildSearchIndex', () => {
  it('builds the index in slices and hands it over', async () => {
    const many: Pod[] = Array.from({ length: 17_000 }, (_, i) => ({ name: `pod-${i}`, namespace: 'x' }));
    const built = await new Promise<SearchIndex<Pod>>((resolve) => prebuildSearchIndex(many, text, resolve, 0));
    expect(built.data).toBe(many);
    expect(built.chunks.map((c) => c.base)).toEqual([0, 8192, 16_384]);
    expect(searchIndex(built, 'pod-2999', null)).toEqual([2999]);
    expect(searchIndex(built, 'pod-16999', null)).toEqual([16_999]);
    expect(searchIndex(built, '99', null)).toEqual(searchIndex(buildSearchIndex(many, text), '99', null));
  });

  it('can be cancelled', async () => {
    let done = false;
    const cancel = prebuildSearchIndex(pods, text, () => (done = true));
    cancel();
    await new Promise((r) => setTimeout(r, 50));
    expect(done).toBe(false);
  });
});
