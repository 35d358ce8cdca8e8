/**
 * The transactional outbox: a message is a row written in the caller's transaction, so it exists exactly
 * when the state change that caused it committed. The relay (outbox-relay.ts) publishes the rows to the
 * broker after commit and deletes them once the broker accepted them.
 */
import type { Queryable } from '../../db/types.js';
import type { NotificationOutbox } from '../types.js';

/** Largest serialised message the outbox takes (a notification event is a few KiB). */
export const MAX_OUTBOX_MESSAGE_BYTES = 256 * 1024;

export class OutboxMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboxMessageError';
  }
}

export function createNotificationOutbox(): NotificationOutbox {
  return {
    async enqueue(q, message) {
      if (!message.topic || !message.key) throw new OutboxMessageError('An outbox message needs a topic and a key');
      const json = JSON.stringify(message.value);
      if (json === undefined) throw new OutboxMessageError('An outbox message value must be JSON');
      if (Buffer.byteLength(json) > MAX_OUTBOX_MESSAGE_BYTES)
        throw new OutboxMessageError(`An outbox message may not exceed ${MAX_OUTBOX_MESSAGE_BYTES} bytes`);
      await q.query('INSERT INTO notification_outbox (topic, msg_key, value) VALUES ($1, $2, $3::jsonb)', [
        message.topic,
        message.key,
        json,
      ]);
    },
  };
}

/** Writes several messages in one statement (the pipeline's stages fan out in their transactions). */
export async function enqueueMany(
  q: Queryable,
  messages: ReadonlyArray<{ topic: string; key: string; value: unknown }>,
): Promise<void> {
  if (messages.length === 0) return;
  await q.query(
    `INSERT INTO notification_outbox (topic, msg_key, value)
     SELECT t, k, v::jsonb FROM unnest($1::text[], $2::text[], $3::text[]) AS m(t, k, v)`,
    [messages.map((m) => m.topic), messages.map((m) => m.key), messages.map((m) => JSON.stringify(m.value))],
  );
}
