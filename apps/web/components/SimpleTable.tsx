import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@argus/ui';
import type { ReactNode } from 'react';

/** A small, non-virtualised table for admin lists. */
export function SimpleTable<T>({
  label,
  rows,
  columns,
  rowKey,
}: {
  label: string;
  rows: T[];
  columns: Array<{ header: string; cell: (row: T) => ReactNode }>;
  rowKey: (row: T) => string;
}) {
  return (
    <div className="overflow-auto rounded-md border">
      <Table aria-label={label}>
        <TableHeader>
          <TableRow>
            {columns.map((c) => (
              <TableHead key={c.header}>{c.header}</TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.length === 0 && (
            <TableRow>
              <TableCell colSpan={columns.length} className="text-center text-muted-foreground">
                Nothing yet.
              </TableCell>
            </TableRow>
          )}
          {rows.map((r) => (
            <TableRow key={rowKey(r)}>
              {columns.map((c) => (
                <TableCell key={c.header}>{c.cell(r)}</TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
