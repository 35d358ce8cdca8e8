import type { Migration } from '../migration.js';

/**
 * The smart terminal's command history, per user (issue 21): each command line run through
 * `POST /api/terminal/run` or a smart `/ws/terminal` session (never its stdin). The service keeps the newest
 * few hundred per user; deleting the user deletes the history.
 */
const sql = `
CREATE TABLE terminal_history (
  id          bigserial PRIMARY KEY,
  user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  cluster_id  uuid,
  namespace   text,
  command     text NOT NULL CHECK (length(command) BETWEEN 1 AND 8192),
  exit_code   integer,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX terminal_history_user_idx ON terminal_history (user_id, id DESC);
`;

export const terminalHistory: Migration = {
  version: 81,
  name: 'terminal-history',
  checksumSource: sql,
  async up(tx) {
    await tx.query(sql);
  },
};
