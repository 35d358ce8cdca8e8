/**
 * Each user's notification preferences (table `notification_user_preferences`, the API's shape). A user
 * without a row has the defaults: warning and above, in-app only (no channels), immediate, every cluster,
 * namespace and type the user may read, no quiet hours.
 */
import { AppError, type NotificationPreferences } from '@argus/contracts';
import type { Queryable } from '../../db/types.js';
import { type NotificationEvent, SEVERITIES, type Severity } from '../types.js';

export const DEFAULT_PREFERENCES: NotificationPreferences = {
  min_severity: 'warning',
  channels: [],
  mode: 'immediate',
  clusters: null,
  namespaces: null,
  types: null,
  quiet_hours: null,
};

export interface PreferenceRow {
  min_severity: Severity;
  channels: string[];
  mode: 'immediate' | 'digest';
  clusters: string[] | null;
  namespaces: string[] | null;
  types: string[] | null;
  quiet_hours: NotificationPreferences['quiet_hours'];
}

/** The stored preferences; channels deleted since are left out. */
export const PREFERENCE_COLUMNS = `p.min_severity,
  ARRAY(SELECT ch::text FROM unnest(p.channels) AS ch
         WHERE EXISTS (SELECT 1 FROM notification_channels nc WHERE nc.id = ch)) AS channels,
  p.mode, p.clusters, p.namespaces, p.types, p.quiet_hours`;

export function preferencesOf(row: Partial<PreferenceRow> | undefined): NotificationPreferences {
  if (!row?.min_severity) return { ...DEFAULT_PREFERENCES };
  return {
    min_severity: row.min_severity,
    channels: row.channels ?? [],
    mode: row.mode ?? 'immediate',
    clusters: row.clusters ?? null,
    namespaces: row.namespaces ?? null,
    types: row.types ?? null,
    quiet_hours: row.quiet_hours ?? null,
  };
}

export interface PreferencesStore {
  get(userId: string): Promise<NotificationPreferences>;
  /** Validates the channel ids (they must exist) and stores; returns what is stored. */
  put(userId: string, prefs: NotificationPreferences): Promise<NotificationPreferences>;
}

export function createPreferencesStore(db: Queryable): PreferencesStore {
  return {
    async get(userId) {
      const r = await db.query<PreferenceRow>(
        `SELECT ${PREFERENCE_COLUMNS} FROM notification_user_preferences p WHERE p.user_id = $1`,
        [userId],
      );
      return preferencesOf(r.rows[0]);
    },
    async put(userId, prefs) {
      const channels = [...new Set(prefs.channels)];
      if (channels.length > 0) {
        const found = await db.query<{ id: string }>(
          'SELECT id::text AS id FROM notification_channels WHERE id = ANY($1::uuid[])',
          [channels],
        );
        const known = new Set(found.rows.map((r) => r.id));
        const unknown = channels.filter((c) => !known.has(c));
        if (unknown.length > 0) {
          throw new AppError('VALIDATION_FAILED', `Unknown notification channel: ${unknown.join(', ')}`, {
            details: { issues: [{ path: 'channels', message: `unknown channel ${unknown.join(', ')}` }] },
          });
        }
      }
      const stored = { ...DEFAULT_PREFERENCES, ...prefs, channels };
      await db.query(
        `INSERT INTO notification_user_preferences
           (user_id, min_severity, channels, mode, clusters, namespaces, types, quiet_hours, updated_at)
         VALUES ($1, $2, $3::uuid[], $4, $5::text[], $6::text[], $7::text[], $8::jsonb, now())
         ON CONFLICT (user_id) DO UPDATE SET min_severity = EXCLUDED.min_severity, channels = EXCLUDED.channels,
           mode = EXCLUDED.mode, clusters = EXCLUDED.clusters, namespaces = EXCLUDED.namespaces,
           types = EXCLUDED.types, quiet_hours = EXCLUDED.quiet_hours, updated_at = now()`,
        [
          userId,
          stored.min_severity,
          stored.channels,
          stored.mode,
          stored.clusters ?? null,
          stored.namespaces ?? null,
          stored.types ?? null,
          stored.quiet_hours ? JSON.stringify(stored.quiet_hours) : null,
        ],
      );
      return stored;
    },
  };
}

const rank = (s: Severity) => SEVERITIES.indexOf(s);

/** Whether an event is in the scope of a user's preferences (RBAC is checked separately). */
export function wants(prefs: NotificationPreferences, event: NotificationEvent): boolean {
  // A resolution follows whatever fired, so it passes the severity bar the firing passed.
  if (rank(event.severity) < rank(prefs.min_severity)) return false;
  if (prefs.types && prefs.types.length > 0 && !prefs.types.includes(event.type)) return false;
  const clusterId = event.cluster_id ?? event.resource_ref?.cluster_id;
  if (prefs.clusters && prefs.clusters.length > 0 && (!clusterId || !prefs.clusters.includes(clusterId))) return false;
  if (prefs.namespaces && prefs.namespaces.length > 0) {
    const namespaces = new Set<string>();
    if (event.resource_ref?.namespace) namespaces.add(event.resource_ref.namespace);
    for (const a of event.alerts ?? []) if (a.resource_ref?.namespace) namespaces.add(a.resource_ref.namespace);
    if (![...namespaces].some((n) => prefs.namespaces!.includes(n))) return false;
  }
  return true;
}

const clocks = new Map<string, Intl.DateTimeFormat>();

function minutesIn(timeZone: string, at: Date): number {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    if (clocks.size < 1000) clocks.set(timeZone, clock);
  }
  let hour = 0;
  let minute = 0;
  for (const p of clock.formatToParts(at)) {
    if (p.type === 'hour') hour = Number(p.value);
    else if (p.type === 'minute') minute = Number(p.value);
  }
  return hour * 60 + minute;
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function isQuiet(quiet: NonNullable<NotificationPreferences['quiet_hours']>, at: Date): boolean {
  const start = toMinutes(quiet.start);
  const end = toMinutes(quiet.end);
  const now = minutesIn(quiet.time_zone, at);
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/**
 * When quiet hours are on at `at`, the moment they end (to the minute); otherwise undefined. Handles
 * spans across midnight (22:00–07:00) and the nights the clocks change (the estimate from local minutes
 * is corrected minute by minute to the first minute outside the span).
 */
export function quietUntil(quiet: NotificationPreferences['quiet_hours'], at: Date): Date | undefined {
  if (!quiet || !isQuiet(quiet, at)) return undefined;
  const now = minutesIn(quiet.time_zone, at);
  const wait = (toMinutes(quiet.end) - now + 24 * 60) % (24 * 60);
  const minute = 60_000;
  let t = new Date(Math.floor(at.getTime() / minute) * minute + wait * minute);
  for (let i = 0; i < 120 && isQuiet(quiet, t); i++) t = new Date(t.getTime() + minute);
  for (let i = 0; i < 120; i++) {
    const before = new Date(t.getTime() - minute);
    if (before.getTime() <= at.getTime() || isQuiet(quiet, before)) break;
    t = before;
  }
  return t;
}

/** The calendar day (YYYY-MM-DD) and the minutes since midnight at `at` in a time zone. */
export function localDay(timeZone: string, at: Date): { day: string; minutes: number } {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    at,
  );
  return { day, minutes: minutesIn(timeZone, at) };
}
