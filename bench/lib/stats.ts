/** The spread of a benchmark's rounds, printed next to its median ("spread 0.41–0.52× over 3 rounds"). */
export function spread(values: number[], unit: 'ratio' | 'ms' = 'ratio'): string {
  if (values.length === 0) return 'no rounds';
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const f = (n: number) => (unit === 'ms' ? `${n.toFixed(1)}` : `${n.toFixed(2)}`);
  return `spread ${f(lo)}–${f(hi)}${unit === 'ms' ? ' ms' : '×'} over ${values.length} rounds`;
}

/** The median of the rounds' values (the middle one, or the mean of the two middle ones). */
export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
