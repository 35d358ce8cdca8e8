/**
 * The fan-out stages of the pipeline.
 *
 * 1. `events` (keyed by object): who is told (preferences, RBAC now) → one message per user on
 *    `notifications` (keyed by user), written through the outbox in one transaction.
 * 2. `notifications` (keyed by user): the in-app notification (once per event and user: a unique key),
 *    and one delivery row per channel the user chose (once per event, channel and recipient), handed to
 *    the delivery workers through the outbox in the same transaction; then the live push.
 *
 * Both are idempotent, so a redelivered message changes nothing visible.
 */
import type { InAppNotification } from '@argus/contracts';
import type { Logger } from 'pino';
import type { Authorizer } from '../../auth/types.js';
import type { Database, Queryable } from '../../db/types.js';
import { NOTIFICATION_TOPICS, type NotificationEvent } from '../types.js';
import { type DeliverableChannel, type DeliveryChannelStore, isPerUser } from './channel-access.js';
import { enqueueMany } from './outbox.js';
import { quietUntil } from './preferences.js';
import { loadCandidates, recipientsOf, visibleEvent } from './recipients.js';

export interface UserNotificationMessage {
  user_id: string;
  event: NotificationEvent;
}

export interface DeliveryMessage {
  delivery_id: string;
  seq: number;
}

export interface FanOutDeps {
  db: Database;
  authorizer: Authorizer;
  channels: DeliveryChannelStore;
  logger: Logger;
  /** A delivery handed to a worker is its for this long before it is handed out again. */
  claimMs: number;
  /** After the in-app notification committed: push it to the user's sockets (all replicas). */
  push(userId: string, notification: InAppNotification): Promise<void>;
  now?: () => Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface NotificationRow {
  id: string;
  type: string;
  severity: InAppNotification['severity'];
  title: string;
  body: string;
  cluster_id: string | null;
  resource_ref: InAppNotification['resource_ref'];
  link: string | null;
  read_at: Date | string | null;
  created_at: Date | string;
}

const iso = (v: Date | string) => (v instanceof Date ? v.toISOString() : new Date(v).toISOString());

export function toNotification(r: NotificationRow): InAppNotification {
  return {
    id: r.id,
    type: r.type,
    severity: r.severity,
    title: r.title,
    body: r.body,
    cluster_id: r.cluster_id,
    resource_ref: r.resource_ref ?? null,
    link: r.link,
    read_at: r.read_at === null ? null : iso(r.read_at),
    created_at: iso(r.created_at),
  };
}

export const NOTIFICATION_COLUMNS = `id::text AS id, type, severity, title, body, cluster_id::text AS cluster_id,
  resource_ref, link, read_at, created_at`;

export function createFanOut(deps: FanOutDeps) {
  const log = deps.logger.child({ component: 'notification-fan-out' });
  const now = deps.now ?? (() => new Date());

  /** Stage 1: an event → one message per user who is to be told. */
  async function handleEvent(event: NotificationEvent): Promise<number> {
    const recipients = await recipientsOf(deps.db, deps.authorizer, event);
    await deps.db.transaction((tx) =>
      enqueueMany(
        tx,
        recipients.map((r) => ({
          topic: NOTIFICATION_TOPICS.notifications,
          key: r.principal.userId,
          value: { user_id: r.principal.userId, event: r.event } satisfies UserNotificationMessage,
        })),
      ),
    );
    log.debug({ eventId: event.id, type: event.type, recipients: recipients.length }, 'notification event fanned out');
    return recipients.length;
  }

  async function insertNotification(tx: Queryable, userId: string, event: NotificationEvent) {
    const clusterId = event.cluster_id ?? event.resource_ref?.cluster_id;
    const res = await tx.query<NotificationRow>(
      `INSERT INTO notifications (user_id, type, severity, title, body, cluster_id, resource_ref, dedupe_key, event_id, link)
       VALUES ($1, $2, $3, $4, $5, (SELECT id FROM clusters WHERE id = $6::uuid), $7::jsonb, $8, $9, $10)
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING ${NOTIFICATION_COLUMNS}`,
      [
        userId,
        event.type.slice(0, 200),
        event.severity,
        event.title.slice(0, 500),
        event.body.slice(0, 10_000),
        clusterId && UUID.test(clusterId) ? clusterId : null,
        event.resource_ref ? JSON.stringify(event.resource_ref) : null,
        `${event.id}|${userId}`,
        event.id,
        event.link ?? null,
      ],
    );
    return res.rows[0];
  }

  /** Stage 2: one user's notification and deliveries. */
  async function handleUserNotification(msg: UserNotificationMessage): Promise<void> {
    // Preferences and permissions as they are now (they may have changed since stage 1).
    const [candidate] = await loadCandidates(deps.db, msg.user_id);
    if (!candidate) return;
    const event = await visibleEvent(deps.authorizer, candidate, msg.event);
    if (!event) return;
    const prefs = candidate.preferences;
    const channels: DeliverableChannel[] = [];
    for (const id of prefs.channels) {
      const c = await deps.channels.getForDelivery(id).catch(() => null);
      if (c?.enabled) channels.push(c);
    }
    const quietEnd = prefs.mode === 'digest' ? undefined : quietUntil(prefs.quiet_hours, now());
    const inserted = await deps.db.transaction(async (tx) => {
      const row = await insertNotification(tx, msg.user_id, event);
      const dispatch: Array<{ topic: string; key: string; value: DeliveryMessage }> = [];
      for (const c of channels) {
        const perUser = isPerUser(c);
        const status = prefs.mode === 'digest' ? 'digest' : 'pending';
        const immediate = status === 'pending' && !quietEnd;
        const res = await tx.query<{ id: string }>(
          `INSERT INTO notification_deliveries
             (dedupe_key, event_id, channel_id, user_id, shared, event, status, dispatch_seq, next_attempt_at)
           VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8,
                   CASE WHEN $9::timestamptz IS NOT NULL THEN $9::timestamptz
                        ELSE now() + make_interval(secs => $10::double precision / 1000) END)
           ON CONFLICT (dedupe_key) DO NOTHING
           RETURNING id::text AS id`,
          [
            perUser ? `${event.id}|${c.id}|${msg.user_id}` : `${event.id}|${c.id}`,
            event.id,
            c.id,
            msg.user_id,
            !perUser,
            JSON.stringify(event),
            status,
            immediate ? 1 : 0,
            quietEnd ? quietEnd.toISOString() : status === 'digest' ? 'infinity' : null,
            immediate ? deps.claimMs : 0,
          ],
        );
        const id = res.rows[0]?.id;
        if (id && immediate)
          dispatch.push({ topic: NOTIFICATION_TOPICS.deliveries, key: c.id, value: { delivery_id: id, seq: 1 } });
      }
      await enqueueMany(tx, dispatch);
      return row;
    });
    if (inserted) {
      await deps
        .push(msg.user_id, toNotification(inserted))
        .catch((err) => log.warn({ err: (err as Error).message }, 'notification push failed'));
    }
  }

  return { handleEvent, handleUserNotification };
}
