import { formatBytes, formatCpu, percentOf } from '@argus/contracts/quantity';

/**
 * One usage figure in a list row: the value in human units, and against what it is compared (a pod's limit,
 * else its request; a node's allocatable) as a thin bar and a percentage.
 */
export function UsageCell({
  kind,
  used,
  of,
  ofLabel,
}: {
  kind: 'cpu' | 'memory';
  used: number | undefined;
  of: number | undefined;
  /** "limit", "request", "allocatable". */
  ofLabel: string;
}) {
  if (used === undefined) return <span className="text-muted-foreground">—</span>;
  const format = kind === 'cpu' ? formatCpu : formatBytes;
  const pct = percentOf(used, of);
  const title = of ? `${format(used)} of ${format(of)} ${ofLabel} (${pct}%)` : `${format(used)} (no ${ofLabel})`;
  return (
    <span className="flex min-w-0 flex-col gap-0.5" title={title} data-usage={kind}>
      <span className="truncate tabular-nums">
        {format(used)}
        {pct !== undefined && <span className="text-muted-foreground"> · {pct}%</span>}
      </span>
      {pct !== undefined && (
        <span className="h-1 w-full overflow-hidden rounded bg-muted" aria-hidden="true">
          <span
            className={`block h-full ${pct >= 90 ? 'bg-destructive' : pct >= 70 ? 'bg-amber-500' : 'bg-primary'}`}
            style={{ width: `${Math.min(100, pct)}%` }}
          />
        </span>
      )}
    </span>
  );
}
