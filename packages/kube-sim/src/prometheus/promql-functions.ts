/**
 * Prometheus's arithmetic for range functions and histograms, written after promql/functions.go and
 * promql/quantile.go: rate/increase extrapolate to the window's edges (never below zero for counters),
 * irate uses the last two samples, histogram_quantile interpolates linearly within classic buckets.
 */

/** [milliseconds, value] */
export type Sample = [number, number];

/** rate() (isRate) or increase() of counter samples within (start, end] (ms); undefined with fewer than two. */
export function extrapolatedRate(
  samples: Sample[],
  startMs: number,
  endMs: number,
  isRate: boolean,
): number | undefined {
  if (samples.length < 2) return undefined;
  const first = samples[0] as Sample;
  const last = samples[samples.length - 1] as Sample;
  let result = last[1] - first[1];
  let prev = first[1];
  for (const [, v] of samples) {
    if (v < prev) result += prev;
    prev = v;
  }
  let durationToStart = (first[0] - startMs) / 1000;
  const durationToEnd = (endMs - last[0]) / 1000;
  const sampled = (last[0] - first[0]) / 1000;
  const average = sampled / (samples.length - 1);
  if (result > 0 && first[1] >= 0) {
    const durationToZero = sampled * (first[1] / result);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }
  const threshold = average * 1.1;
  let interval = sampled;
  interval += durationToStart < threshold ? durationToStart : average / 2;
  interval += durationToEnd < threshold ? durationToEnd : average / 2;
  let factor = interval / sampled;
  if (isRate) factor /= (endMs - startMs) / 1000;
  return result * factor;
}

/** irate(): the per-second rate between the last two samples (a counter reset counts from zero). */
export function instantRate(samples: Sample[]): number | undefined {
  if (samples.length < 2) return undefined;
  const last = samples[samples.length - 1] as Sample;
  const prev = samples[samples.length - 2] as Sample;
  const dt = (last[0] - prev[0]) / 1000;
  if (dt === 0) return undefined;
  const delta = last[1] < prev[1] ? last[1] : last[1] - prev[1];
  return delta / dt;
}

export function overTime(fn: string, samples: Sample[]): number | undefined {
  if (samples.length === 0) return undefined;
  const values = samples.map((s) => s[1]);
  switch (fn) {
    case 'sum_over_time':
      return values.reduce((a, b) => a + b, 0);
    case 'avg_over_time':
      return values.reduce((a, b) => a + b, 0) / values.length;
    case 'max_over_time':
      return values.reduce((a, b) => (b > a || Number.isNaN(a) ? b : a));
    case 'min_over_time':
      return values.reduce((a, b) => (b < a || Number.isNaN(a) ? b : a));
    case 'count_over_time':
      return values.length;
    default:
      return undefined;
  }
}

export interface Bucket {
  upperBound: number;
  count: number;
}

/** The φ-quantile of classic histogram buckets (cumulative counts, one with le="+Inf"). */
export function bucketQuantile(q: number, input: Bucket[]): number {
  if (Number.isNaN(q)) return Number.NaN;
  if (q < 0) return Number.NEGATIVE_INFINITY;
  if (q > 1) return Number.POSITIVE_INFINITY;
  const sorted = [...input].sort((a, b) => a.upperBound - b.upperBound);
  if (sorted.length === 0 || (sorted[sorted.length - 1] as Bucket).upperBound !== Number.POSITIVE_INFINITY)
    return Number.NaN;
  const buckets: Bucket[] = [];
  for (const b of sorted) {
    const last = buckets[buckets.length - 1];
    if (last && last.upperBound === b.upperBound) last.count += b.count;
    else buckets.push({ ...b });
  }
  let max = Number.NEGATIVE_INFINITY;
  for (const b of buckets) {
    if (b.count > max) max = b.count;
    else if (b.count < max) b.count = max;
  }
  if (buckets.length < 2) return Number.NaN;
  const observations = (buckets[buckets.length - 1] as Bucket).count;
  if (observations === 0) return Number.NaN;
  let rank = q * observations;
  let b = buckets.findIndex((x, i) => i < buckets.length - 1 && x.count >= rank);
  if (b === -1) b = buckets.length - 1;
  if (b === buckets.length - 1) return (buckets[buckets.length - 2] as Bucket).upperBound;
  const at = buckets[b] as Bucket;
  if (b === 0 && at.upperBound <= 0) return at.upperBound;
  let start = 0;
  let count = at.count;
  if (b > 0) {
    const before = buckets[b - 1] as Bucket;
    start = before.upperBound;
    count -= before.count;
    rank -= before.count;
  }
  return start + (at.upperBound - start) * (rank / count);
}

/** A sample value as Prometheus writes it (Go's strconv.FormatFloat(v, 'f', -1, 64)). */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Number.POSITIVE_INFINITY) return '+Inf';
  if (v === Number.NEGATIVE_INFINITY) return '-Inf';
  const s = String(v);
  if (!s.includes('e')) return s;
  const [mant, expText] = s.split('e') as [string, string];
  const exp = Number(expText);
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  const point = (mant.replace('-', '').indexOf('.') + 1 || mant.replace('-', '').length + 1) - 1 + exp;
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return neg ? `-${out}` : out;
}
