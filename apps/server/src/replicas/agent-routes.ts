/**
 * Where each agent's tunnel lives (table `agent_routes`, migration 0090): the replica holding the stream claims
 * the cluster's row, renews it while the stream lives, and deletes it when the stream ends. A newer claim (the
 * agent reconnected to another replica) overwrites an older one; a dead replica's rows expire after the TTL,
 * judged by the database's clock.
 */
import type { Queryable } from '../db/types.js';

export interface AgentRoute {
  clusterId: string;
  replica: string;
  replicaUrl: string;
  sessionId: string;
  agentName: string | null;
  agentVersion: string | null;
  apiServer: string | null;
  connectedAt: Date;
}

export interface RouteClaim {
  clusterId: string;
  replica: string;
  replicaUrl: string;
  sessionId: string;
  agentName?: string;
  agentVersion?: string;
  apiServer?: string;
}

export interface AgentRouteStore {
  /** This replica now holds the cluster's agent (overwrites whoever held it). */
  claim(claim: RouteClaim, ttlMs: number): Promise<void>;
  /** Extends this replica's routes of these sessions; returns the cluster ids whose row is still this replica's. */
  renew(replica: string, sessions: ReadonlyMap<string, string>, ttlMs: number): Promise<string[]>;
  /** Removes the route if it is still this session's (a newer session elsewhere keeps its row). */
  release(clusterId: string, sessionId: string): Promise<void>;
  /** The live route of a cluster (undefined when none or expired). */
  lookup(clusterId: string): Promise<AgentRoute | undefined>;
  /** The live routes of several clusters, by cluster id. */
  lookupMany(clusterIds: readonly string[]): Promise<Map<string, AgentRoute>>;
}

interface Row {
  cluster_id: string;
  replica: string;
  replica_url: string;
  session_id: string;
  agent_name: string | null;
  agent_version: string | null;
  api_server: string | null;
  connected_at: Date | string;
}

const COLUMNS = 'cluster_id, replica, replica_url, session_id, agent_name, agent_version, api_server, connected_at';

const toRoute = (r: Row): AgentRoute => ({
  clusterId: r.cluster_id,
  replica: r.replica,
  replicaUrl: r.replica_url,
  sessionId: r.session_id,
  agentName: r.agent_name,
  agentVersion: r.agent_version,
  apiServer: r.api_server,
  connectedAt: new Date(r.connected_at),
});

export function createAgentRouteStore(db: Queryable): AgentRouteStore {
  return {
    async claim(c, ttlMs) {
      await db.query(
        `INSERT INTO agent_routes (cluster_id, replica, replica_url, session_id, agent_name, agent_version, api_server, expires_at)
              VALUES ($1, $2, $3, $4, $5, $6, $7, now() + make_interval(secs => $8::double precision / 1000))
         ON CONFLICT (cluster_id) DO UPDATE
                 SET replica = EXCLUDED.replica, replica_url = EXCLUDED.replica_url, session_id = EXCLUDED.session_id,
                     agent_name = EXCLUDED.agent_name, agent_version = EXCLUDED.agent_version,
                     api_server = EXCLUDED.api_server, connected_at = now(), renewed_at = now(),
                     expires_at = EXCLUDED.expires_at`,
        [
          c.clusterId,
          c.replica,
          c.replicaUrl,
          c.sessionId,
          c.agentName || null,
          c.agentVersion || null,
          c.apiServer || null,
          ttlMs,
        ],
      );
    },
    async renew(replica, sessions, ttlMs) {
      if (sessions.size === 0) return [];
      const res = await db.query<{ cluster_id: string }>(
        `UPDATE agent_routes r
            SET renewed_at = now(), expires_at = now() + make_interval(secs => $2::double precision / 1000)
           FROM unnest($3::uuid[], $4::text[]) AS s(cluster_id, session_id)
          WHERE r.cluster_id = s.cluster_id AND r.session_id = s.session_id AND r.replica = $1
         RETURNING r.cluster_id`,
        [replica, ttlMs, [...sessions.keys()], [...sessions.values()]],
      );
      return res.rows.map((r) => r.cluster_id);
    },
    async release(clusterId, sessionId) {
      await db.query('DELETE FROM agent_routes WHERE cluster_id = $1 AND session_id = $2', [clusterId, sessionId]);
    },
    async lookup(clusterId) {
      const res = await db.query<Row>(
        `SELECT ${COLUMNS} FROM agent_routes WHERE cluster_id = $1 AND expires_at > now()`,
        [clusterId],
      );
      return res.rows[0] ? toRoute(res.rows[0]) : undefined;
    },
    async lookupMany(clusterIds) {
      if (clusterIds.length === 0) return new Map();
      const res = await db.query<Row>(
        `SELECT ${COLUMNS} FROM agent_routes WHERE cluster_id = ANY($1::uuid[]) AND expires_at > now()`,
        [clusterIds],
      );
      return new Map(res.rows.map((r) => [r.cluster_id, toRoute(r)]));
    },
  };
}
