/** A ScheduledBackup's schedule in words ("Every day at 02:00 UTC"), as CloudNativePG reads it. */
import { type CronField, type CronFields, MONTHS, parseSchedule, WEEKDAYS } from './cron.js';

export interface ScheduleWords {
  /** The schedule in words, or why it is not valid. */
  text: string;
  valid: boolean;
  /** A likely mistake (a five-field crontab line, whose first field CloudNativePG reads as seconds). */
  warning?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function list(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** `*\/n` or `min/n` or `min-max/n` covering the whole field: the step n. */
function everyStep(f: CronField, min: number, max: number): number | undefined {
  const m = /^(?:\*|\?|(\d+))\/(\d+)$/.exec(f.raw);
  if (!m) return undefined;
  if (m[1] !== undefined && Number(m[1]) !== min) return undefined;
  const step = Number(m[2]);
  return step > 1 && f.values.length === Math.floor((max - min) / step) + 1 ? step : undefined;
}

/** Consecutive values as "a to b", else a list. */
function spans(values: number[], name: (v: number) => string): string {
  const first = values[0] as number;
  const last = values[values.length - 1] as number;
  if (values.length >= 3 && last - first + 1 === values.length) return `${name(first)} to ${name(last)}`;
  return list(values.map(name));
}

/** Whether the field matches every value (`*`, `?`; `*\/n` does not). */
function all(f: CronField, min: number, max: number): boolean {
  return f.values.length === max - min + 1;
}

function unit(n: number, word: string): string {
  return n === 1 ? word : `${n} ${word}s`;
}

/** "every 5 minutes", "every minute", "at minutes 0 and 30" … for a sub-hour field. */
function frequency(f: CronField, word: string, max: number): string {
  if (all(f, 0, max)) return `every ${word}`;
  const step = everyStep(f, 0, max);
  if (step) return `every ${unit(step, word)}`;
  return f.values.length === 1 ? `at ${word} ${f.values[0]}` : `at ${word}s ${list(f.values.map(String))}`;
}

function hoursClause(hour: CronField): string {
  if (all(hour, 0, 23)) return '';
  const step = everyStep(hour, 0, 23);
  if (step) return ` of every ${unit(step, 'hour')}`;
  const v = hour.values;
  const first = v[0] as number;
  const last = v[v.length - 1] as number;
  if (last - first + 1 === v.length) return ` between ${pad(first)}:00 and ${pad(last)}:59 UTC`;
  return ` during hours ${list(v.map((x) => `${pad(x)}:00`))} UTC`;
}

function timeOfDay(f: CronFields): { text: string; subDaily: boolean } {
  const { second, minute, hour } = f;
  const single = (x: CronField) => x.values.length === 1;
  if (single(second) && single(minute)) {
    const mm = pad(minute.values[0] as number);
    const ss = second.values[0] ? `:${pad(second.values[0])}` : '';
    if (all(hour, 0, 23))
      return { text: `every hour at minute ${mm}${ss && ` and second ${ss.slice(1)}`}`, subDaily: true };
    const step = everyStep(hour, 0, 23);
    if (step) return { text: `every ${unit(step, 'hour')} at minute ${mm}${ss}`, subDaily: true };
    if (hour.values.length <= 6)
      return { text: `at ${list(hour.values.map((x) => `${pad(x)}:${mm}${ss}`))} UTC`, subDaily: false };
    return { text: `at minute ${mm}${ss} of hours ${spans(hour.values, String)} UTC`, subDaily: true };
  }
  if (single(second)) {
    const sec = second.values[0] ? `, at second ${second.values[0]}` : '';
    return { text: `${frequency(minute, 'minute', 59)}${sec}${hoursClause(hour)}`, subDaily: true };
  }
  const minutes = all(minute, 0, 59)
    ? ''
    : ` during minute${minute.values.length > 1 ? 's' : ''} ${list(minute.values.map(String))}`;
  return { text: `${frequency(second, 'second', 59)}${minutes}${hoursClause(hour)}`, subDaily: true };
}

function days(f: CronFields): string {
  const { dom, dow, month } = f;
  const weekdays = spans(dow.values, (d) => WEEKDAYS[d] as string);
  const monthDays = `on day${dom.values.length > 1 ? 's' : ''} ${spans(dom.values, String)} of the month`;
  let text: string;
  const [anyDom, anyDow] = [all(dom, 1, 31), all(dow, 0, 6)];
  if (anyDom && anyDow) text = 'every day';
  else if (anyDom) text = `on ${weekdays}`;
  else if (anyDow) text = monthDays;
  // Both restricted: CloudNativePG's cron fires on either (unless one is a `*` step).
  else text = dom.star || dow.star ? `${monthDays} when it is ${weekdays}` : `${monthDays} and on every ${weekdays}`;
  if (!all(month, 1, 12)) text += ` in ${spans(month.values, (m) => MONTHS[m - 1] as string)}`;
  return text;
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function seconds(n: number): string {
  const parts: string[] = [];
  const units: [number, string][] = [
    [86400, 'day'],
    [3600, 'hour'],
    [60, 'minute'],
    [1, 'second'],
  ];
  let left = n;
  for (const [size, word] of units) {
    const k = Math.floor(left / size);
    if (k) parts.push(`${k} ${word}${k === 1 ? '' : 's'}`);
    left -= k * size;
  }
  return list(parts);
}

export function describeSchedule(spec: string): ScheduleWords {
  const parsed = parseSchedule(spec);
  if (!parsed.ok) return { text: `Not a valid schedule: ${parsed.error}`, valid: false };
  const s = parsed.schedule;
  if (s.kind === 'every') return { text: `Every ${seconds(s.seconds)}`, valid: true };
  const time = timeOfDay(s.fields);
  const day = days(s.fields);
  const text = day === 'every day' && time.subDaily ? sentence(time.text) : sentence(`${day} ${time.text}`);
  if (s.fieldCount === 5)
    return {
      text,
      valid: true,
      warning:
        'Five fields: CloudNativePG reads the first as seconds (sec min hour day month), not as a crontab line; add a seconds field first.',
    };
  return { text, valid: true };
}
