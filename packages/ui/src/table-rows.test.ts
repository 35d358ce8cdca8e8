import { type ColumnDef, createTable, getCoreRowModel, type SortingState, type Table } from '@tanstack/react-table';
import { describe, expect, it } from 'vitest';
import {
  createSearchText,
  type Filtered,
  searchedAccessors,
  sortedOrder,
  startFilter,
  type ValueCache,
} from './table-rows.js';

interface Pod {
  name: string;
  namespace: string;
  status: string;
  cpu?: number;
  created: number;
}

function tableOf(data: Pod[], columns: ColumnDef<Pod>[], sorting: SortingState = []): Table<Pod> {
  return createTable<Pod>({
    data,
    columns,
    state: { sorting },
    onStateChange: () => {},
    renderFallbackValue: null,
    getCoreRowModel: getCoreRowModel(),
  });
}

const reads = { name: 0 };
const columns: ColumnDef<Pod>[] = [
  {
    id: 'name',
    accessorFn: (p) => {
      reads.name++;
      return p.name;
    },
  },
  { id: 'namespace', accessorFn: (p) => p.namespace },
  { id: 'status', accessorFn: (p) => p.status },
  { id: 'cpu', accessorFn: (p) => p.cpu, sortUndefined: 'last' },
  // a sort key, not shown text: left out of the filter
  { id: 'age', accessorFn: (p) => -p.created, enableGlobalFilter: false },
];

const pods: Pod[] = [
  { name: 'web-10', namespace: 'shop', status: 'Running', cpu: 250, created: 1900 },
  { name: 'web-2', namespace: 'shop', status: 'Pending', created: 1000 },
  { name: 'db-1', namespace: 'data', status: 'Running', cpu: 900, created: 3000 },
  { name: 'Cache-9', namespace: 'data', status: 'CrashLoopBackOff', cpu: 5, created: 2000 },
];

/** Runs a filter to the end with a manual scheduler; returns the names and how many slices it took. */
function filterAll(data: Pod[], order: number[] | null, query: string, previous: Filtered<Pod> | null = null) {
  const text = createSearchText(searchedAccessors(tableOf(data, columns).getAllLeafColumns()));
  let result: Filtered<Pod> | undefined;
  const queue: (() => void)[] = [];
  let tick = 0;
  startFilter(data, order, text, query, previous, (r) => (result = r), {
    // a clock that moves on at each look: every slice ends after its first 512 rows
    sliceMs: 1,
    now: () => tick++,
    schedule: (fn) => {
      queue.push(fn);
      return () => {};
    },
  });
  let slices = 1;
  while (!result && queue.length) {
    (queue.shift() as () => void)();
    slices++;
  }
  if (!result) throw new Error('the filter never finished');
  return { names: result.indices.map((i) => (data[i] as Pod).name), result, slices };
}

describe('createSearchText', () => {
  it('matches any column case-insensitively, never across columns, and not the excluded sort key', () => {
    const text = createSearchText(searchedAccessors(tableOf(pods, columns).getAllLeafColumns()));
    const t = text(pods[3] as Pod, 3);
    expect(t.includes('cache-9')).toBe(true);
    expect(t.includes('crashloop')).toBe(true);
    // "9" + "data" would only match across the name and namespace columns
    expect(t.includes('9data')).toBe(false);
    // the age column's value (-2000) is not searchable
    expect(t.includes('-2000')).toBe(false);
    // numbers are searched as react-table's includesString reads them
    expect(t.includes('5')).toBe(true);
  });

  it('reads an object once, however often it is searched', () => {
    const text = createSearchText(searchedAccessors(tableOf(pods, columns).getAllLeafColumns()));
    const fresh = pods.map((p) => ({ ...p }));
    reads.name = 0;
    for (let i = 0; i < 3; i++) for (const [k, p] of fresh.entries()) text(p, k);
    expect(reads.name).toBe(fresh.length);
    // a new set of columns with the same accessors (react-table copies the definitions) reads nothing again
    const again = createSearchText(searchedAccessors(tableOf(fresh, [...columns]).getAllLeafColumns()));
    for (const [k, p] of fresh.entries()) expect(again(p, k)).toBe(text(p, k));
    expect(reads.name).toBe(fresh.length);
  });
});

describe('startFilter', () => {
  it('keeps the rows whose text contains the query, in display order', () => {
    expect(filterAll(pods, null, 'RUN').names).toEqual(['web-10', 'db-1']);
    expect(filterAll(pods, [2, 0, 3, 1], 'web').names).toEqual(['web-10', 'web-2']);
    expect(filterAll(pods, null, 'nothing-like-this').names).toEqual([]);
  });

  it('spreads a long list over several tasks and gives the same result as one pass', () => {
    const many: Pod[] = Array.from({ length: 20_000 }, (_, i) => ({
      name: `pod-${i}`,
      namespace: `ns-${i % 7}`,
      status: i % 3 ? 'Running' : 'Pending',
      created: i,
    }));
    const sliced = filterAll(many, null, '99');
    expect(sliced.slices).toBeGreaterThan(1);
    const expected = many.filter((p) => p.name.includes('99') || p.namespace.includes('99')).map((p) => p.name);
    expect(sliced.names).toEqual(expected);
  });

  it('narrows from the previous result when the query extends it', () => {
    const first = filterAll(pods, null, 'w');
    const narrowed = filterAll(pods, null, 'web-1', first.result);
    expect(narrowed.names).toEqual(['web-10']);
  });

  it('drops a cancelled job', () => {
    const text = createSearchText(searchedAccessors(tableOf(pods, columns).getAllLeafColumns()));
    const many = Array.from({ length: 5000 }, (_, i) => ({ ...(pods[i % 4] as Pod), name: `p-${i}` }));
    const queue: (() => void)[] = [];
    let done = false;
    let tick = 0;
    const cancel = startFilter(many, null, text, 'p-', null, () => (done = true), {
      sliceMs: 1,
      now: () => tick++,
      schedule: (fn) => {
        queue.push(fn);
        return () => {};
      },
    });
    cancel();
    while (queue.length) (queue.shift() as () => void)();
    expect(done).toBe(false);
  });
});

describe('sortedOrder', () => {
  const names = (sorting: SortingState, data = pods) => {
    const order = sortedOrder(tableOf(data, columns, sorting), data, sorting, new WeakMap() as ValueCache);
    return (order ?? data.map((_, i) => i)).map((i) => (data[i] as Pod).name);
  };

  it('keeps the data order without sorting', () => {
    expect(sortedOrder(tableOf(pods, columns), pods, [], new WeakMap() as ValueCache)).toBeNull();
  });

  it('sorts names with numbers naturally, ascending and descending', () => {
    expect(names([{ id: 'name', desc: false }])).toEqual(['Cache-9', 'db-1', 'web-2', 'web-10']);
    expect(names([{ id: 'name', desc: true }])).toEqual(['web-10', 'web-2', 'db-1', 'Cache-9']);
  });

  it('puts rows without a value last either way (sortUndefined) and keeps ties in data order', () => {
    expect(names([{ id: 'cpu', desc: false }])).toEqual(['Cache-9', 'web-10', 'db-1', 'web-2']);
    expect(names([{ id: 'cpu', desc: true }])).toEqual(['db-1', 'web-10', 'Cache-9', 'web-2']);
    expect(names([{ id: 'status', desc: false }])).toEqual(['Cache-9', 'web-2', 'web-10', 'db-1']);
  });

  it("uses a column's own sorting function (which reads the original object)", () => {
    const byLength: ColumnDef<Pod>[] = [
      { id: 'name', accessorFn: (p) => p.name, sortingFn: (a, b) => a.original.name.length - b.original.name.length },
    ];
    const order = sortedOrder(
      tableOf(pods, byLength, []),
      pods,
      [{ id: 'name', desc: false }],
      new WeakMap() as ValueCache,
    );
    expect(order?.map((i) => (pods[i] as Pod).name)).toEqual(['db-1', 'web-2', 'web-10', 'Cache-9']);
  });
});
