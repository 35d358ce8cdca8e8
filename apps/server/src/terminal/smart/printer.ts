import { stringify } from 'yaml';

/** kubectl's text output: tab-aligned tables (Go's tabwriter, padding 3), `-o name`, `-o json`. */

/**
 * Aligns rows like kubectl's tabwriter: every column padded to its widest cell plus 3 spaces, but the last
 * (not tab-terminated) unless `trailing` (the `top` printer ends every cell with a tab); `rollout history`
 * pads with 2. `minWidth`: tabwriter's minimum cell width (kubectl's GetNewTabWriter has 6).
 */
export function alignTable(rows: string[][], trailing = false, padding = 3, minWidth = 0): string {
  const widths: number[] = [];
  const padded = (row: string[], i: number) => trailing || i < row.length - 1;
  for (const row of rows)
    row.forEach((cell, i) => {
      if (padded(row, i)) widths[i] = Math.max(widths[i] ?? 0, [...cell].length);
    });
  return rows
    .map((row) =>
      row
        .map((cell, i) =>
          padded(row, i) ? cell + ' '.repeat(Math.max(widths[i]! + padding, minWidth) - [...cell].length) : cell,
        )
        .join(''),
    )
    .map((line) => `${line}\n`)
    .join('');
}

/** `k=v,k2=v2` sorted by key, or `<none>` (labels.FormatLabels). */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${labels![k]}`).join(',') : '<none>';
}

/** A cell as Go's fmt prints it. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '<none>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v as object)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  return v;
}

/** Go's json.MarshalIndent(v, "", "    "): sorted keys, HTML-escaped. */
export function goJson(v: unknown): string {
  return `${JSON.stringify(sortKeys(v), null, 4)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')}\n`;
}

/** sigs.k8s.io/yaml's output: sorted keys, sequences not indented, YAML 1.1 quoting (timestamps, yes/no), no folding. */
export function goYaml(v: unknown): string {
  return stringify(sortKeys(v), { indentSeq: false, version: '1.1', lineWidth: 0, minContentWidth: 0 });
}
