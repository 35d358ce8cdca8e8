/**
 * ScheduledBackup schedules as CloudNativePG reads them: robfig/cron v1's `cron.Parse` — six fields,
 * **seconds first** (`sec min hour day-of-month month day-of-week`; a fifth-field-only spec gets `*` as its
 * day of week), names (`jan`, `mon`), `*`/`?`, ranges, lists, steps, and the descriptors `@yearly`,
 * `@monthly`, `@weekly`, `@daily`, `@hourly` and `@every <duration>`. Times are the operator's clock (UTC).
 */

export interface CronField {
  /** The values the field matches, ascending. */
  values: number[];
  /** Whether the field is `*` or `?` (matters for the day-of-month / day-of-week rule). */
  star: boolean;
  /** As written. */
  raw: string;
}

export interface CronFields {
  second: CronField;
  minute: CronField;
  hour: CronField;
  dom: CronField;
  month: CronField;
  dow: CronField;
}

export type CronSchedule =
  | { kind: 'fields'; fields: CronFields; descriptor?: string; fieldCount: number }
  | { kind: 'every'; seconds: number; raw: string };

export type ParsedSchedule = { ok: true; schedule: CronSchedule } | { ok: false; error: string };

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const BOUNDS: Record<keyof CronFields, Bounds> = {
  second: { min: 0, max: 59 },
  minute: { min: 0, max: 59 },
  hour: { min: 0, max: 23 },
  dom: { min: 1, max: 31 },
  month: { min: 1, max: 12, names: Object.fromEntries(MONTH_NAMES.map((n, i) => [n, i + 1])) },
  dow: { min: 0, max: 6, names: Object.fromEntries(DAY_NAMES.map((n, i) => [n, i])) },
};
const ORDER: (keyof CronFields)[] = ['second', 'minute', 'hour', 'dom', 'month', 'dow'];

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 0 1 1 *',
  '@annually': '0 0 0 1 1 *',
  '@monthly': '0 0 0 1 * *',
  '@weekly': '0 0 0 * * 0',
  '@daily': '0 0 0 * * *',
  '@midnight': '0 0 0 * * *',
  '@hourly': '0 0 * * * *',
};

class CronError extends Error {}

function number(text: string, b: Bounds): number {
  const named = b.names?.[text.toLowerCase()];
  if (named !== undefined) return named;
  if (!/^\d+$/.test(text)) throw new CronError(`"${text}" is not a number`);
  return Number(text);
}

function parseField(raw: string, name: keyof CronFields): CronField {
  const b = BOUNDS[name];
  const values = new Set<number>();
  let star = false;
  for (const part of raw.split(',').filter(Boolean)) {
    const [range = '', stepText, extra] = part.split('/');
    if (extra !== undefined) throw new CronError(`too many slashes in "${part}"`);
    const [lowText = '', highText, more] = range.split('-');
    if (more !== undefined) throw new CronError(`too many hyphens in "${part}"`);
    let low: number;
    let high: number;
    if (lowText === '*' || lowText === '?') {
      [low, high, star] = [b.min, b.max, true];
    } else {
      low = number(lowText, b);
      high = highText === undefined ? low : number(highText, b);
    }
    const step = stepText === undefined ? 1 : number(stepText, { min: 0, max: 0 });
    // "N/step" means "N-max/step".
    if (stepText !== undefined && highText === undefined) high = b.max;
    if (low < b.min) throw new CronError(`${name} ${low} is below ${b.min}`);
    if (high > b.max) throw new CronError(`${name} ${high} is above ${b.max}`);
    if (low > high) throw new CronError(`range ${low}-${high} is backwards`);
    if (step === 0) throw new CronError(`step must be positive in "${part}"`);
    for (let v = low; v <= high; v += step) values.add(v);
  }
  if (values.size === 0) throw new CronError(`empty ${name} field`);
  return { values: [...values].sort((x, y) => x - y), star, raw };
}

const DURATION_UNITS: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001, us: 1e-6, µs: 1e-6, ns: 1e-9 };

/** A Go duration (`1h30m`, `90s`, `1.5h`) in seconds. */
function goDuration(text: string): number {
  const re = /(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/gy;
  let total = 0;
  let at = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    total += Number(m[1]) * (DURATION_UNITS[m[2] as string] ?? 0);
    at = re.lastIndex;
  }
  if (at !== text.length || text.length === 0) throw new CronError(`"${text}" is not a duration such as 1h30m`);
  return total;
}

export function parseSchedule(spec: string): ParsedSchedule {
  const text = spec.trim();
  try {
    if (!text) throw new CronError('the schedule is empty');
    if (text.startsWith('@every ')) {
      const seconds = Math.max(1, Math.floor(goDuration(text.slice(7).trim())));
      return { ok: true, schedule: { kind: 'every', seconds, raw: text } };
    }
    if (text.startsWith('@')) {
      const expanded = DESCRIPTORS[text];
      if (!expanded) throw new CronError(`unknown descriptor ${text}`);
      return { ok: true, schedule: { kind: 'fields', fields: parseFields(expanded), descriptor: text, fieldCount: 6 } };
    }
    const parts = text.split(/\s+/);
    if (parts.length < 5 || parts.length > 6)
      throw new CronError(`expected 6 fields (seconds first), found ${parts.length}`);
    return { ok: true, schedule: { kind: 'fields', fields: parseFields(text), fieldCount: parts.length } };
  } catch (err) {
    if (err instanceof CronError) return { ok: false, error: err.message };
    throw err;
  }
}

function parseFields(text: string): CronFields {
  const parts = text.split(/\s+/);
  if (parts.length === 5) parts.push('*');
  const out = {} as CronFields;
  ORDER.forEach((name, i) => {
    out[name] = parseField(parts[i] as string, name);
  });
  return out;
}

function dayMatches(f: CronFields, d: Date): boolean {
  const dom = f.dom.values.includes(d.getUTCDate());
  const dow = f.dow.values.includes(d.getUTCDay());
  return f.dom.star || f.dow.star ? dom && dow : dom || dow;
}

/** The first time strictly after `after` that the schedule fires (UTC), or undefined within five years. */
export function nextRun(schedule: CronSchedule, after: Date): Date | undefined {
  const start = Math.floor(after.getTime() / 1000) * 1000 + 1000;
  if (schedule.kind === 'every') return new Date(Math.floor(after.getTime() / 1000) * 1000 + schedule.seconds * 1000);
  const f = schedule.fields;
  const t = new Date(start);
  const limit = t.getUTCFullYear() + 5;
  const has = (field: CronField, v: number) => field.values.includes(v);
  // robfig/cron's walk: bump the largest field that does not match, resetting the smaller ones.
  while (t.getUTCFullYear() <= limit) {
    if (!has(f.month, t.getUTCMonth() + 1)) {
      t.setUTCMonth(t.getUTCMonth() + 1, 1);
      t.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!dayMatches(f, t)) {
      t.setUTCDate(t.getUTCDate() + 1);
      t.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!has(f.hour, t.getUTCHours())) {
      t.setUTCHours(t.getUTCHours() + 1, 0, 0, 0);
      continue;
    }
    if (!has(f.minute, t.getUTCMinutes())) {
      t.setUTCMinutes(t.getUTCMinutes() + 1, 0, 0);
      continue;
    }
    if (!has(f.second, t.getUTCSeconds())) {
      t.setUTCSeconds(t.getUTCSeconds() + 1, 0);
      continue;
    }
    return t;
  }
  return undefined;
}

/** The next run of a schedule written as text, or undefined when it does not parse or never fires. */
export function nextRunOf(spec: string, after: Date): Date | undefined {
  const parsed = parseSchedule(spec);
  return parsed.ok ? nextRun(parsed.schedule, after) : undefined;
}

export const MONTHS = [
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
export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
