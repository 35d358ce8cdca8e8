// biome-ignore-all lint/a11y/useSemanticElements: ARIA table roles on a CSS grid (virtualised rows are absolutely positioned)
// biome-ignore-all lint/a11y/useFocusableInteractive: rows are focusable when they can be activated; cells and headers are not interactive
'use client';
import {
  type ColumnDef,
  createRow,
  flexRender,
  getCoreRowModel,
  type Row,
  type SortingState,
  useReactTable,
} from '@tanstack/react-table';
import { useVirtualizer, type VirtualItem } from '@tanstack/react-virtual';
import { ArrowDownIcon, ArrowUpIcon } from 'lucide-react';
import { memo, type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { cn } from './cn';
import { RowKeys } from './row-keys';
import { prebuildSearchIndex, type SearchIndex, searchIndex } from './search-index';
import {
  createSearchText,
  type Filtered,
  nextSeq,
  sameItems,
  searchedAccessors,
  sortedOrder,
  startFilter,
  type ValueCache,
} from './table-rows';

/** `list` itself until its items change (same items in the same order: the previous list). */
function useSameItems<V>(list: V[]): V[] {
  const kept = useRef(list);
  if (!sameItems(kept.current, list)) kept.current = list;
  return kept.current;
}

declare module '@tanstack/react-table' {
  interface ColumnMeta<TData, TValue> {
    /** A CSS grid track, e.g. "minmax(12rem, 2fr)" or "6rem". */
    width?: string;
  }
}

export interface DataTableProps<T> {
  data: T[];
  columns: ColumnDef<T>[];
  getRowId: (row: T) => string;
  /** Text filter over every column's value. */
  filter?: string;
  /** "name" or "-name" (descending), as kept in the query string. */
  sort?: string | null;
  onSortChange?: (sort: string | null) => void;
  onRowActivate?: (row: T) => void;
  label: string;
  emptyText?: string;
  className?: string;
}

const ROW = 36;

export function parseSort(sort: string | null | undefined): SortingState {
  if (!sort) return [];
  return [{ id: sort.replace(/^-/, ''), desc: sort.startsWith('-') }];
}

/**
 * A sortable, filterable table that renders only the rows in view (100,000 rows scroll and filter smoothly).
 * ARIA table roles on a CSS grid, so screen readers still read it as a table.
 */
export function DataTable<T>({
  data,
  columns,
  getRowId,
  filter,
  sort,
  onSortChange,
  onRowActivate,
  label,
  emptyText = 'Nothing to show.',
  className,
}: DataTableProps<T>) {
  // Stable identities matter: a new `sorting` array on every render made the sorted row model recompute,
  // which queued react-table's page-index auto-reset (a state update), which rendered again: an endless
  // render loop that kept the main thread busy and starved router transitions (row clicks, the filter box).
  const sorting = useMemo(() => parseSort(sort), [sort]);
  const rowId = useCallback((row: T) => getRowId(row), [getRowId]);
  // react-table keeps the columns, the headers and the sort toggles. It sees only the first item (which
  // its automatic first sort direction looks at): building its Row objects for every item, and its
  // filtered and sorted row models, cost more than rendering the page (see table-rows.ts).
  const first = data[0];
  const sample = useMemo(() => (first === undefined ? [] : [first]), [first]);
  const table = useReactTable({
    data: sample,
    columns,
    getRowId: rowId,
    state: { sorting },
    manualSorting: true,
    manualFiltering: true,
    // No pagination here: never queue page-index resets when rows change.
    autoResetPageIndex: false,
    autoResetExpanded: false,
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const head = next[0];
      onSortChange?.(head ? `${head.desc ? '-' : ''}${head.id}` : null);
    },
    getCoreRowModel: getCoreRowModel(),
  });
  const leafColumns = table.getAllLeafColumns();
  // Per column definitions: each object's column values, search text and Row (for its cells), computed
  // once and kept while the object is (a live update replaces one object, and only it is read again).
  const [values] = useState<ValueCache>(() => new WeakMap());
  // The search text (and the index built from it) only changes with the searched columns: a refresh of the
  // usage columns (every 30 s, not searched) keeps it.
  const accessors = useSameItems(searchedAccessors(leafColumns));
  const text = useMemo(() => createSearchText(accessors), [accessors]);
  // Row objects carry their cells, made from the columns: new columns, new Rows (made only for the rows in view).
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new set of columns starts a new cache
  const rows = useMemo(() => new WeakMap<object, Row<T>>(), [leafColumns]);
  // Sorted again when the list, the sorting or a sorted column's definition changes — not when another column's
  // does (sorting 100,000 rows by name is a long task; the usage columns' definitions change every 30 s).
  // (react-table copies each column definition when the columns change, keeping its functions: compare what
  // sortedOrder reads of it)
  const sortDefs = useSameItems(
    sorting.flatMap((s) => {
      const column = table.getColumn(s.id);
      const def = column?.columnDef;
      return [column?.accessorFn, def?.sortingFn, def?.sortUndefined, def?.invertSorting];
    }),
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: sortDefs changes what table.getColumn gives sortedOrder
  const order = useMemo(() => sortedOrder(table, data, sorting, values), [table, data, sorting, values, sortDefs]);
  // The text filter follows the box. Once the list's search index is built (in idle time after each
  // change of the list), the keystroke's own render searches it: one render, rows drawn in that frame.
  // Until then (a list that just arrived or changed) the search runs after the render, a long list's
  // remainder in later tasks, and the table keeps the rows it showed last until it is done.
  const query = filter ?? '';
  const index = useRef<SearchIndex<T> | null>(null);
  useEffect(
    () =>
      prebuildSearchIndex(data, text, (built) => {
        index.current = built;
      }),
    [data, text],
  );
  // (read when the query, list, order or columns change: the index arriving alone changes no rows)
  const indexed = useMemo((): Filtered<T> | null => {
    const built = index.current;
    if (!query || !built || built.data !== data || built.text !== text) return null;
    const q = query.toLowerCase();
    const indices = searchIndex(built, q, order);
    return indices && { data, order, text, query: q, indices, seq: nextSeq() };
  }, [data, order, text, query]);
  const [filtered, setFiltered] = useState<Filtered<T> | null>(null);
  const latest = useRef<Filtered<T> | null>(null);
  useEffect(() => {
    if (!query || indexed) return;
    return startFilter(data, order, text, query, latest.current, (result) => {
      latest.current = result;
      setFiltered(result);
    });
  }, [data, order, text, query, indexed]);
  // While a search runs after the render, the rows shown last stay: the newer of the two kinds of result.
  const shown = useRef<Filtered<T> | null>(null);
  const view = !query
    ? null
    : (indexed ?? (filtered && (!shown.current || filtered.seq > shown.current.seq) ? filtered : shown.current));
  shown.current = view;
  const source = view ? view.data : data;
  const indices = view ? view.indices : order;
  const count = indices ? indices.length : data.length;
  const rowAt = (k: number): Row<T> | undefined => {
    const i = indices ? indices[k] : k;
    if (i === undefined) return undefined;
    const item = source[i] as T;
    const key = item as object;
    let row = rows.get(key);
    if (!row) {
      row = createRow(table, rowId(item), item, i, 0);
      rows.set(key, row);
    }
    return row;
  };
  // Rows call the latest onRowActivate through a stable function (the parent passes a new one each render).
  const activateRef = useRef(onRowActivate);
  activateRef.current = onRowActivate;
  const activate = useCallback((item: T) => activateRef.current?.(item), []);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW,
    overscan: 12,
    initialRect: { width: 1000, height: 600 },
  });
  const inView: { vi: VirtualItem; row: Row<T> }[] = [];
  for (const vi of virtualizer.getVirtualItems()) {
    const row = rowAt(vi.index);
    if (row) inView.push({ vi, row });
  }
  const [rowKeys] = useState(() => new RowKeys());
  const keys = rowKeys.assign(
    inView.map((r) => r.row.id),
    focusedRowKey(scrollRef.current),
  );
  const template = table
    .getVisibleLeafColumns()
    .map((c) => c.columnDef.meta?.width ?? 'minmax(6rem, 1fr)')
    .join(' ');

  return (
    <div
      role="table"
      aria-label={label}
      aria-rowcount={count + 1}
      className={cn('flex min-h-0 flex-col overflow-hidden rounded-md border text-sm', className)}
    >
      <div role="rowgroup" className="border-b bg-muted/50">
        {table.getHeaderGroups().map((hg) => (
          <div role="row" key={hg.id} className="grid" style={{ gridTemplateColumns: template }}>
            {hg.headers.map((h) => {
              const sorted = h.column.getIsSorted();
              const sortable = h.column.getCanSort();
              return (
                <div
                  role="columnheader"
                  key={h.id}
                  aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                  className="px-3 py-2 text-left text-xs font-medium text-muted-foreground"
                >
                  {sortable ? (
                    <button
                      type="button"
                      className="inline-flex cursor-pointer items-center gap-1 rounded hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
                      onClick={h.column.getToggleSortingHandler()}
                    >
                      {flexRender(h.column.columnDef.header, h.getContext())}
                      {sorted === 'asc' && <ArrowUpIcon className="size-3" aria-hidden="true" />}
                      {sorted === 'desc' && <ArrowDownIcon className="size-3" aria-hidden="true" />}
                    </button>
                  ) : (
                    flexRender(h.column.columnDef.header, h.getContext())
                  )}
                </div>
              );
            })}
          </div>
        ))}
      </div>
      <div ref={scrollRef} role="rowgroup" className="min-h-0 flex-1 overflow-auto" data-testid="table-scroll">
        {count === 0 ? (
          <div role="row" className="p-6 text-center text-muted-foreground">
            <div role="cell">{emptyText}</div>
          </div>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {inView.map(({ vi, row }, i) => (
              <BodyRow
                key={keys[i]}
                rowKey={keys[i] as number}
                row={row}
                index={vi.index}
                start={vi.start}
                template={template}
                activate={onRowActivate ? activate : undefined}
              />
            ))}
          </div>
        )}
      </div>
    </div>
  );
}

/** The key of the row of `body` that has the focus, if one has. */
function focusedRowKey(body: HTMLElement | null): number | undefined {
  const active = body?.ownerDocument.activeElement;
  if (!body || !active || !body.contains(active)) return undefined;
  const key = active.closest('[data-row-key]')?.getAttribute('data-row-key');
  return key ? Number(key) : undefined;
}

interface BodyRowProps<T> {
  rowKey: number;
  row: Row<T>;
  index: number;
  start: number;
  template: string;
  activate: ((item: T) => void) | undefined;
}

/**
 * One body row. Memoised: a keystroke or a live update renders the table again, and a row whose object,
 * position and columns are unchanged (its Row is kept per object and column definitions) is not rendered again.
 * Its cells are keyed by column: when the row takes over another object (row-keys.ts), they are updated in place.
 */
const BodyRow = memo(function BodyRow<T>({ rowKey, row, index, start, template, activate }: BodyRowProps<T>) {
  return (
    <div
      role="row"
      data-row-key={rowKey}
      aria-rowindex={index + 2}
      tabIndex={activate ? 0 : undefined}
      className={cn(
        'absolute left-0 grid w-full items-center border-b hover:bg-muted/50 focus-visible:bg-accent focus-visible:outline-none',
        activate && 'cursor-pointer',
      )}
      style={{ gridTemplateColumns: template, height: ROW, transform: `translateY(${start}px)` }}
      onClick={() => activate?.(row.original)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') activate?.(row.original);
        if (e.key === 'ArrowDown') (e.currentTarget.nextElementSibling as HTMLElement | null)?.focus();
        if (e.key === 'ArrowUp') (e.currentTarget.previousElementSibling as HTMLElement | null)?.focus();
      }}
    >
      {row.getVisibleCells().map((cell) => (
        <div role="cell" key={cell.column.id} className="truncate px-3">
          {flexRender(cell.column.columnDef.cell, cell.getContext())}
        </div>
      ))}
    </div>
  );
}) as <T>(props: BodyRowProps<T>) => ReactNode;
