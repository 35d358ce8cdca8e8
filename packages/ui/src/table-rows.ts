/**
 * The rows a DataTable shows, computed outside react-table's row models: react-table builds a Row object
 * (with some thirty closures) for every item on every data change, and filters by reading every column of
 * every row again on every keystroke. Here sorting reads each column value once per object, the text
 * filter runs over one lowercase string per object (built once, cached by object identity, so a live update
 * recomputes only the changed object), and a long filter runs in slices so that no main-thread task grows
 * with the list (100,000 rows stay responsive).
 */
import { type Column, type SortingFn, type SortingState, sortingFns, type Table } from '@tanstack/react-table';

/** The columns' text of an object, lowercase, one column after another (never matched across columns). */
export type SearchText<T> = (item: T, index: number) => string;

const SEP = '\u0000';

// Per column accessor (react-table copies each column definition whenever the columns change, but keeps
// its accessorFn), each object's value and lowercase text: a new set of columns that keeps most
// definitions (the usage columns change when their figures refresh) reads only the new ones again.
const textByDef = new WeakMap<object, WeakMap<object, string>>();

function cached<V>(byDef: WeakMap<object, WeakMap<object, V>>, def: object, item: unknown, compute: () => V): V {
  const key = typeof item === 'object' && item !== null ? (item as object) : undefined;
  if (!key) return compute();
  let byItem = byDef.get(def);
  if (!byItem) {
    byItem = new WeakMap();
    byDef.set(def, byItem);
  }
  if (byItem.has(key)) return byItem.get(key) as V;
  const v = compute();
  byItem.set(key, v);
  return v;
}

export type Accessor<T> = (item: T, index: number) => unknown;

/**
 * The accessors of the columns that take part in the global filter (an accessor, and not
 * `enableGlobalFilter: false`). react-table makes new Column objects whenever the columns change, but keeps
 * each definition's accessor: the same accessors in the same order mean the same search text.
 */
export function searchedAccessors<T>(columns: Column<T, unknown>[]): Accessor<T>[] {
  return columns
    .filter((c) => c.accessorFn && c.columnDef.enableGlobalFilter !== false)
    .map((c) => c.accessorFn as Accessor<T>);
}

/** Whether two lists hold the same items in the same order. */
export const sameItems = (a: readonly unknown[], b: readonly unknown[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Search text over `accessors` (searchedAccessors): each string or number value, as react-table's
 * `includesString` reads it.
 */
export function createSearchText<T>(accessors: Accessor<T>[]): SearchText<T> {
  const cache = new WeakMap<object, string>();
  return (item, index) => {
    const key = typeof item === 'object' && item !== null ? (item as object) : undefined;
    const whole = key ? cache.get(key) : undefined;
    if (whole !== undefined) return whole;
    let text = '';
    for (const read of accessors) {
      text += cached(textByDef, read, item, () => {
        const v = read(item, index);
        return typeof v === 'string' || typeof v === 'number' ? `${v}`.toLowerCase() + SEP : '';
      });
    }
    if (key) cache.set(key, text);
    return text;
  };
}

/** Per column accessor, its values by object (an object's value is read once per accessor). */
export type ValueCache = WeakMap<object, WeakMap<object, unknown>>;

function columnValue<T>(cache: ValueCache, column: Column<T, unknown>, item: T, index: number): unknown {
  const read = column.accessorFn;
  if (!read) return undefined;
  return cached(cache, read, item, () => read(item, index));
}

const reSplitAlphaNumeric = /([0-9]+)/gm;

/** react-table's "auto" sorting function, decided on every value (react-table looks at a sample). */
function autoSortingFn<T>(values: unknown[]): SortingFn<T> {
  let isString = false;
  for (const v of values) {
    if (Object.prototype.toString.call(v) === '[object Date]') return sortingFns.datetime;
    if (typeof v === 'string') {
      isString = true;
      if (v.split(reSplitAlphaNumeric).length > 1) return sortingFns.alphanumeric;
    }
  }
  return isString ? sortingFns.text : sortingFns.basic;
}

/**
 * The order of `data` under `sorting`, as indices into `data` (null: the data's own order), with
 * react-table's semantics: the column's sorting function (or the automatic one), `sortUndefined`,
 * `invertSorting`, descending, ties by position.
 */
export function sortedOrder<T>(table: Table<T>, data: T[], sorting: SortingState, cache: ValueCache): number[] | null {
  const entries = sorting
    .map((s) => ({ s, column: table.getColumn(s.id) }))
    .filter((e): e is { s: SortingState[number]; column: Column<T, unknown> } => !!e.column?.getCanSort());
  if (!entries.length || data.length < 2) return null;
  const specs = entries.map(({ s, column }) => {
    const values = data.map((o, i) => columnValue(cache, column, o, i));
    const def = column.columnDef.sortingFn;
    const fn: SortingFn<T> =
      typeof def === 'function'
        ? def
        : def && def !== 'auto'
          ? ((table.options.sortingFns as Record<string, SortingFn<T>> | undefined)?.[def] ??
            (sortingFns as unknown as Record<string, SortingFn<T>>)[def] ??
            autoSortingFn(values))
          : autoSortingFn(values);
    return {
      id: column.id,
      desc: !!s.desc,
      values,
      fn,
      undef: column.columnDef.sortUndefined,
      invert: !!column.columnDef.invertSorting,
    };
  });
  // The sorting functions take react-table rows: these carry what they read (getValue, original, index).
  const byId = new Map(specs.map((s) => [s.id, s.values]));
  type Shim = { index: number; original: T; getValue: (id: string) => unknown };
  const shims: Shim[] = data.map((original, index) => ({
    index,
    original,
    getValue: (id: string) => byId.get(id)?.[index],
  }));
  shims.sort((a, b) => {
    for (const spec of specs) {
      let cmp = 0;
      if (spec.undef) {
        const au = spec.values[a.index] === undefined;
        const bu = spec.values[b.index] === undefined;
        if (au || bu) {
          if (spec.undef === 'first') return au ? -1 : 1;
          if (spec.undef === 'last') return au ? 1 : -1;
          cmp = au && bu ? 0 : au ? spec.undef : -spec.undef;
        }
      }
      // biome-ignore lint/suspicious/noExplicitAny: react-table's sorting functions take its Row type
      if (cmp === 0) cmp = spec.fn(a as any, b as any, spec.id);
      if (cmp !== 0) {
        if (spec.desc) cmp *= -1;
        if (spec.invert) cmp *= -1;
        return cmp;
      }
    }
    return a.index - b.index;
  });
  return shims.map((s) => s.index);
}

/** A filter's result: indices into `data`, in display order. */
export interface Filtered<T> {
  data: T[];
  order: number[] | null;
  text: SearchText<T>;
  query: string;
  indices: number[];
  /** increases with each result made: the newer of two results */
  seq: number;
}

let seq = 0;
export const nextSeq = (): number => ++seq;

export interface FilterJobOptions {
  /** Longest stretch of work in one main-thread task, in ms (default 40). */
  sliceMs?: number;
  /** Runs the next slice later (default: a macrotask). Returns a cancel function. */
  schedule?: (fn: () => void) => () => void;
  now?: () => number;
}

const macrotask = (fn: () => void): (() => void) => {
  const t = setTimeout(fn, 0);
  return () => clearTimeout(t);
};

/**
 * Filters `data` (in `order`) by `query` (case-insensitive substring of any column's text): the first slice
 * runs at once, and when the list is longer than a slice allows, the rest in later tasks; `done` gets the
 * result. A query that extends the `previous` one over the same data searches only its matches.
 * Returns a cancel function (a newer keystroke drops an older job).
 */
export function startFilter<T>(
  data: T[],
  order: number[] | null,
  text: SearchText<T>,
  query: string,
  previous: Filtered<T> | null,
  done: (result: Filtered<T>) => void,
  { sliceMs = 40, schedule = macrotask, now = () => performance.now() }: FilterJobOptions = {},
): () => void {
  const q = query.toLowerCase();
  const narrowing =
    previous &&
    previous.data === data &&
    previous.order === order &&
    previous.text === text &&
    q.includes(previous.query);
  const source = narrowing ? previous.indices : order;
  const total = source ? source.length : data.length;
  const indices: number[] = [];
  let k = 0;
  let cancelled = false;
  let cancelNext: (() => void) | undefined;
  const step = () => {
    const until = now() + sliceMs;
    while (k < total) {
      const end = Math.min(total, k + 512);
      for (; k < end; k++) {
        const i = source ? (source[k] as number) : k;
        if (text(data[i] as T, i).includes(q)) indices.push(i);
      }
      if (k < total && now() >= until) {
        cancelNext = schedule(() => !cancelled && step());
        return;
      }
    }
    done({ data, order, text, query: q, indices, seq: nextSeq() });
  };
  step();
  return () => {
    cancelled = true;
    cancelNext?.();
  };
}
