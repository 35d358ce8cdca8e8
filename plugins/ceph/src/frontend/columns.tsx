/** Column helpers for the Ceph tables (the shared virtualised DataTable). */
import { type DataTableProps, HealthBadge } from '@argus/ui';
import type { ReactNode } from 'react';
import type { Item } from './types';

export type Columns<T> = DataTableProps<T>['columns'];

export function textColumn<T>(
  id: string,
  header: string,
  get: (row: T) => string | number | null | undefined,
  width?: string,
) {
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
  sortValue: (row: T) => string,
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

/** Health first: sorted by status, the reason in the badge's tooltip (and in the filter's text). */
export function healthColumn<T extends Item<unknown>>() {
  return nodeColumn<T>(
    'health',
    'Health',
    (o) => `${o.health.status} ${o.health.reason ?? ''}`,
    (o) => <HealthBadge health={o.health} />,
    'minmax(7rem, 8rem)',
  );
}

export function nameColumns<T extends Item<unknown>>(): Columns<T> {
  return [
    healthColumn<T>(),
    textColumn<T>('namespace', 'Namespace', (o) => o.metadata.namespace ?? '', 'minmax(7rem, 1fr)'),
    textColumn<T>('name', 'Name', (o) => o.metadata.name, 'minmax(9rem, 2fr)'),
  ];
}
