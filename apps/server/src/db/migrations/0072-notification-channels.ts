import type { Migration } from '../migration.js';

/**
 * Notification channels (issue 19): the contract names mail channels `smtp` (the initial schema said `email`);
 * a channel the server disabled after a permanent failure (401/404/410, refused credentials) keeps the reason
 * and time so the admin page can show them; `last_error_at` records the latest failed delivery.
 */
const sql = `
ALTER TABLE notification_channels DROP CONSTRAINT IF EXISTS notification_channels_type_check;
UPDATE notification_channels SET type = 'smtp' WHERE type = 'email';
ALTER TABLE notification_channels ADD CONSTRAINT notification_channels_type_check
  CHECK (type IN ('smtp', 'slack', 'teams', 'telegram', 'webhook'));
ALTER TABLE notification_channels
  ADD COLUMN disabled_reason text CHECK (length(disabled_reason) <= 1000),
  ADD COLUMN disabled_at timestamptz,
  ADD COLUMN last_error_at timestamptz;
`;

export const notificationChannels: Migration = {
  version: 72,
  name: 'notification-channels',
  checksumSource: sql,
  async up(tx) {
    await tx.query(sql);
  },
};
