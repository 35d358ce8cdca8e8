/** Shared helpers of the table printers. */
import type { KubeObject } from '../store/types.js';
import type { Printer, TableColumn } from './types.js';

export type Obj = Record<string, unknown>;
export type Row = (o: KubeObject, now: Date) => unknown[];

export const o = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
export const a = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const s = (v: unknown, dflt = '<none>'): string =>
  v === undefined || v === null || v === '' ? dflt : String(v);
export const n = (v: unknown): number => (typeof v === 'number' ? v : 0);

export function col(name: string, type: TableColumn['type'] = 'string', priority = 0, format?: string): TableColumn {
  const c: TableColumn = {
    name,
    type,
    format: format ?? (name === 'Name' ? 'name' : ''),
    description: `${name} column`,
    priority,
  };
  return c;
}
export const NAME = col('Name');
export const AGE = col('Age');
export const CREATED_AT = col('Created At', 'date');

export function make(columns: TableColumn[], row: Row): Printer {
  return { columns, row };
}

export function images(tpl: Obj): [string, string] {
  const cs = a(o(o(tpl).spec).containers).map(o);
  return [cs.map((c) => s(c.name, '')).join(','), cs.map((c) => s(c.image, '')).join(',')];
}

export function selector(sel: unknown): string {
  const m = o(o(sel).matchLabels);
  const parts = Object.entries(m).map(([k, v]) => `${k}=${String(v)}`);
  for (const e of a(o(sel).matchExpressions).map(o)) {
    const op = String(e.operator ?? '').toLowerCase();
    parts.push(
      op === 'exists'
        ? String(e.key)
        : op === 'doesnotexist'
          ? `!${String(e.key)}`
          : `${String(e.key)} ${op} (${a(e.values).join(',')})`,
    );
  }
  return parts.length ? parts.join(',') : '<none>';
}
