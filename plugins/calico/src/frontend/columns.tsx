/** Column helpers for the Calico tables (the shared virtualised DataTable). */
import { type DataTableProps, type Health, HealthBadge } from '@argus/ui';
import type { ReactNode } from 'react';

export type Columns<T> = DataTableProps<T>['columns'];

export function textColumn<T>(id: string, header: string, get: (row: T) => string | number | null, width?: string) {
  return {
    id,
    header,
    accessorFn: (row: T) => get(row) ?? '',
    cell: (c: { getValue(): unknown }) => {
      const v = c.getValue() as string | number;
      return v === '' ? <span className="text-muted-foreground">—</span> : String(v);
    },
    ...(width ? { meta: { width } } : {}),
  };
}

export function nodeColumn<T>(
  id: string,
  header: string,
  sortValue: (row: T) => string | number,
  render: (row: T) => ReactNode,
  width?: string,
) {
  return {
    id,
    header,
    accessorFn: sortValue,
    cell: (c: { row: { original: T } }) => render(c.row.original),
    ...(width ? { meta: { width } } : {}),
  };
}

export function healthColumn<T extends { health: Health }>() {
  return nodeColumn<T>(
    'health',
    'Health',
    (o) => `${o.health.status} ${o.health.reason ?? ''}`,
    (o) => <HealthBadge health={o.health} />,
    'minmax(7rem, 8rem)',
  );
}
