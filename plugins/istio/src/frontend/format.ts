/** Numbers as the traffic graph shows them. */
export const rps = (v: number) =>
  v >= 10 ? `${v.toFixed(0)} rps` : v >= 0.1 ? `${v.toFixed(1)} rps` : `${v.toFixed(2)} rps`;
export const percent = (v: number) => `${(v * 100).toFixed(v > 0 && v < 0.01 ? 2 : 1)}%`;
export const ms = (v: number | null) => (v === null ? '' : `p95 ${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ms`);
