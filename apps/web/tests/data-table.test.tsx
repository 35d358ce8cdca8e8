// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { DataTable } from '@argus/ui';
import type { ColumnDef } from '@tanstack/react-table';
import { act, cleanup, render, screen } from '@testing-library/react';
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
});
