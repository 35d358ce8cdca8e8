/** A five-field cron matcher (minute hour day-of-month month day-of-week): *, lists, ranges, steps. */
const RANGES: [number, number][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 6],
];
const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

export type CronSchedule = Set<number>[];

export function parseCron(expression: string): CronSchedule | undefined {
  const fields = (MACROS[expression.trim()] ?? expression).trim().split(/\s+/);
  if (fields.length !== 5) return undefined;
  const out: CronSchedule = [];
  for (let i = 0; i < 5; i++) {
    const [lo, hi] = RANGES[i]!;
    const set = new Set<number>();
    for (const part of fields[i]!.split(',')) {
      const [range, stepText] = part.split('/');
      const step = stepText ? Number(stepText) : 1;
      let from = lo;
      let to = hi;
      if (range && range !== '*' && range !== '?') {
        const [a, b] = range.split('-');
        from = Number(a);
        to = b !== undefined ? Number(b) : stepText ? hi : from;
      }
      if (![from, to, step].every(Number.isInteger) || step < 1) return undefined;
      for (let v = from; v <= to; v += step) set.add(i === 4 && v === 7 ? 0 : v);
    }
    out.push(set);
  }
  return out;
}

export function cronMatches(schedule: CronSchedule, ms: number): boolean {
  const d = new Date(ms);
  return (
    schedule[0]!.has(d.getUTCMinutes()) &&
    schedule[1]!.has(d.getUTCHours()) &&
    schedule[2]!.has(d.getUTCDate()) &&
    schedule[3]!.has(d.getUTCMonth() + 1) &&
    schedule[4]!.has(d.getUTCDay())
  );
}

/** The latest scheduled minute in (after, upTo], scanning at most `limit` minutes back. */
export function lastScheduled(
  schedule: CronSchedule,
  after: number,
  upTo: number,
  limit = 2 * 24 * 60,
): number | undefined {
  let t = Math.floor(upTo / 60_000) * 60_000;
  for (let i = 0; i < limit && t > after; i++, t -= 60_000) if (cronMatches(schedule, t)) return t;
  return undefined;
}

export function nextScheduled(schedule: CronSchedule, from: number, limit = 8 * 24 * 60): number | undefined {
  let t = (Math.floor(from / 60_000) + 1) * 60_000;
  for (let i = 0; i < limit; i++, t += 60_000) if (cronMatches(schedule, t)) return t;
  return undefined;
}

/** A cron schedule with a seconds field (robfig/cron's 6-field form, as CNPG's ScheduledBackup uses). */
export interface SecondsCronSchedule {
  seconds: number[];
  schedule: CronSchedule;
}

/** `sec min hour dom month dow`; a 5-field expression (or a macro) runs at second 0. */
export function parseSecondsCron(expression: string): SecondsCronSchedule | undefined {
  const text = expression.trim();
  const fields = text.split(/\s+/);
  if (fields.length !== 6) {
    const schedule = parseCron(text);
    return schedule ? { seconds: [0], schedule } : undefined;
  }
  const minutes = parseCron(fields.slice(1).join(' '));
  // the seconds field has the minutes field's syntax and range
  const seconds = parseCron(`${fields[0]} 0 1 1 *`)?.[0];
  if (!minutes || !seconds || [...seconds].some((v) => v > 59)) return undefined;
  return { seconds: [...seconds].sort((a, b) => a - b), schedule: minutes };
}

/** The first scheduled instant strictly after `from` (ms), looking at most `limit` minutes ahead. */
export function nextScheduledSecond(c: SecondsCronSchedule, from: number, limit = 8 * 24 * 60): number | undefined {
  let minute = Math.floor(from / 60_000) * 60_000;
  for (let i = 0; i <= limit; i++, minute += 60_000) {
    if (!cronMatches(c.schedule, minute)) continue;
    for (const s of c.seconds) if (minute + s * 1000 > from) return minute + s * 1000;
  }
  return undefined;
}
