/**
 * Relays the outbox to the broker. One replica relays at a time (the `notification-outbox-relay` lease,
 * handed over within its TTL when that replica dies), so the rows of a key are published in the order
 * they were written. A row is deleted only after the broker accepted it: a crash in between publishes it
 * again (at-least-once; every consumer is idempotent). While the broker is down the rows stay and the
 * relay backs off; they drain when it returns. Publishing happens outside any transaction, so a broker
 * that applies backpressure pauses the relay without holding the database.
 */
import type { Logger } from 'pino';
import type { Broker } from '../../broker/broker.js';
import type { Queryable } from '../../db/types.js';
import type { LeaseStore } from '../../ownership/lease-store.js';

export interface OutboxRelayDeps {
  db: Queryable;
  broker: Broker;
  leases: LeaseStore;
  /** This replica's id (lease holder). */
  holder: string;
  logger: Logger;
  /** Idle poll interval (default 200 ms). */
  pollMs?: number;
  /** Lease TTL: how soon another replica takes over from a dead relay (default 10 s). */
  leaseTtlMs?: number;
  batchSize?: number;
  /** Observes each relay round: published and pending rows, and failures. */
  onRound?: (r: { published: number; failed: number }) => void;
}

export interface OutboxRelay {
  start(): void;
  /** Relays what is due now (tests, and the loop). Returns how many rows were published. */
  relayOnce(): Promise<number>;
  /** Rows waiting in the outbox. */
  pending(): Promise<number>;
  stop(): Promise<void>;
}

export const RELAY_LEASE = 'notification-outbox-relay';

interface Row {
  id: string;
  topic: string;
  msg_key: string;
  value: unknown;
}

export function createOutboxRelay(deps: OutboxRelayDeps): OutboxRelay {
  const log = deps.logger.child({ component: 'outbox-relay' });
  const pollMs = deps.pollMs ?? 200;
  const ttl = deps.leaseTtlMs ?? 10_000;
  const batch = deps.batchSize ?? 500;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = false;
  let failures = 0;

  /** Until when (local clock) the lease is ours without asking, and when to ask again if it is not. */
  let heldUntil = 0;
  let askAt = 0;

  async function holdLease(): Promise<boolean> {
    const now = Date.now();
    if (now < heldUntil) return true;
    if (now < askAt) return false;
    if (await deps.leases.acquire(RELAY_LEASE, deps.holder, ttl)) {
      // Renewed at half its TTL: another replica takes it only after it expired.
      heldUntil = now + ttl / 2;
      return true;
    }
    heldUntil = 0;
    askAt = now + ttl / 4;
    return false;
  }

  async function relayOnce(): Promise<number> {
    if (!(await holdLease())) return 0;
    const res = await deps.db.query<Row>(
      'SELECT id::text AS id, topic, msg_key, value FROM notification_outbox ORDER BY id LIMIT $1',
      [batch],
    );
    if (res.rows.length === 0) return 0;
    // In order within a key, keys concurrently; a key whose publish failed stops there (order is kept).
    const byKey = new Map<string, Row[]>();
    for (const r of res.rows) byKey.set(r.msg_key, [...(byKey.get(r.msg_key) ?? []), r]);
    const done: string[] = [];
    let failed = 0;
    let lastError: string | undefined;
    await Promise.all(
      [...byKey.values()].map(async (rows) => {
        for (const r of rows) {
          try {
            await deps.broker.publish(r.topic, r.value, { key: r.msg_key });
            done.push(r.id);
          } catch (err) {
            failed++;
            lastError = (err as Error).message;
            return;
          }
        }
      }),
    );
    if (done.length > 0) await deps.db.query('DELETE FROM notification_outbox WHERE id = ANY($1::bigint[])', [done]);
    if (failed > 0) {
      await deps.db.query(
        `UPDATE notification_outbox SET attempts = attempts + 1, last_error = $2
          WHERE id = (SELECT min(id) FROM notification_outbox WHERE id = ANY($1::bigint[]))`,
        [res.rows.map((r) => r.id), lastError?.slice(0, 500) ?? null],
      );
    }
    deps.onRound?.({ published: done.length, failed });
    if (failed > 0) throw new Error(lastError ?? 'publish failed');
    return done.length;
  }

  function schedule(ms: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = relayOnce()
        .then((n) => {
          if (failures > 0) log.info({ after: failures }, 'outbox relay publishing again');
          failures = 0;
          // A full batch: go on at once; otherwise poll.
          schedule(n >= batch ? 0 : pollMs);
        })
        .catch((err) => {
          failures++;
          if (failures === 1 || failures % 50 === 0)
            log.warn({ err: (err as Error).message, failures }, 'outbox relay could not publish; rows kept');
          schedule(Math.min(pollMs * 2 ** Math.min(failures, 5), 5_000));
        });
    }, ms);
    timer.unref?.();
  }

  return {
    start() {
      stopped = false;
      schedule(0);
    },
    relayOnce,
    async pending() {
      const r = await deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM notification_outbox');
      return r.rows[0]?.n ?? 0;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
      heldUntil = 0;
      await deps.leases.release(RELAY_LEASE, deps.holder).catch(() => undefined);
    },
  };
}
