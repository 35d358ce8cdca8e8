import type { Migration } from '../migration.js';

/**
 * The AI assistant (issue 20): the admin's tool permission level, confirmations a write waits on
 * (persisted so any replica, and a restarted one, can approve them; single-use, expiring, bound to the user,
 * the conversation and the hash of the exact arguments), and usage per user and day (token budget) and per
 * minute (rate limit). Expiry uses the database's clock, so replicas' clocks never disagree about it.
 */
const sql = `
CREATE TABLE ai_settings (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  tool_permission_level text NOT NULL DEFAULT 'all' CHECK (tool_permission_level IN ('all', 'read_only', 'disabled')),
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO ai_settings (id) VALUES (true);

CREATE TABLE ai_confirmations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  conversation_id uuid NOT NULL REFERENCES ai_conversations (id) ON DELETE CASCADE,
  tool_call_id text NOT NULL,
  tool text NOT NULL,
  arguments jsonb NOT NULL,
  arguments_hash text NOT NULL,
  summary text NOT NULL,
  diff text,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  decided_at timestamptz
);
CREATE INDEX ai_confirmations_user_idx ON ai_confirmations (user_id, created_at DESC);

CREATE TABLE ai_usage (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  day date NOT NULL,
  requests integer NOT NULL DEFAULT 0,
  input_tokens bigint NOT NULL DEFAULT 0,
  output_tokens bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (user_id, day)
);

CREATE TABLE ai_rate (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  minute timestamptz NOT NULL,
  count integer NOT NULL DEFAULT 0,
  PRIMARY KEY (user_id, minute)
);
`;

export const ai: Migration = {
  version: 100,
  name: 'ai',
  checksumSource: sql,
  async up(tx) {
    await tx.query(sql);
  },
};
