// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { DataTable } from '@argus/ui';
import type { ColumnDef } from '@tanstack/react-table';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

afterEach(cleanup);

interface Row {
  name: string;
}

describe('DataTable', () => {
  it('settles when sorted (no render loop between react-table state and props)', async () => {
    // The header renders on every render of the table (jsdom has no layout, so no body rows are in view).
    let renders = 0;
    const columns: ColumnDef<Row>[] = [
      {
        id: 'name',
        header: () => {
          renders++;
          return 'Name';
        },
        accessorFn: (r) => r.name,
      },
    ];
    const data = Array.from({ length: 5 }, (_, i) => ({ name: `pod-${i}` }));
    const getRowId = (r: Row) => r.name;
    const table = () => (
      <DataTable label="Rows" data={data} columns={columns} getRowId={getRowId} sort="-name" filter="" />
    );
    const { rerender } = render(table());
    await act(() => new Promise((r) => setTimeout(r, 100)));
    rerender(table()); // the parent renders again (live updates, query-string changes)
    await act(() => new Promise((r) => setTimeout(r, 300)));
    const settled = renders;
    await act(() => new Promise((r) => setTimeout(r, 300)));
    expect(renders).toBe(settled);
    expect(settled).toBeLessThan(10);
    expect(screen.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'descending');
  });

  const columns: ColumnDef<Row>[] = [{ id: 'name', header: 'Name', accessorFn: (r) => r.name }];
  const rows = Array.from({ length: 3000 }, (_, i) => ({ name: `pod-${i}` }));
  const getRowId = (r: Row) => r.name;

  it('filters by the text box over every row, case-insensitively, and shows all rows again when cleared', async () => {
    const table = (filter: string) => (
      <DataTable label="Pods" data={rows} columns={columns} getRowId={getRowId} filter={filter} />
    );
    const { rerender } = render(table(''));
    const grid = screen.getByRole('table', { name: 'Pods' });
    expect(grid).toHaveAttribute('aria-rowcount', '3001');
    rerender(table('POD-29'));
    // pod-29, pod-290…299, pod-2900…2999
    await waitFor(() => expect(grid).toHaveAttribute('aria-rowcount', String(1 + 1 + 10 + 100)));
    rerender(table('pod-299'));
    await waitFor(() => expect(grid).toHaveAttribute('aria-rowcount', String(1 + 1 + 10)));
    rerender(table(''));
    expect(grid).toHaveAttribute('aria-rowcount', '3001');
  });

  it('follows live data while filtered (an added object that matches appears)', async () => {
    const table = (data: Row[]) => (
      <DataTable label="Pods" data={data} columns={columns} getRowId={getRowId} filter="pod-1234" />
    );
    const { rerender } = render(table(rows));
    const grid = screen.getByRole('table', { name: 'Pods' });
    await waitFor(() => expect(grid).toHaveAttribute('aria-rowcount', '2'));
    rerender(table([...rows, { name: 'pod-12345' }]));
    await waitFor(() => expect(grid).toHaveAttribute('aria-rowcount', '3'));
  });

  it('keeps its search index and order when only an unsearched, unsorted column changes (usage refreshing)', async () => {
    let compares = 0;
    let renders = 0;
    const name: ColumnDef<Row> = {
      id: 'name',
      header: () => {
        renders++;
        return 'Name';
      },
      accessorFn: (r) => r.name,
      sortingFn: (a, b) => {
        compares++;
        return a.original.name.localeCompare(b.original.name);
      },
    };
    let usageReads = 0;
    const usage = (refresh: number): ColumnDef<Row> => ({
      id: 'cpu-usage',
      header: 'CPU',
      accessorFn: (r) => {
        usageReads++;
        return r.name.length + refresh;
      },
      enableGlobalFilter: false,
    });
    const table = (refresh: number, filter: string) => (
      <DataTable
        label="Pods"
        data={rows}
        columns={[name, usage(refresh)]}
        getRowId={getRowId}
        sort="name"
        filter={filter}
      />
    );
    const { rerender } = render(table(0, ''));
    const grid = screen.getByRole('table', { name: 'Pods' });
    // the index is built in idle time after the list arrives
    await act(() => new Promise((r) => setTimeout(r, 500)));
    const sorted = compares;
    expect(sorted).toBeGreaterThan(0);
    rerender(table(1, ''));
    expect(compares).toBe(sorted);
    // the keystroke's own render filters (the index was kept): one render, not a render and a search after it
    renders = 0;
    rerender(table(1, 'pod-299'));
    expect(grid).toHaveAttribute('aria-rowcount', String(1 + 1 + 10));
    expect(renders).toBe(1);
    // neither searched nor sorted: read only for react-table's first-sort direction (from the first row)
    expect(usageReads).toBeLessThan(100);
    let before = usageReads;
    // sorted by the changing column: sorted again at each refresh
    rerender(
      <DataTable label="Pods" data={rows} columns={[name, usage(2)]} getRowId={getRowId} sort="cpu-usage" filter="" />,
    );
    expect(usageReads - before).toBeGreaterThanOrEqual(rows.length);
    before = usageReads;
    rerender(
      <DataTable label="Pods" data={rows} columns={[name, usage(3)]} getRowId={getRowId} sort="cpu-usage" filter="" />,
    );
    expect(usageReads - before).toBeGreaterThanOrEqual(rows.length);
    expect(screen.getByRole('columnheader', { name: 'CPU' })).toHaveAttribute('aria-sort', 'ascending');
  });

  it('asks for the next sort when a header is clicked (natural order first for text)', () => {
    const sorts: (string | null)[] = [];
    const table = (sort: string | null) => (
      <DataTable
        label="Pods"
        data={rows}
        columns={columns}
        getRowId={getRowId}
        sort={sort}
        onSortChange={(s) => sorts.push(s)}
      />
    );
    const { rerender } = render(table(null));
    fireEvent.click(screen.getByRole('button', { name: 'Name' }));
    rerender(table('name'));
    fireEvent.click(screen.getByRole('button', { name: 'Name' }));
    expect(sorts).toEqual(['name', '-name']);
    expect(screen.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'ascending');
  });
});
