/**
 * Kubernetes resource quantities (`500m`, `2`, `1.5Gi`, `32763400Ki`, `1e3`): parse them into numbers and
 * format numbers as human units (cores/millicores, KiB/MiB/GiB). Self-contained (no imports) so the web bundle
 * can import it as `@argus/contracts/quantity`.
 */

const BINARY_SUFFIXES: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const DECIMAL_SUFFIXES: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]))?$/;

/**
 * The value of a quantity in its base unit (cores for CPU, bytes for memory), or `undefined` when the text
 * is not a Kubernetes quantity. Numbers pass through.
 */
export function parseQuantity(value: string | number | null | undefined): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = QUANTITY.exec(value.trim());
  if (!match) return undefined;
  const [, digits, exponent, suffix] = match;
  const base = Number(digits);
  if (!Number.isFinite(base)) return undefined;
  if (exponent) return base * 10 ** Number(exponent.slice(1));
  const factor = suffix ? (BINARY_SUFFIXES[suffix] ?? DECIMAL_SUFFIXES[suffix]) : 1;
  return factor === undefined ? undefined : base * factor;
}

/** A CPU quantity (`250m`, `2`, `1500000n`) in millicores, rounded; `undefined` when unparsable. */
export function parseCpuMillicores(value: string | number | null | undefined): number | undefined {
  const cores = parseQuantity(value);
  return cores === undefined ? undefined : Math.round(cores * 1000);
}

/** A memory quantity (`128Mi`, `1G`, `32763400Ki`) in bytes, rounded; `undefined` when unparsable. */
export function parseMemoryBytes(value: string | number | null | undefined): number | undefined {
  const bytes = parseQuantity(value);
  return bytes === undefined ? undefined : Math.round(bytes);
}

function trimNumber(value: number, digits: number): string {
  return Number(value.toFixed(digits)).toString();
}

/**
 * Millicores as people read them: below one core in millicores (`250m`), from one core in cores with up to
 * two decimals (`1.5 cores`, `1 core`). `undefined`/non-finite → `—`.
 */
export function formatCpu(millicores: number | null | undefined): string {
  if (millicores === null || millicores === undefined || !Number.isFinite(millicores)) return '—';
  const m = Math.round(millicores);
  if (Math.abs(m) < 1000) return `${m}m`;
  const cores = trimNumber(m / 1000, 2);
  return `${cores} ${cores === '1' ? 'core' : 'cores'}`;
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/**
 * Bytes in binary units with up to one decimal (`512 MiB`, `31.2 GiB`, `0 B`); never a raw `32763400Ki`.
 * `undefined`/non-finite → `—`.
 */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '—';
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const sign = bytes < 0 ? '-' : '';
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${sign}${trimNumber(value, digits)} ${BYTE_UNITS[unit]}`;
}

/** A CPU quantity string (`"3500m"`) formatted (`3.5 cores`); the raw text when it is not a quantity. */
export function formatCpuQuantity(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const m = parseCpuMillicores(value);
  return m === undefined ? String(value) : formatCpu(m);
}

/** A memory quantity string (`"32763400Ki"`) formatted (`31.2 GiB`); the raw text when it is not a quantity. */
export function formatMemoryQuantity(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const bytes = parseMemoryBytes(value);
  return bytes === undefined ? String(value) : formatBytes(bytes);
}

/** A share `used / total` as a whole percentage, or `undefined` when the total is unknown or zero. */
export function percentOf(used: number | null | undefined, total: number | null | undefined): number | undefined {
  if (used === null || used === undefined || total === null || total === undefined || !(total > 0)) {
    return undefined;
  }
  return Math.round((used / total) * 100);
}
