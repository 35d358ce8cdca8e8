import { describe, expect, it } from 'vitest';
import { crashLoopEvent } from './pipeline-test-kit.js';
import { DEFAULT_PREFERENCES, localDay, quietUntil, wants } from './preferences.js';

describe('quiet hours', () => {
  const night = { start: '22:00', end: '07:00', time_zone: 'Europe/Berlin' };

  it('spans midnight in the user’s time zone and ends at its end', () => {
    // 23:30 in Berlin (CET, UTC+1) on a winter day → quiet until 07:00 Berlin = 06:00 UTC.
    expect(quietUntil(night, new Date('2026-01-15T22:30:00Z'))?.toISOString()).toBe('2026-01-16T06:00:00.000Z');
    // 03:00 Berlin: still quiet, same end.
    expect(quietUntil(night, new Date('2026-01-16T02:00:00Z'))?.toISOString()).toBe('2026-01-16T06:00:00.000Z');
    // 12:00 Berlin: not quiet.
    expect(quietUntil(night, new Date('2026-01-16T11:00:00Z'))).toBeUndefined();
    // Exactly at the end: not quiet any more.
    expect(quietUntil(night, new Date('2026-01-16T06:00:00Z'))).toBeUndefined();
  });

  it('handles a span within one day and the night the clocks change', () => {
    const lunch = { start: '12:00', end: '13:30', time_zone: 'UTC' };
    expect(quietUntil(lunch, new Date('2026-03-01T12:10:00Z'))?.toISOString()).toBe('2026-03-01T13:30:00.000Z');
    // Berlin springs forward on 2026-03-29 (02:00 → 03:00): 07:00 CEST is 05:00 UTC.
    expect(quietUntil(night, new Date('2026-03-29T00:30:00Z'))?.toISOString()).toBe('2026-03-29T05:00:00.000Z');
  });

  it('gives the local day for the digest', () => {
    expect(localDay('America/New_York', new Date('2026-01-16T03:00:00Z'))).toEqual({
      day: '2026-01-15',
      minutes: 22 * 60,
    });
  });
});

describe('preferences scope', () => {
  const e = crashLoopEvent('e1', 'c1', 'payments', 'api', 'warning');

  it('wants warning and above by default', () => {
    expect(wants(DEFAULT_PREFERENCES, e)).toBe(true);
    expect(wants(DEFAULT_PREFERENCES, { ...e, severity: 'info' })).toBe(false);
  });

  it('narrows by cluster, namespace, type and severity', () => {
    expect(wants({ ...DEFAULT_PREFERENCES, clusters: ['c2'] }, e)).toBe(false);
    expect(wants({ ...DEFAULT_PREFERENCES, clusters: ['c1'] }, e)).toBe(true);
    expect(wants({ ...DEFAULT_PREFERENCES, namespaces: ['shipping'] }, e)).toBe(false);
    expect(wants({ ...DEFAULT_PREFERENCES, namespaces: ['payments'] }, e)).toBe(true);
    expect(wants({ ...DEFAULT_PREFERENCES, types: ['NodeNotReady'] }, e)).toBe(false);
    expect(wants({ ...DEFAULT_PREFERENCES, min_severity: 'critical' }, e)).toBe(false);
  });
});
