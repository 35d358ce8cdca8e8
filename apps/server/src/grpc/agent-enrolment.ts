/**
 * Agent identities in `agent_tokens`: single-use, expiring enrolment tokens (kind 'enrolment') that name
 * an agent-connected cluster, traded once for a per-agent credential (kind 'agent') bound to that
 * cluster. Only SHA-256 hashes are stored; the secrets are shown once. Credentials are revocable.
 */
import { createHash, randomBytes } from 'node:crypto';
import { AppError, type ErrorCode } from '@argus/contracts';
import type { Database } from '../db/types.js';

export const ENROLMENT_TOKEN_PREFIX = 'argusenr_';
export const AGENT_CREDENTIAL_PREFIX = 'argusagt_';

const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');
const secret = (prefix: string) => `${prefix}${randomBytes(32).toString('base64url')}`;

/** Why an enrolment token or credential was refused; `code` is a stable Argus error code. */
export class AgentAuthError extends Error {
  constructor(
    readonly code: Extract<
      ErrorCode,
      | 'ENROLMENT_TOKEN_INVALID'
      | 'ENROLMENT_TOKEN_USED'
      | 'ENROLMENT_TOKEN_EXPIRED'
      | 'AGENT_CREDENTIAL_INVALID'
      | 'AGENT_CREDENTIAL_REVOKED'
    >,
    message: string,
  ) {
    super(message);
    this.name = 'AgentAuthError';
  }
}

export interface IssuedToken {
  token: string;
  clusterId: string;
  clusterName: string;
  expiresAt: Date;
}

export interface Enrolled {
  clusterId: string;
  agentId: string;
  credential: string;
}

export interface AgentIdentity {
  clusterId: string;
  agentId: string;
  name: string;
}

export interface AgentEnrolment {
  /** A new enrolment token for the agent cluster of this name, created (status disconnected) if new. */
  issueToken(name: string, opts: { ttlSeconds: number; createdBy: string | null }): Promise<IssuedToken>;
  /** Spends the token (once) and returns a new credential for its cluster. */
  enrol(token: string, info: { agentName: string; kubernetesVersion: string }): Promise<Enrolled>;
  authenticate(credential: string): Promise<AgentIdentity>;
  /** Revokes every credential and unused token of the cluster; returns how many. */
  revoke(clusterId: string): Promise<number>;
  touch(agentId: string): Promise<void>;
  /** The latest last_seen_at per agent cluster. */
  lastSeen(clusterIds: string[]): Promise<Map<string, Date>>;
}

interface TokenRow {
  id: string;
  kind: 'enrolment' | 'agent';
  name: string;
  cluster_id: string | null;
  expires_at: Date | string | null;
  used_at: Date | string | null;
  revoked_at: Date | string | null;
}

export function createAgentEnrolment(db: Database): AgentEnrolment {
  return {
    async issueToken(name, opts) {
      const token = secret(ENROLMENT_TOKEN_PREFIX);
      return db.transaction(async (tx) => {
        const existing = (
          await tx.query<{ id: string; name: string; connection_type: string }>(
            'SELECT id, name, connection_type FROM clusters WHERE lower(name) = lower($1)',
            [name],
          )
        ).rows[0];
        if (existing && existing.connection_type !== 'agent') {
          throw new AppError(
            'ALREADY_EXISTS',
            `A cluster named "${existing.name}" already exists and does not use an agent`,
          );
        }
        let clusterId = existing?.id;
        if (!clusterId) {
          try {
            clusterId = (
              await tx.query<{ id: string }>(
                `INSERT INTO clusters (name, connection_type, status, status_message, created_by)
                 VALUES ($1, 'agent', 'disconnected', 'Waiting for the agent to enrol', $2) RETURNING id`,
                [name, opts.createdBy],
              )
            ).rows[0]!.id;
          } catch (err) {
            if ((err as { code?: string }).code === '23505')
              throw new AppError('ALREADY_EXISTS', `A cluster named "${name}" already exists`);
            throw err;
          }
        }
        const expiresAt = new Date(Date.now() + opts.ttlSeconds * 1000);
        await tx.query(
          `INSERT INTO agent_tokens (kind, name, cluster_id, token_hash, expires_at, created_by) VALUES ('enrolment', $1, $2, $3, $4, $5)`,
          [name, clusterId, hash(token), expiresAt, opts.createdBy],
        );
        return { token, clusterId, clusterName: existing?.name ?? name, expiresAt };
      });
    },

    async enrol(token, info) {
      const credential = secret(AGENT_CREDENTIAL_PREFIX);
      return db.transaction(async (tx) => {
        const spent = (
          await tx.query<TokenRow>(
            `UPDATE agent_tokens SET used_at = now()
             WHERE token_hash = $1 AND kind = 'enrolment' AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
             RETURNING id, kind, name, cluster_id, expires_at, used_at, revoked_at`,
            [hash(token)],
          )
        ).rows[0];
        if (!spent?.cluster_id) {
          const row = (
            await tx.query<TokenRow>(
              "SELECT id, kind, name, cluster_id, expires_at, used_at, revoked_at FROM agent_tokens WHERE token_hash = $1 AND kind = 'enrolment'",
              [hash(token)],
            )
          ).rows[0];
          if (!row || row.revoked_at || !row.cluster_id) {
            throw new AgentAuthError(
              'ENROLMENT_TOKEN_INVALID',
              'The enrolment token is not valid (unknown, revoked, or its cluster was deleted)',
            );
          }
          if (row.used_at) {
            throw new AgentAuthError(
              'ENROLMENT_TOKEN_USED',
              `The enrolment token was already used at ${new Date(row.used_at).toISOString()}; create a new one with POST /api/clusters/agent-token`,
            );
          }
          throw new AgentAuthError(
            'ENROLMENT_TOKEN_EXPIRED',
            `The enrolment token expired at ${new Date(row.expires_at ?? 0).toISOString()}; create a new one with POST /api/clusters/agent-token`,
          );
        }
        const agentId = (
          await tx.query<{ id: string }>(
            `INSERT INTO agent_tokens (kind, name, cluster_id, token_hash) VALUES ('agent', $1, $2, $3) RETURNING id`,
            [info.agentName.slice(0, 200) || spent.name, spent.cluster_id, hash(credential)],
          )
        ).rows[0]!.id;
        if (info.kubernetesVersion) {
          await tx.query('UPDATE clusters SET kubernetes_version = $2, updated_at = now() WHERE id = $1', [
            spent.cluster_id,
            info.kubernetesVersion.slice(0, 100),
          ]);
        }
        return { clusterId: spent.cluster_id, agentId, credential };
      });
    },

    async authenticate(credential) {
      if (!credential.startsWith(AGENT_CREDENTIAL_PREFIX)) {
        throw new AgentAuthError('AGENT_CREDENTIAL_INVALID', 'Not an agent credential');
      }
      const row = (
        await db.query<TokenRow>(
          "SELECT id, kind, name, cluster_id, expires_at, used_at, revoked_at FROM agent_tokens WHERE token_hash = $1 AND kind = 'agent'",
          [hash(credential)],
        )
      ).rows[0];
      if (!row?.cluster_id)
        throw new AgentAuthError(
          'AGENT_CREDENTIAL_INVALID',
          'Unknown agent credential (its cluster may have been deleted)',
        );
      if (row.revoked_at) {
        throw new AgentAuthError(
          'AGENT_CREDENTIAL_REVOKED',
          `This agent's credential was revoked at ${new Date(row.revoked_at).toISOString()}`,
        );
      }
      return { clusterId: row.cluster_id, agentId: row.id, name: row.name };
    },

    async revoke(clusterId) {
      const res = await db.query(
        `UPDATE agent_tokens SET revoked_at = now()
         WHERE cluster_id = $1 AND revoked_at IS NULL AND (kind = 'agent' OR used_at IS NULL)`,
        [clusterId],
      );
      return res.rowCount;
    },

    async touch(agentId) {
      await db.query('UPDATE agent_tokens SET last_seen_at = now() WHERE id = $1', [agentId]);
    },

    async lastSeen(clusterIds) {
      const out = new Map<string, Date>();
      if (clusterIds.length === 0) return out;
      const res = await db.query<{ cluster_id: string; seen: Date | string }>(
        `SELECT cluster_id, max(last_seen_at) AS seen FROM agent_tokens
         WHERE kind = 'agent' AND cluster_id = ANY($1::uuid[]) AND last_seen_at IS NOT NULL GROUP BY cluster_id`,
        [clusterIds],
      );
      for (const r of res.rows) out.set(r.cluster_id, new Date(r.seen));
      return out;
    },
  };
}
