import { describe, expect, it } from 'vitest';
import { nextRunOf, parseSchedule } from './cron.js';
import { describeSchedule } from './cron-words.js';

const at = (iso: string) => new Date(iso);

describe('next run (robfig/cron v1, seconds first, UTC)', () => {
  it.each([
    // the demo's daily schedule: 02:00:00 every day
    ['0 0 2 * * *', '2026-08-20T01:59:59Z', '2026-08-20T02:00:00Z'],
    ['0 0 2 * * *', '2026-08-20T02:00:00Z', '2026-08-21T02:00:00Z'],
    ['0 0 2 * * *', '2026-12-31T03:00:00Z', '2027-01-01T02:00:00Z'],
    ['*/30 * * * * *', '2026-08-20T10:00:10.500Z', '2026-08-20T10:00:30Z'],
    ['0 */15 * * * *', '2026-08-20T10:07:00Z', '2026-08-20T10:15:00Z'],
    // Monday to Friday at 22:30
    ['0 30 22 * * mon-fri', '2026-08-21T23:00:00Z', '2026-08-24T22:30:00Z'],
    // 1st of the month OR every Sunday (both restricted: either matches)
    ['0 0 3 1 * 0', '2026-08-20T00:00:00Z', '2026-08-23T03:00:00Z'],
    // 31st only exists in some months
    ['0 0 0 31 * *', '2026-09-01T00:00:00Z', '2026-10-31T00:00:00Z'],
    // leap day
    ['0 0 0 29 2 *', '2026-03-01T00:00:00Z', '2028-02-29T00:00:00Z'],
    ['@daily', '2026-08-20T12:00:00Z', '2026-08-21T00:00:00Z'],
    ['@weekly', '2026-08-20T12:00:00Z', '2026-08-23T00:00:00Z'],
    ['@every 1h30m', '2026-08-20T12:00:00.700Z', '2026-08-20T13:30:00Z'],
    // five fields: the first is seconds, day of week defaults to *
    ['0 2 * * *', '2026-08-20T10:00:00Z', '2026-08-20T10:02:00Z'],
  ])('%s after %s is %s', (spec, after, expected) => {
    expect(nextRunOf(spec, at(after))?.toISOString()).toBe(at(expected).toISOString());
  });

  it('finds no run for a date that never comes', () => {
    expect(nextRunOf('0 0 0 30 2 *', at('2026-01-01T00:00:00Z'))).toBeUndefined();
  });
});

describe('parsing refuses what CloudNativePG refuses', () => {
  it.each([
    ['', 'empty'],
    ['0 0 2 * *  * *', 'expected 6 fields'],
    ['0 0 24 * * *', 'above 23'],
    ['0 0 2 * * 7', 'above 6'],
    ['0 0 5-2 * * *', 'backwards'],
    ['0 */0 * * * *', 'step must be positive'],
    ['x 0 0 * * *', 'not a number'],
    ['@often', 'unknown descriptor'],
    ['@every soon', 'not a duration'],
  ])('%j: %s', (spec, message) => {
    const parsed = parseSchedule(spec);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(message);
  });
});

describe('schedule in words', () => {
  it.each([
    ['0 0 2 * * *', 'Every day at 02:00 UTC'],
    ['30 15 2 * * *', 'Every day at 02:15:30 UTC'],
    ['0 0 0,12 * * *', 'Every day at 00:00 and 12:00 UTC'],
    ['0 30 22 * * 1-5', 'On Monday to Friday at 22:30 UTC'],
    ['0 0 4 * * sun', 'On Sunday at 04:00 UTC'],
    ['0 0 1 1,15 * *', 'On days 1 and 15 of the month at 01:00 UTC'],
    ['0 0 3 1 1 *', 'On day 1 of the month in January at 03:00 UTC'],
    ['0 */5 * * * *', 'Every 5 minutes'],
    ['0 * * * * *', 'Every minute'],
    ['0 0 * * * *', 'Every hour at minute 00'],
    ['0 0 */6 * * *', 'Every 6 hours at minute 00'],
    ['0 */10 9-17 * * *', 'Every 10 minutes between 09:00 and 17:59 UTC'],
    ['*/30 * * * * *', 'Every 30 seconds'],
    ['@hourly', 'Every hour at minute 00'],
    ['@every 90m', 'Every 1 hour and 30 minutes'],
  ])('%s → %s', (spec, words) => {
    expect(describeSchedule(spec)).toEqual({ text: words, valid: true });
  });

  it('warns that a five-field crontab line is read with seconds first', () => {
    const words = describeSchedule('0 2 * * *');
    expect(words.text).toBe('Every hour at minute 02');
    expect(words.warning).toMatch(/first as seconds/);
  });

  it('says why a schedule is invalid', () => {
    expect(describeSchedule('0 0 25 * * *')).toEqual({
      text: 'Not a valid schedule: hour 25 is above 23',
      valid: false,
    });
  });
});
