// biome-ignore-all lint/a11y/useSemanticElements: ARIA table roles on a CSS grid (virtualised rows are absolutely positioned)
// biome-ignore-all lint/a11y/useFocusableInteractive: rows are focusable when they can be activated; cells and headers are not interactive
'use client';
import {
  type ColumnDef,
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  type SortingState,
  useReactTable,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDownIcon, ArrowUpIcon } from 'lucide-react';
import { useCallback, useDeferredValue, useMemo, useRef } from 'react';
import { cn } from './cn';

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
 * A sortable, filterable table that renders only the rows in view (10,000 rows scroll smoothly).
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
  // Filtering 10,000 rows must not block typing: the table follows the filter at a lower priority.
  const globalFilter = useDeferredValue(filter ?? '');
  const rowId = useCallback((row: T) => getRowId(row), [getRowId]);
  const table = useReactTable({
    data,
    columns,
    getRowId: rowId,
    state: { sorting, globalFilter },
    // No pagination here: never queue page-index resets when rows change.
    autoResetPageIndex: false,
    autoResetExpanded: false,
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first = next[0];
      onSortChange?.(first ? `${first.desc ? '-' : ''}${first.id}` : null);
    },
    globalFilterFn: 'includesString',
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
  });
  const rows = table.getRowModel().rows;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW,
    overscan: 12,
    initialRect: { width: 1000, height: 600 },
  });
  const template = table
    .getVisibleLeafColumns()
    .map((c) => c.columnDef.meta?.width ?? 'minmax(6rem, 1fr)')
    .join(' ');

  return (
    <div
      role="table"
      aria-label={label}
      aria-rowcount={rows.length + 1}
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
        {rows.length === 0 ? (
          <div role="row" className="p-6 text-center text-muted-foreground">
            <div role="cell">{emptyText}</div>
          </div>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((vi) => {
              const row = rows[vi.index];
              if (!row) return null;
              return (
                <div
                  role="row"
                  key={row.id}
                  aria-rowindex={vi.index + 2}
                  tabIndex={onRowActivate ? 0 : undefined}
                  className={cn(
                    'absolute left-0 grid w-full items-center border-b hover:bg-muted/50 focus-visible:bg-accent focus-visible:outline-none',
                    onRowActivate && 'cursor-pointer',
                  )}
                  style={{ gridTemplateColumns: template, height: ROW, transform: `translateY(${vi.start}px)` }}
                  onClick={() => onRowActivate?.(row.original)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') onRowActivate?.(row.original);
                    if (e.key === 'ArrowDown') (e.currentTarget.nextElementSibling as HTMLElement | null)?.focus();
                    if (e.key === 'ArrowUp') (e.currentTarget.previousElementSibling as HTMLElement | null)?.focus();
                  }}
                >
                  {row.getVisibleCells().map((cell) => (
                    <div role="cell" key={cell.id} className="truncate px-3">
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
