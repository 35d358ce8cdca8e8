/**
 * List columns of a custom resource from its CRD's additionalPrinterColumns (api-resources'
 * `printer_columns`), evaluated here on the live list's objects, so every watch event re-renders its row.
 * Values follow the API server's Table conversion: the first value the JSONPath finds, typed by the
 * column (`integer`, `number`, `boolean` only when the value has that type; `date` as an age; `string`
 * prints maps and lists as JSON); kubectl's `priority` 0 columns by default, all of them in the wide view.
 */
import type { PrinterColumn } from '@argus/contracts';
import { compileJsonPath, INVALID_DATE, type PrinterCell, printerCell } from '@argus/contracts/printer-columns';
import type { ColumnDef } from '@tanstack/react-table';
import { age } from '@/lib/format';
import type { KubeObject } from '@/lib/kube';

export { printerCell };

/** What a cell shows (dates as an age, like kubectl); '' for nothing. */
export function printerText(col: PrinterColumn, cell: PrinterCell, now = Date.now()): string {
  if (cell === null) return '';
  if (col.type === 'date' && typeof cell === 'string' && cell !== INVALID_DATE) return age(cell, now);
  return String(cell);
}

/** The columns shown by default (priority 0) or all of them (wide). */
export function visiblePrinterColumns(cols: PrinterColumn[], wide: boolean): PrinterColumn[] {
  return cols.filter((c) => wide || c.priority === 0);
}

/** Whether the CRD brings its own age column (then no extra Age is added, as kubectl does). */
export const hasOwnAge = (cols: PrinterColumn[]) =>
  cols.some((c) => c.json_path.trim() === '.metadata.creationTimestamp');

function columnOf(col: PrinterColumn, index: number): ColumnDef<KubeObject> {
  const find = compileJsonPath(col.json_path);
  const cellOf = (o: KubeObject) => (find ? printerCell(col, find(o)) : null);
  return {
    id: `pc-${index}-${col.name}`,
    header: col.name,
    // Sorts by value: numbers as numbers, dates newest first like the Age column, text as text.
    accessorFn: (o) => {
      const c = cellOf(o);
      if (c === null) return col.type === 'string' ? '' : Number.NEGATIVE_INFINITY;
      if (col.type === 'date') return typeof c === 'string' && c !== INVALID_DATE ? -Date.parse(c) : 0;
      return typeof c === 'boolean' ? String(c) : c;
    },
    cell: (ctx) => {
      const text = printerText(col, cellOf(ctx.row.original));
      return text === '' ? (
        <span className="text-muted-foreground">—</span>
      ) : (
        <span title={col.description || undefined}>{text}</span>
      );
    },
    // Many CRDs declare ten columns or more: narrow numbers and flags, text shares the rest.
    meta: {
      width: col.type === 'string' ? 'minmax(5rem, 1fr)' : col.type === 'date' ? '5rem' : 'minmax(4rem, 0.6fr)',
    },
  };
}

/** Name, Namespace, the CRD's columns, Age (unless the CRD has its own). */
export function crdColumns(
  cols: PrinterColumn[],
  opts: { namespaced: boolean; wide: boolean },
): ColumnDef<KubeObject>[] {
  const out: ColumnDef<KubeObject>[] = [
    {
      id: 'name',
      header: 'Name',
      accessorFn: (o) => o.metadata.name,
      meta: { width: 'minmax(9rem, 2fr)' },
    },
  ];
  if (opts.namespaced)
    out.push({
      id: 'namespace',
      header: 'Namespace',
      accessorFn: (o) => o.metadata.namespace ?? '',
      meta: { width: 'minmax(6rem, 1fr)' },
    });
  visiblePrinterColumns(cols, opts.wide).forEach((c, i) => {
    out.push(columnOf(c, i));
  });
  if (!hasOwnAge(cols))
    out.push({
      id: 'age',
      header: 'Age',
      accessorFn: (o) => (o.metadata.creationTimestamp ? -Date.parse(o.metadata.creationTimestamp) : 0),
      cell: (c) => age(c.row.original.metadata.creationTimestamp),
      meta: { width: '5rem' },
    });
  return out;
}
