/** meta.k8s.io/v1 Table responses (`Accept: application/json;as=Table;v=v1;g=meta.k8s.io`). */
import { DEFAULT_PRINTER } from '../registry/printers.js';
import type { ResourceDef } from '../registry/types.js';
import type { KubeObject } from '../store/types.js';

export type TableVersion = 'v1' | 'v1beta1';

export function wantsTable(accept: string | undefined): TableVersion | undefined {
  if (!accept) return undefined;
  for (const part of accept.split(',')) {
    const p = part.replace(/\s/g, '');
    if (!p.includes('as=Table') || !p.includes('g=meta.k8s.io')) continue;
    if (p.includes('v=v1beta1')) return 'v1beta1';
    if (p.includes('v=v1')) return 'v1';
  }
  return undefined;
}

export function tableContentType(v: TableVersion): string {
  return `application/json;as=Table;v=${v};g=meta.k8s.io`;
}

function rowObject(obj: KubeObject, include: string): unknown {
  if (include === 'None') return undefined;
  if (include === 'Object') return obj;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
}

export function toTable(
  def: ResourceDef,
  items: KubeObject[],
  meta: Record<string, unknown>,
  opts: { version: TableVersion; includeObject: string; headers: boolean; now: Date },
): Record<string, unknown> {
  const printer = def.printer ?? DEFAULT_PRINTER;
  const rows = items.map((obj) => {
    const row: Record<string, unknown> = { cells: printer.row(obj, opts.now) };
    const o = rowObject(obj, opts.includeObject);
    if (o !== undefined) row.object = o;
    return row;
  });
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${opts.version}`,
    metadata: meta,
    columnDefinitions: opts.headers
      ? printer.columns.map((c) => ({
          name: c.name,
          type: c.type,
          format: c.format ?? '',
          description: c.description ?? '',
          priority: c.priority ?? 0,
        }))
      : null,
    rows,
  };
}
