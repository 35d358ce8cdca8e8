/**
 * Channel deliveries. A worker takes a delivery handed to it (a `deliveries` or `retry` message naming
 * the row and its hand-over number), claims it in the database (a stale or duplicated hand-over claims
 * nothing), asks RBAC again whether the recipient may still read the object, sends it, and records the
 * outcome: sent; retry after the peer's Retry-After or exponential backoff; or, when the channel will
 * never work (401/403/404/410) or the attempts are exhausted, dead: the channel is disabled with the
 * reason (permanent) and the delivery goes to the dead-letter topic. The idempotency key is the row's id,
 * so a redelivery (a replica killed between send and commit) carries the same webhook-id / Message-ID.
 *
 * The scheduler hands out what is due (retries, quiet hours' end, deliveries whose worker died) through
 * the outbox on the `retry` topic; replicas share that with `FOR UPDATE SKIP LOCKED`.
 */
import type { Logger } from 'pino';
import type { Authorizer } from '../../auth/types.js';
import type { Database } from '../../db/types.js';
import { type DeliveryOutcome, NOTIFICATION_TOPICS, type NotificationEvent, type OutgoingMessage } from '../types.js';
import type { DeliveryChannelStore, DeliverySenders } from './channel-access.js';
import type { DeliveryMessage } from './fan-out.js';
import { enqueueMany } from './outbox.js';
import { loadCandidates, visibleEvent } from './recipients.js';

export interface DeliveryWorkerDeps {
  db: Database;
  authorizer: Authorizer;
  channels: DeliveryChannelStore;
  senders: DeliverySenders;
  logger: Logger;
  /** Attempts before a delivery is dead-lettered. */
  maxAttempts: number;
  /** First retry delay; doubles per attempt (capped at 15 min) unless the peer said Retry-After. */
  retryBaseMs: number;
  claimMs: number;
  /** Per send. */
  sendTimeoutMs: number;
  publicUrl?: string;
  onOutcome?: (status: DeliveryOutcome['status'] | 'skipped' | 'dead') => void;
}

interface Claimed {
  id: string;
  channel_id: string | null;
  user_id: string | null;
  shared: boolean;
  event: NotificationEvent;
  attempts: number;
  dispatch_seq: number;
  email: string | null;
  name: string | null;
}

const MAX_RETRY_DELAY_MS = 15 * 60_000;
const MAX_RETRY_AFTER_MS = 60 * 60_000;

export function backoffMs(base: number, attempt: number): number {
  return Math.min(base * 2 ** Math.max(0, attempt - 1), MAX_RETRY_DELAY_MS);
}

export function createDeliveryWorker(deps: DeliveryWorkerDeps) {
  const log = deps.logger.child({ component: 'notification-delivery' });

  async function finish(
    row: Claimed,
    status: 'sent' | 'retrying' | 'dead' | 'skipped',
    error: string | null,
    delayMs = 0,
  ): Promise<void> {
    await deps.db.transaction(async (tx) => {
      const res = await tx.query(
        `UPDATE notification_deliveries
            SET status = $3, last_error = $4, updated_at = now(),
                sent_at = CASE WHEN $3 = 'sent' THEN now() ELSE sent_at END,
                next_attempt_at = now() + make_interval(secs => $5::double precision / 1000)
          WHERE id = $1 AND dispatch_seq = $2 AND status = 'sending'`,
        [row.id, row.dispatch_seq, status, error?.slice(0, 1000) ?? null, delayMs],
      );
      if (status === 'dead' && res.rowCount > 0) {
        await enqueueMany(tx, [
          {
            topic: NOTIFICATION_TOPICS.deadLetter,
            key: row.channel_id ?? row.id,
            value: {
              delivery_id: row.id,
              event_id: row.event.id,
              channel_id: row.channel_id,
              user_id: row.user_id,
              attempts: row.attempts,
              reason: error,
            },
          },
        ]);
      }
    });
    deps.onOutcome?.(status === 'retrying' ? 'retry' : status);
  }

  async function handle(msg: DeliveryMessage): Promise<void> {
    const claimed = await deps.db.query<Claimed>(
      `WITH claimed AS (
         UPDATE notification_deliveries
            SET status = 'sending', attempts = attempts + 1, updated_at = now(),
                next_attempt_at = now() + make_interval(secs => $3::double precision / 1000)
          WHERE id = $1 AND dispatch_seq = $2 AND status IN ('pending', 'retrying')
          RETURNING *)
       SELECT c.id::text AS id, c.channel_id::text AS channel_id, c.user_id::text AS user_id, c.shared, c.event,
              c.attempts, c.dispatch_seq, u.email, u.name
         FROM claimed c LEFT JOIN users u ON u.id = c.user_id`,
      [msg.delivery_id, msg.seq, deps.claimMs],
    );
    const row = claimed.rows[0];
    if (!row) return; // sent already, or handed out again since: nothing to do
    if (!row.channel_id || !row.user_id) return finish(row, 'skipped', 'channel or recipient deleted');

    // RBAC again, now: the recipient must still be active and allowed to read what this is about.
    let event = row.event;
    if (event.type !== 'digest') {
      const [candidate] = await loadCandidates(deps.db, row.user_id);
      const visible = candidate ? await visibleEvent(deps.authorizer, candidate, event) : undefined;
      if (!visible) return finish(row, 'skipped', 'the recipient may no longer read this');
      event = visible;
    }
    const channel = await deps.channels.getForDelivery(row.channel_id);
    if (!channel) return finish(row, 'skipped', 'channel deleted');
    if (!channel.enabled) return finish(row, 'skipped', `channel disabled: ${channel.disabled_reason ?? ''}`.trim());

    const message: OutgoingMessage = {
      idempotencyKey: row.id,
      event,
      ...(row.shared
        ? {}
        : {
            recipient: { userId: row.user_id, ...(row.email ? { email: row.email } : {}), displayName: row.name ?? '' },
          }),
      ...(deps.publicUrl && event.link ? { url: new URL(event.link, deps.publicUrl).toString() } : {}),
    };
    let outcome: DeliveryOutcome;
    let timer: NodeJS.Timeout | undefined;
    // A sender that ignores its abort signal must not hold this consumer (and the channel's key) forever.
    const stuck = new Promise<DeliveryOutcome>((resolve) => {
      timer = setTimeout(
        () => resolve({ status: 'retry', reason: 'the send did not finish in time' }),
        deps.sendTimeoutMs + 5_000,
      );
    });
    try {
      outcome = await Promise.race([
        deps.senders
          .get(channel.type)
          .send(channel.config, message, { signal: AbortSignal.timeout(deps.sendTimeoutMs) }),
        stuck,
      ]);
    } catch (err) {
      // Senders do not throw for a peer's answer; anything else is retried like a network error.
      outcome = { status: 'retry', reason: `sender failed: ${(err as Error).message}` };
    } finally {
      clearTimeout(timer);
    }
    const fields = { deliveryId: row.id, channelId: channel.id, type: channel.type, attempt: row.attempts };
    if (outcome.status === 'sent') {
      log.debug(fields, 'notification delivered');
      return finish(row, 'sent', null);
    }
    if (outcome.status === 'permanent') {
      log.warn({ ...fields, reason: outcome.reason }, 'notification channel failed permanently: disabled');
      await deps.channels.disable(channel.id, outcome.reason);
      return finish(row, 'dead', outcome.reason);
    }
    if (row.attempts >= deps.maxAttempts) {
      log.warn({ ...fields, reason: outcome.reason }, 'notification delivery exhausted its attempts: dead-lettered');
      return finish(row, 'dead', `${outcome.reason} (after ${row.attempts} attempts)`);
    }
    const delay =
      outcome.retryAfterMs !== undefined
        ? Math.min(Math.max(0, outcome.retryAfterMs), MAX_RETRY_AFTER_MS)
        : backoffMs(deps.retryBaseMs, row.attempts);
    log.info({ ...fields, reason: outcome.reason, delayMs: delay }, 'notification delivery will be retried');
    return finish(row, 'retrying', outcome.reason, delay);
  }

  /** Hands out what is due: retries, the end of quiet hours, deliveries whose worker died. */
  async function dispatchDue(limit = 200): Promise<number> {
    return deps.db.transaction(async (tx) => {
      const due = await tx.query<{ id: string; channel_id: string | null; dispatch_seq: number }>(
        `WITH due AS (
           SELECT id FROM notification_deliveries
            WHERE status IN ('pending', 'retrying', 'sending') AND next_attempt_at <= now()
            ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
         UPDATE notification_deliveries d
            SET status = CASE WHEN d.status = 'sending' THEN 'retrying' ELSE d.status END,
                dispatch_seq = d.dispatch_seq + 1, updated_at = now(),
                next_attempt_at = now() + make_interval(secs => $2::double precision / 1000)
           FROM due WHERE d.id = due.id
         RETURNING d.id::text AS id, d.channel_id::text AS channel_id, d.dispatch_seq`,
        [limit, deps.claimMs],
      );
      await enqueueMany(
        tx,
        due.rows.map((r) => ({
          topic: NOTIFICATION_TOPICS.retry,
          key: r.channel_id ?? r.id,
          value: { delivery_id: r.id, seq: r.dispatch_seq } satisfies DeliveryMessage,
        })),
      );
      return due.rows.length;
    });
  }

  return { handle, dispatchDue };
}
