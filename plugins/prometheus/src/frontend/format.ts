/** Number formats for charts: CPU cores and bytes. */

export function formatCores(v: number): string {
  if (v === 0) return '0';
  if (Math.abs(v) < 1) return `${(v * 1000).toFixed(v * 1000 < 10 ? 1 : 0)}m`;
  return v.toFixed(2);
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

export function formatBytes(v: number): string {
  let n = Math.abs(v);
  let i = 0;
  while (n >= 1024 && i < UNITS.length - 1) {
    n /= 1024;
    i++;
  }
  return `${v < 0 ? '-' : ''}${n.toFixed(n >= 100 || i === 0 ? 0 : 1)} ${UNITS[i]}`;
}

/** A series' name from its labels: the grouping label, else every label. */
export function seriesName(labels: Record<string, string>): string {
  const { __name__: _n, ...rest } = labels;
  const keys = Object.keys(rest);
  if (keys.length === 0) return labels.__name__ ?? 'value';
  if (keys.length === 1) return String(rest[keys[0] ?? '']);
  return `{${keys.map((k) => `${k}="${rest[k]}"`).join(', ')}}`;
}

/** `name{label="value", …}`, as Prometheus prints a series. */
export function fullSeriesName(labels: Record<string, string>): string {
  const { __name__: name, ...rest } = labels;
  const inner = Object.entries(rest)
    .map(([k, v]) => `${k}="${v}"`)
    .join(', ');
  return `${name ?? ''}{${inner}}`;
}
