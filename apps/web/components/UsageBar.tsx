export function UsageBar({
  label,
  used,
  total,
  format,
}: {
  label: string;
  used: number | null;
  total: number;
  format: (n: number) => string;
}) {
  const pct = used !== null && total > 0 ? Math.min(100, Math.round((used / total) * 100)) : null;
  return (
    <div className="grid gap-1">
      <div className="flex justify-between text-xs">
        <span className="text-muted-foreground">{label}</span>
        <span>
          {total <= 0
            ? 'not available' // no node capacity: no metrics, or nodes not readable by this user
            : used === null
              ? `no metrics · capacity ${format(total)}`
              : `${format(used)} of ${format(total)} (${pct}%)`}
        </span>
      </div>
      <div
        className="h-1.5 overflow-hidden rounded bg-muted"
        role="meter"
        aria-label={`${label} use`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct ?? 0}
        aria-valuetext={pct === null ? 'no metrics' : `${pct}%`}
      >
        <div className="h-full bg-primary" style={{ width: `${pct ?? 0}%` }} />
      </div>
    </div>
  );
}
