import type { Migration } from '../migration.js';

/**
 * Agent routes: which replica holds each agent's tunnel, and the internal address other replicas forward that
 * cluster's requests to. The holder renews its rows while the stream lives; a dead replica's rows expire
 * (judged by the database's clock) and the agent reconnecting elsewhere overwrites them.
 */
const sql = `
CREATE TABLE agent_routes (
  cluster_id    uuid PRIMARY KEY REFERENCES clusters(id) ON DELETE CASCADE,
  replica       text NOT NULL,
  replica_url   text NOT NULL,
  session_id    text NOT NULL,
  agent_name    text,
  agent_version text,
  api_server    text,
  connected_at  timestamptz NOT NULL DEFAULT now(),
  renewed_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL
);
CREATE INDEX agent_routes_replica ON agent_routes (replica);
`;

export const agentRoutes: Migration = {
  version: 90,
  name: 'agent-routes',
  checksumSource: sql,
  async up(tx) {
    await tx.query(sql);
  },
};
