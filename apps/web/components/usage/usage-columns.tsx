import { formatBytes, formatCpu } from '@argus/contracts/quantity';
import type { ColumnDef } from '@tanstack/react-table';
import { podKey, type TopData } from '@/hooks/use-top';
import type { KubeObject } from '@/lib/kube';
import { UsageCell } from './UsageCell';

type Col = ColumnDef<KubeObject>;

/**
 * CPU and memory usage columns of the pod and node lists (sortable by the figure): pods against their limit
 * (else request), nodes against allocatable. Without metrics the header says why and the cells show —.
 */
export function usageColumns(resource: string, top: TopData | undefined): Col[] {
  if (resource !== 'pods' && resource !== 'nodes') return [];
  const unavailable = top && !top.available ? (top.reason ?? 'No metrics') : undefined;
  const header = (label: string) => () => (
    <span title={unavailable ?? `${label} usage (metrics.k8s.io)`}>
      {label}
      {unavailable ? <span className="text-muted-foreground"> (n/a)</span> : null}
    </span>
  );
  // react-table caches each row's accessor values for as long as the list's data is the same array, and the
  // usage arrives (and refreshes) separately: cells and sorting read `top` from this closure instead.
  const figure = (o: KubeObject, id: 'cpu' | 'memory'): number | undefined => {
    if (resource === 'pods') {
      const p = top?.pods.get(podKey(o.metadata.namespace, o.metadata.name));
      return p ? (id === 'cpu' ? p.cpu_millicores : p.memory_bytes) : undefined;
    }
    const n = top?.nodes.get(o.metadata.name);
    return n ? (id === 'cpu' ? n.cpu_millicores : n.memory_bytes) : undefined;
  };
  const col = (id: 'cpu' | 'memory', label: string): Col => ({
    id: `${id}-usage`,
    header: header(label),
    accessorFn: (o) => figure(o, id) ?? -1,
    // The filter matches what a row shows; these cells show "12m" / "34 MiB", not the raw figure. (And the
    // figures refresh every 30 s: the list's search index is not rebuilt for them.)
    enableGlobalFilter: false,
    // rows without usage sort below every figure
    sortingFn: (a, b) => (figure(a.original, id) ?? -1) - (figure(b.original, id) ?? -1),
    cell: (c) => {
      const o = c.row.original;
      const used = figure(o, id);
      const field = id === 'cpu' ? 'cpu_millicores' : 'memory_bytes';
      if (resource === 'pods') {
        const p = top?.pods.get(podKey(o.metadata.namespace, o.metadata.name));
        const limit = p?.limits[field];
        const request = p?.requests[field] || undefined;
        return (
          <UsageCell kind={id} used={used} of={limit ?? request} ofLabel={limit !== undefined ? 'limit' : 'request'} />
        );
      }
      const n = top?.nodes.get(o.metadata.name);
      return <UsageCell kind={id} used={used} of={n?.allocatable[field]} ofLabel="allocatable" />;
    },
    meta: { width: '9.5rem' },
  });
  return [col('cpu', 'CPU'), col('memory', 'Memory')];
}

/** A pod's requests/limits as text, for titles and detail pages (`250m / 500m`). */
export function requestLimitText(kind: 'cpu' | 'memory', request?: number, limit?: number): string {
  const f = kind === 'cpu' ? formatCpu : formatBytes;
  return `${request ? f(request) : '—'} / ${limit !== undefined ? f(limit) : '—'}`;
}
