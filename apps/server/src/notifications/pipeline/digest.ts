/**
 * The daily digest: a user in `digest` mode gets one message per channel per day, at `hour` o'clock in
 * their time zone (the quiet hours' zone, else UTC), listing what was collected since the last one. One
 * replica runs it at a time (the `notification-digest` lease), and `notification_digest_runs` makes each
 * (user, day) happen once even if the lease changes hands mid-run. The digest itself is a delivery like
 * any other (retries, dead letter); its items were RBAC-checked when collected and again when it is made.
 */
import type { Logger } from 'pino';
import type { Authorizer } from '../../auth/types.js';
import type { Database } from '../../db/types.js';
import type { LeaseStore } from '../../ownership/lease-store.js';
import { NOTIFICATION_TOPICS, type NotificationEvent, SEVERITIES, type Severity } from '../types.js';
import type { DeliveryMessage } from './fan-out.js';
import { enqueueMany } from './outbox.js';
import { localDay } from './preferences.js';
import { loadCandidates, visibleEvent } from './recipients.js';

export interface DigestDeps {
  db: Database;
  authorizer: Authorizer;
  leases: LeaseStore;
  holder: string;
  logger: Logger;
  /** Local hour (0–23) the digest is sent at. */
  hour: number;
  claimMs: number;
}

export const DIGEST_LEASE = 'notification-digest';
const MAX_ITEMS_LISTED = 100;

export function createDigest(deps: DigestDeps) {
  const log = deps.logger.child({ component: 'notification-digest' });

  async function runForUser(userId: string, at: Date): Promise<number> {
    const [candidate] = await loadCandidates(deps.db, userId);
    const timeZone = candidate?.preferences.quiet_hours?.time_zone ?? 'UTC';
    const { day, minutes } = localDay(timeZone, at);
    if (minutes < deps.hour * 60) return 0;
    return deps.db.transaction(async (tx) => {
      const run = await tx.query(
        `INSERT INTO notification_digest_runs (user_id, digest_day, items) VALUES ($1, $2::date, 0)
         ON CONFLICT DO NOTHING RETURNING user_id`,
        [userId, day],
      );
      if (run.rowCount === 0) return 0; // today's was sent; what came since waits for tomorrow's
      const items = await tx.query<{ channel_id: string; event: NotificationEvent }>(
        `UPDATE notification_deliveries SET status = 'digested', updated_at = now()
          WHERE user_id = $1 AND status = 'digest' AND created_at <= $2
          RETURNING channel_id::text AS channel_id, event`,
        [userId, at.toISOString()],
      );
      const byChannel = new Map<string, NotificationEvent[]>();
      for (const r of items.rows) {
        const visible = candidate ? await visibleEvent(deps.authorizer, candidate, r.event) : undefined;
        if (visible) byChannel.set(r.channel_id, [...(byChannel.get(r.channel_id) ?? []), visible]);
      }
      const dispatch: Array<{ topic: string; key: string; value: DeliveryMessage }> = [];
      let total = 0;
      for (const [channelId, events] of byChannel) {
        total += events.length;
        const event = digestEvent(userId, day, events, at);
        const res = await tx.query<{ id: string }>(
          `INSERT INTO notification_deliveries
             (dedupe_key, event_id, channel_id, user_id, shared, event, status, dispatch_seq, next_attempt_at)
           VALUES ($1, $2, $3, $4, false, $5::jsonb, 'pending', 1,
                   now() + make_interval(secs => $6::double precision / 1000))
           ON CONFLICT (dedupe_key) DO NOTHING RETURNING id::text AS id`,
          [`digest|${userId}|${day}|${channelId}`, event.id, channelId, userId, JSON.stringify(event), deps.claimMs],
        );
        const id = res.rows[0]?.id;
        if (id)
          dispatch.push({ topic: NOTIFICATION_TOPICS.deliveries, key: channelId, value: { delivery_id: id, seq: 1 } });
      }
      await enqueueMany(tx, dispatch);
      await tx.query('UPDATE notification_digest_runs SET items = $3 WHERE user_id = $1 AND digest_day = $2::date', [
        userId,
        day,
        total,
      ]);
      return total;
    });
  }

  /** Sends the digests due at `at`, if this replica holds the digest lease. Returns the items sent. */
  async function runOnce(at = new Date()): Promise<number> {
    if (!(await deps.leases.acquire(DIGEST_LEASE, deps.holder, 5 * 60_000))) return 0;
    const users = await deps.db.query<{ user_id: string }>(
      `SELECT DISTINCT user_id::text AS user_id FROM notification_deliveries WHERE status = 'digest' AND user_id IS NOT NULL`,
    );
    let sent = 0;
    for (const u of users.rows) {
      try {
        sent += await runForUser(u.user_id, at);
      } catch (err) {
        log.warn({ userId: u.user_id, err: (err as Error).message }, 'digest failed for a user');
      }
    }
    if (sent > 0) log.info({ items: sent }, 'notification digests sent');
    return sent;
  }

  return { runOnce };
}

export function digestEvent(userId: string, day: string, events: NotificationEvent[], at: Date): NotificationEvent {
  const severity = events.reduce<Severity>(
    (max, e) => (SEVERITIES.indexOf(e.severity) > SEVERITIES.indexOf(max) ? e.severity : max),
    'info',
  );
  const lines = events
    .slice(0, MAX_ITEMS_LISTED)
    .map((e) => `• [${e.severity}] ${e.title}${e.state === 'resolved' ? ' (resolved)' : ''}`);
  if (events.length > MAX_ITEMS_LISTED) lines.push(`… and ${events.length - MAX_ITEMS_LISTED} more`);
  return {
    id: `digest:${userId}:${day}`,
    type: 'digest',
    severity,
    state: 'event',
    title: `Argus daily digest for ${day}: ${events.length} notification${events.length === 1 ? '' : 's'}`,
    body: lines.join('\n'),
    link: '/notifications',
    occurred_at: at.toISOString(),
  };
}
