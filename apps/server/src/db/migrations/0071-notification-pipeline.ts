import type { Migration } from '../migration.js';

/**
 * The notification pipeline (issue 19): the transactional outbox relayed to the broker, one in-app
 * notification per (event, user), one delivery row per (event, channel, recipient) with its retry state,
 * each user's preferences in the API's shape, and the daily digest's state.
 */
const sql = `
CREATE TABLE notification_outbox (
  id          bigserial PRIMARY KEY,
  topic       text NOT NULL,
  msg_key     text NOT NULL,
  value       jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  attempts    integer NOT NULL DEFAULT 0,
  last_error  text
);
CREATE INDEX notification_outbox_key_idx ON notification_outbox (msg_key, id);

ALTER TABLE notifications ADD COLUMN dedupe_key text;
ALTER TABLE notifications ADD COLUMN event_id text;
ALTER TABLE notifications ADD COLUMN link text;
CREATE UNIQUE INDEX notifications_dedupe_key ON notifications (dedupe_key);
CREATE INDEX notifications_user_cursor_idx ON notifications (user_id, created_at DESC, id DESC);

CREATE TABLE notification_deliveries (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  dedupe_key      text NOT NULL UNIQUE,
  event_id        text NOT NULL,
  channel_id      uuid REFERENCES notification_channels (id) ON DELETE CASCADE,
  user_id         uuid REFERENCES users (id) ON DELETE CASCADE,
  -- false: the delivery goes to the user's own address (mail without a fixed 'to'); true: to the channel's.
  shared          boolean NOT NULL DEFAULT true,
  event           jsonb NOT NULL,
  status          text NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'sending', 'sent', 'retrying', 'dead', 'skipped', 'digest', 'digested')),
  attempts        integer NOT NULL DEFAULT 0,
  -- Bumped each time the delivery is handed to a worker: a stale or duplicated hand-over is ignored.
  dispatch_seq    integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  sent_at         timestamptz
);
CREATE INDEX notification_deliveries_due_idx ON notification_deliveries (next_attempt_at)
  WHERE status IN ('pending', 'retrying', 'sending');
CREATE INDEX notification_deliveries_digest_idx ON notification_deliveries (user_id, created_at)
  WHERE status = 'digest';

CREATE TABLE notification_user_preferences (
  user_id      uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  min_severity text NOT NULL DEFAULT 'warning' CHECK (min_severity IN ('info', 'warning', 'critical')),
  channels     uuid[] NOT NULL DEFAULT '{}',
  mode         text NOT NULL DEFAULT 'immediate' CHECK (mode IN ('immediate', 'digest')),
  clusters     text[],
  namespaces   text[],
  types        text[],
  quiet_hours  jsonb,
  updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE notification_digest_runs (
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  digest_day  date NOT NULL,
  sent_at     timestamptz NOT NULL DEFAULT now(),
  items       integer NOT NULL,
  PRIMARY KEY (user_id, digest_day)
);
`;

export const notificationPipeline: Migration = {
  version: 71,
  name: 'notification-pipeline',
  checksumSource: sql,
  async up(tx) {
    await tx.query(sql);
  },
};
