'use client';
import { Badge, Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@argus/ui';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { api, qs } from '@/lib/api';
import type { KubeList, KubeObject } from '@/lib/kube';
import { detailHref, groupPath, resourceSegment, WELL_KNOWN } from '@/lib/resources';

/** One titled block of a detail page. */
export function Section({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <section aria-label={title} className="grid gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-sm font-medium">{title}</h3>
        {actions && <div className="ml-auto flex flex-wrap gap-2">{actions}</div>}
      </div>
      {children}
    </section>
  );
}

/** Label → value pairs in the order given; a row whose value is undefined/null/''/false is left out. */
export function Fields({ rows }: { rows: Record<string, ReactNode> }) {
  const shown = Object.entries(rows).filter(([, v]) => v !== undefined && v !== null && v !== '' && v !== false);
  if (shown.length === 0) return null;
  return (
    <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-1.5 text-sm">
      {shown.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-muted-foreground">{k}</dt>
          <dd className="min-w-0 break-words">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** `k=v` badges (labels, selectors, node selectors). */
export function KeyValues({ values, empty = '—' }: { values?: Record<string, string> | null; empty?: string }) {
  const entries = Object.entries(values ?? {});
  if (entries.length === 0) return <span className="text-muted-foreground">{empty}</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {entries.map(([k, v]) => (
        <Badge key={k} variant="outline" className="max-w-full truncate font-mono font-normal" title={`${k}=${v}`}>
          {k}={v}
        </Badge>
      ))}
    </span>
  );
}

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  className?: string;
}

/** A small table with a caption for screen readers and a calm empty text. */
export function DetailTable<T>({
  label,
  rows,
  columns,
  rowKey,
  empty = 'None.',
}: {
  label: string;
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T, i: number) => string;
  empty?: string;
}) {
  return (
    <div className="overflow-auto rounded-md border">
      <Table aria-label={label}>
        <TableHeader>
          <TableRow>
            {columns.map((c) => (
              <TableHead key={c.header} className={c.className}>
                {c.header}
              </TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.length === 0 && (
            <TableRow>
              <TableCell colSpan={columns.length} className="text-center text-muted-foreground">
                {empty}
              </TableCell>
            </TableRow>
          )}
          {rows.map((r, i) => (
            <TableRow key={rowKey(r, i)}>
              {columns.map((c) => (
                <TableCell key={c.header} className={c.className}>
                  {c.cell(r)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

export interface KindRef {
  group: string;
  version: string;
  resource: string;
  namespaced?: boolean;
}

/** Link to a built-in object's detail page (`WELL_KNOWN` key or a full ref). */
export function ObjectLink({
  clusterId,
  kind,
  name,
  namespace,
  children,
}: {
  clusterId: string;
  kind: string | KindRef;
  name: string;
  namespace?: string | null;
  children?: ReactNode;
}) {
  const r = typeof kind === 'string' ? WELL_KNOWN[kind] : kind;
  if (!r) return <span>{children ?? name}</span>;
  return (
    <Link
      href={detailHref(clusterId, resourceSegment(r), name, namespace)}
      className="text-primary underline-offset-2 hover:underline"
    >
      {children ?? name}
    </Link>
  );
}

/** Lists objects of a kind (by namespace, label or field selector), read again every 5 s. */
export function useKubeList(
  clusterId: string,
  r: KindRef,
  where: { namespace?: string; labelSelector?: string; fieldSelector?: string },
  enabled = true,
) {
  const path = `/api/clusters/${encodeURIComponent(clusterId)}/resources/${groupPath(r)}/${r.version}/${r.resource}${qs(where)}`;
  return useQuery({
    queryKey: ['detail-list', path],
    queryFn: () => api<KubeList>(path),
    enabled,
    refetchInterval: 5_000,
  });
}

export const selectorString = (s?: Record<string, string> | null) =>
  Object.entries(s ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');

export const MUTED = 'text-muted-foreground';

/** The object typed loosely for reading nested fields. */
export type Obj = KubeObject;
export type Rec = Record<string, unknown>;
export const rec = (v: unknown): Rec => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : {});
export const arr = <T = Rec>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
export const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
