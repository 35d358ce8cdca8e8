import type { Migration } from '../migration.js';

/**
 * Alerts (issue 19, docs/notifications.md "Alerts"): what the alert engine raised, the Alertmanager-style groups
 * that decide when it is told (their timers are rows, so they survive a handover between replicas), and the
 * Alertmanager webhook sources (bearer tokens stored as SHA-256).
 *
 * At most one unresolved alert per fingerprint (partial unique index): two replicas that both believe they own
 * a cluster for a moment still raise it once. Resolved rows are history (`GET /api/alerts?state=resolved`).
 */
const sql = `
CREATE TABLE alert_sources (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  token_hash   text NOT NULL UNIQUE,
  token_prefix text NOT NULL,
  created_by   uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz
);
CREATE UNIQUE INDEX alert_sources_name_key ON alert_sources (lower(name));

CREATE TABLE alerts (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  fingerprint    text NOT NULL,
  source         text NOT NULL CHECK (source IN ('cluster', 'alertmanager')),
  source_id      uuid REFERENCES alert_sources (id) ON DELETE SET NULL,
  cluster_id     uuid REFERENCES clusters (id) ON DELETE CASCADE,
  namespace      text,
  type           text NOT NULL,
  severity       text NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
  state          text NOT NULL CHECK (state IN ('pending', 'firing', 'resolved')),
  group_key      text NOT NULL,
  resource_ref   jsonb,
  summary        text NOT NULL,
  labels         jsonb NOT NULL DEFAULT '{}',
  inhibited      boolean NOT NULL DEFAULT false,
  started_at     timestamptz NOT NULL DEFAULT now(),
  fired_at       timestamptz,
  resolved_at    timestamptz,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  -- the last evaluation that saw the condition (a signal absent for less than the resolve delay keeps it open)
  last_seen_at   timestamptz NOT NULL DEFAULT now(),
  notified_state text CHECK (notified_state IN ('firing', 'resolved'))
);
CREATE UNIQUE INDEX alerts_open_fingerprint ON alerts (fingerprint) WHERE state <> 'resolved';
CREATE INDEX alerts_cluster_state ON alerts (cluster_id, state, started_at DESC);
CREATE INDEX alerts_group_open ON alerts (group_key) WHERE state <> 'resolved' OR notified_state = 'firing';
CREATE INDEX alerts_resolved_at ON alerts (resolved_at) WHERE state = 'resolved';

CREATE TABLE alert_groups (
  group_key     text PRIMARY KEY,
  cluster_id    uuid REFERENCES clusters (id) ON DELETE CASCADE,
  type          text NOT NULL,
  seq           integer NOT NULL DEFAULT 0,
  next_flush_at timestamptz,
  last_flush_at timestamptz
);
CREATE INDEX alert_groups_due ON alert_groups (next_flush_at) WHERE next_flush_at IS NOT NULL;
`;

export const alerts: Migration = {
  version: 70,
  name: 'alerts',
  checksumSource: sql,
  async up(tx) {
    await tx.query(sql);
  },
};
