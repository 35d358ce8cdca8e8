import type { Migration } from '../migration.js';

/**
 * Recordings of web-terminal exec sessions (issue 21; only while the admin setting `terminal.recording` is on):
 * the asciicast v2 event lines of one session, keyed by the session id its audit rows carry
 * (`request_body.session`). Bounded per session (TERMINAL_RECORDING_MAX_BYTES): `truncated` says the end is
 * missing. No foreign keys: like the audit log, a recording outlives the user, cluster or pod.
 */
const sql = `
CREATE TABLE terminal_recordings (
  id          uuid PRIMARY KEY,
  user_id     uuid,
  user_email  text,
  cluster_id  uuid,
  namespace   text NOT NULL,
  pod         text NOT NULL,
  container   text,
  command     jsonb NOT NULL DEFAULT '[]',
  width       integer NOT NULL DEFAULT 80 CHECK (width > 0),
  height      integer NOT NULL DEFAULT 24 CHECK (height > 0),
  started_at  timestamptz NOT NULL DEFAULT now(),
  ended_at    timestamptz,
  size_bytes  integer NOT NULL DEFAULT 0 CHECK (size_bytes >= 0),
  truncated   boolean NOT NULL DEFAULT false,
  events      text NOT NULL DEFAULT ''
);
CREATE INDEX terminal_recordings_started_idx ON terminal_recordings (started_at DESC);
`;

export const terminalRecordings: Migration = {
  version: 80,
  name: 'terminal-recordings',
  checksumSource: sql,
  async up(tx) {
    await tx.query(sql);
  },
};
