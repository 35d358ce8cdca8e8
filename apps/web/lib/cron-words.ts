/**
 * A CronJob's schedule as Kubernetes reads it (five fields: minute hour day-of-month month day-of-week;
 * names, `*`, `?`, ranges, lists, steps, `7` for Sunday, `@hourly`… and a `CRON_TZ=`/`TZ=` prefix), in words
 * ("Every hour at minute 00") and its next run. Times are in the CronJob's time zone (UTC unless set).
 */

interface Field {
  values: number[];
  star: boolean;
  raw: string;
}

export interface CronFields {
  minute: Field;
  hour: Field;
  dom: Field;
  month: Field;
  dow: Field;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const NAMES: Partial<Record<keyof CronFields, string[]>> = {
  month: MONTHS.map((m) => m.slice(0, 3).toLowerCase()),
  dow: WEEKDAYS.map((d) => d.slice(0, 3).toLowerCase()),
};
const BOUNDS: Record<keyof CronFields, [number, number]> = {
  minute: [0, 59],
  hour: [0, 23],
  dom: [1, 31],
  month: [1, 12],
  dow: [0, 7],
};
const ORDER: (keyof CronFields)[] = ['minute', 'hour', 'dom', 'month', 'dow'];
const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

function num(text: string, name: keyof CronFields): number {
  const names = NAMES[name];
  const i = names?.indexOf(text.toLowerCase()) ?? -1;
  if (i >= 0) return name === 'month' ? i + 1 : i;
  if (!/^\d+$/.test(text)) throw new Error(`"${text}" is not a number`);
  return Number(text);
}

function field(raw: string, name: keyof CronFields): Field {
  const [min, max] = BOUNDS[name];
  const values = new Set<number>();
  let star = false;
  for (const part of raw.split(',')) {
    const [range = '', stepText, extra] = part.split('/');
    if (extra !== undefined || part === '') throw new Error(`"${part}" is not valid`);
    const [lo = '', hi, more] = range.split('-');
    if (more !== undefined) throw new Error(`"${part}" is not valid`);
    let low: number;
    let high: number;
    if (lo === '*' || lo === '?') [low, high, star] = [min, max, stepText === undefined];
    else [low, high] = [num(lo, name), hi === undefined ? num(lo, name) : num(hi, name)];
    if (stepText !== undefined && hi === undefined && lo !== '*' && lo !== '?') high = max;
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!(step > 0) || !Number.isInteger(step)) throw new Error(`step "${stepText}" is not valid`);
    if (low < min || high > max || low > high) throw new Error(`${name} ${part} is out of range`);
    for (let v = low; v <= high; v += step) values.add(name === 'dow' && v === 7 ? 0 : v);
  }
  return { values: [...values].sort((a, b) => a - b), star, raw };
}

export type ParsedCron = { ok: true; fields: CronFields; timeZone?: string } | { ok: false; error: string };

export function parseCron(spec: string): ParsedCron {
  let text = spec.trim();
  let timeZone: string | undefined;
  const tz = /^(?:CRON_TZ|TZ)=(\S+)\s+/.exec(text);
  if (tz) {
    timeZone = tz[1];
    text = text.slice(tz[0].length);
  }
  text = DESCRIPTORS[text] ?? text;
  const parts = text.split(/\s+/);
  if (parts.length !== 5) return { ok: false, error: `expected 5 fields, found ${parts.length}` };
  try {
    const fields = Object.fromEntries(ORDER.map((n, i) => [n, field(parts[i] as string, n)])) as unknown as CronFields;
    return { ok: true, fields, ...(timeZone ? { timeZone } : {}) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

const pad = (n: number) => String(n).padStart(2, '0');
const list = (xs: string[]) => (xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);
const full = (f: Field, name: keyof CronFields) => {
  const [min, max] = BOUNDS[name];
  return f.values.length === (name === 'dow' ? 7 : max - min + 1);
};
function step(f: Field): number | undefined {
  const m = /^(?:\*|0)\/(\d+)$/.exec(f.raw);
  return m ? Number(m[1]) : undefined;
}
function spans(values: number[], name: (v: number) => string): string {
  const first = values[0] as number;
  const last = values.at(-1) as number;
  return values.length >= 3 && last - first + 1 === values.length
    ? `${name(first)} to ${name(last)}`
    : list(values.map(name));
}

function timeWords(f: CronFields): string {
  const { minute, hour } = f;
  const every = (n: number, w: string) => (n === 1 ? `every ${w}` : `every ${n} ${w}s`);
  if (minute.values.length === 1) {
    const mm = pad(minute.values[0] as number);
    if (full(hour, 'hour')) return `every hour at minute ${mm}`;
    const s = step(hour);
    if (s) return `${every(s, 'hour')} at minute ${mm}`;
    return `at ${list(hour.values.map((h) => `${pad(h)}:${mm}`))}`;
  }
  const mins = full(minute, 'minute')
    ? 'every minute'
    : step(minute)
      ? every(step(minute) as number, 'minute')
      : `at minutes ${list(minute.values.map(String))}`;
  if (full(hour, 'hour')) return mins;
  return `${mins} during hours ${spans(hour.values, (h) => `${pad(h)}:00`)}`;
}

function dayWords(f: CronFields): string {
  const { dom, dow, month } = f;
  const [anyDom, anyDow] = [full(dom, 'dom'), full(dow, 'dow')];
  const weekdays = spans(dow.values, (d) => WEEKDAYS[d] as string);
  const days = `on day${dom.values.length > 1 ? 's' : ''} ${spans(dom.values, String)} of the month`;
  let text = anyDom && anyDow ? '' : anyDom ? `on ${weekdays}` : anyDow ? days : `${days} and on ${weekdays}`;
  if (!full(month, 'month')) text += `${text ? ' ' : ''}in ${spans(month.values, (m) => MONTHS[m - 1] as string)}`;
  return text;
}

/** "Every hour at minute 00", "At 02:30 on Monday to Friday (Europe/Berlin)"; or why it is not valid. */
export function describeCron(spec: string, timeZone?: string): { text: string; valid: boolean } {
  const p = parseCron(spec);
  if (!p.ok) return { text: `Not a valid schedule: ${p.error}`, valid: false };
  const time = timeWords(p.fields);
  const days = dayWords(p.fields);
  const words = days ? `${time} ${days}` : time;
  const tz = timeZone ?? p.timeZone ?? 'UTC';
  return { text: `${words.charAt(0).toUpperCase()}${words.slice(1)} (${tz})`, valid: true };
}

/** The first run strictly after `after`, in UTC schedules (a time zone other than UTC: undefined). */
export function nextCronRun(spec: string, after: Date, timeZone?: string): Date | undefined {
  const p = parseCron(spec);
  const tz = timeZone ?? (p.ok ? p.timeZone : undefined);
  if (!p.ok || (tz && tz !== 'UTC' && tz !== 'Etc/UTC')) return undefined;
  const f = p.fields;
  const t = new Date(Math.floor(after.getTime() / 60_000) * 60_000 + 60_000);
  const limit = t.getUTCFullYear() + 5;
  const has = (x: Field, v: number) => x.values.includes(v);
  const dayOk = (d: Date) => {
    const a = has(f.dom, d.getUTCDate());
    const b = has(f.dow, d.getUTCDay());
    return f.dom.star || f.dow.star ? a && b : a || b;
  };
  while (t.getUTCFullYear() <= limit) {
    if (!has(f.month, t.getUTCMonth() + 1)) {
      t.setUTCMonth(t.getUTCMonth() + 1, 1);
      t.setUTCHours(0, 0, 0, 0);
    } else if (!dayOk(t)) {
      t.setUTCDate(t.getUTCDate() + 1);
      t.setUTCHours(0, 0, 0, 0);
    } else if (!has(f.hour, t.getUTCHours())) t.setUTCHours(t.getUTCHours() + 1, 0, 0, 0);
    else if (!has(f.minute, t.getUTCMinutes())) t.setUTCMinutes(t.getUTCMinutes() + 1, 0, 0);
    else return t;
  }
  return undefined;
}
