/** Enough of Kubernetes' `resource.Quantity` for describe's sums: parse, add, print canonically. */
const SUFFIX: Record<string, [number, number]> = {
  // suffix → [base, exponent]
  Ki: [1024, 1],
  Mi: [1024, 2],
  Gi: [1024, 3],
  Ti: [1024, 4],
  Pi: [1024, 5],
  Ei: [1024, 6],
  n: [10, -9],
  u: [10, -6],
  m: [10, -3],
  '': [10, 0],
  k: [10, 3],
  M: [10, 6],
  G: [10, 9],
  T: [10, 12],
  P: [10, 15],
  E: [10, 18],
};

export interface Quantity {
  /** The value in milli-units (exact for the values describe meets). */
  milli: number;
  binary: boolean;
}

export function parseQuantity(v: unknown): Quantity | undefined {
  if (v === undefined || v === null) return undefined;
  const m = /^([+-]?[0-9.]+)(e[+-]?\d+|E[+-]?\d+)?([a-zA-Z]*)$/.exec(String(v).trim());
  if (!m) return undefined;
  let value = Number(m[1]);
  if (m[2]) value *= 10 ** Number(m[2].slice(1));
  const suffix = m[2] ? '' : (m[3] ?? '');
  const s = SUFFIX[suffix];
  if (!s) return undefined;
  value *= s[0] ** s[1];
  return { milli: Math.round(value * 1000), binary: s[0] === 1024 };
}

export const addQuantity = (a: Quantity | undefined, b: Quantity): Quantity =>
  a ? { milli: a.milli + b.milli, binary: a.binary } : { ...b };

/** Quantity.String(): binary suffixes when exact (and ≥ 1024), else decimal with the largest exact suffix. */
export function formatQuantity(q: Quantity | undefined): string {
  if (!q || q.milli === 0) return '0';
  const sign = q.milli < 0 ? '-' : '';
  const milli = Math.abs(q.milli);
  if (q.binary && milli % 1000 === 0 && milli / 1000 >= 1024) {
    let n = milli / 1000;
    let i = 0;
    const names = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
    while (n % 1024 === 0 && i < names.length - 1) {
      n /= 1024;
      i++;
    }
    return `${sign}${n}${names[i]}`;
  }
  if (milli % 1000 !== 0) return `${sign}${milli}m`;
  let n = milli / 1000;
  let i = 0;
  const names = ['', 'k', 'M', 'G', 'T', 'P', 'E'];
  while (n % 1000 === 0 && i < names.length - 1) {
    n /= 1000;
    i++;
  }
  return `${sign}${n}${names[i]}`;
}
