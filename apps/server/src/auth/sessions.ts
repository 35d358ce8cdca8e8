import { randomUUID } from 'node:crypto';
import { AppError } from '@argus/contracts';
import type { Database, Queryable } from '../db/types.js';
import type { IdentityCache } from './identity-cache.js';
import { hashSecret, newSecret, REFRESH_TOKEN_PREFIX } from './secret-tokens.js';

export interface ClientMeta {
  userAgent?: string | undefined;
  ip?: string | undefined;
}

export interface IssuedRefresh {
  token: string;
  familyId: string;
}

/**
 * Sessions are refresh-token families. Each refresh rotates the token (the old one is revoked, the new one
 * is its child); presenting a revoked token again means it leaked, and the whole family is revoked. Access
 * tokens carry the family id, so revoking a family ends its access tokens at once.
 */
export interface SessionStore {
  issue(q: Queryable, userId: string, meta: ClientMeta): Promise<IssuedRefresh>;
  rotate(token: string, meta: ClientMeta): Promise<IssuedRefresh & { userId: string }>;
  /** Revokes the family of a refresh token that belongs to userId (logout); unknown tokens are ignored. */
  revokeByToken(userId: string, token: string, reason: string): Promise<void>;
  revokeFamily(familyId: string, reason: string): Promise<void>;
  /**
   * Every session of the user, except one (the caller's own when changing a password). It may run inside
   * the caller's transaction, so the caller invalidates the identity cache once that is committed.
   */
  revokeAllForUser(q: Queryable, userId: string, reason: string, exceptFamilyId?: string): Promise<void>;
}

/** Revocations made on the store's own connection invalidate the identity cache once they are done. */
export function createSessionStore(db: Database, ttlSeconds: number, cache: IdentityCache): SessionStore {
  async function insert(
    q: Queryable,
    userId: string,
    familyId: string,
    parentId: string | null,
    meta: ClientMeta,
  ): Promise<string> {
    const token = newSecret(REFRESH_TOKEN_PREFIX);
    await q.query(
      `INSERT INTO refresh_tokens (user_id, family_id, parent_id, token_hash, expires_at, user_agent, source_ip)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5), $6, $7)`,
      [
        userId,
        familyId,
        parentId,
        hashSecret(token),
        ttlSeconds,
        meta.userAgent?.slice(0, 500) ?? null,
        meta.ip ?? null,
      ],
    );
    return token;
  }

  return {
    async issue(q, userId, meta) {
      const familyId = randomUUID();
      return { token: await insert(q, userId, familyId, null, meta), familyId };
    },

    async rotate(token, meta) {
      const outcome = await db.transaction(async (tx) => {
        const res = await tx.query<{
          id: string;
          user_id: string;
          family_id: string;
          revoked_at: Date | null;
          expired: boolean;
          is_active: boolean;
        }>(
          `SELECT t.id, t.user_id, t.family_id, t.revoked_at, t.expires_at <= now() AS expired, u.is_active
             FROM refresh_tokens t JOIN users u ON u.id = t.user_id
            WHERE t.token_hash = $1 FOR UPDATE OF t`,
          [hashSecret(token)],
        );
        const row = res.rows[0];
        if (!row) return { error: 'TOKEN_INVALID' as const };
        if (row.revoked_at) {
          await tx.query(
            `UPDATE refresh_tokens SET revoked_at = now(), revoked_reason = 'reuse_detected'
              WHERE family_id = $1 AND revoked_at IS NULL`,
            [row.family_id],
          );
          return { error: 'REFRESH_TOKEN_REUSED' as const, revokedUserId: row.user_id };
        }
        if (row.expired) return { error: 'TOKEN_EXPIRED' as const };
        if (!row.is_active) return { error: 'ACCOUNT_DISABLED' as const };
        await tx.query(`UPDATE refresh_tokens SET revoked_at = now(), revoked_reason = 'rotated' WHERE id = $1`, [
          row.id,
        ]);
        const next = await insert(tx, row.user_id, row.family_id, row.id, meta);
        return { error: undefined, token: next, familyId: row.family_id, userId: row.user_id };
      });
      if (outcome.error === 'REFRESH_TOKEN_REUSED') cache.invalidate(outcome.revokedUserId);
      if (outcome.error !== undefined) {
        const messages = {
          TOKEN_INVALID: 'The refresh token is not valid',
          REFRESH_TOKEN_REUSED: 'The refresh token was already used; the session has been revoked, sign in again',
          TOKEN_EXPIRED: 'The refresh token has expired; sign in again',
          ACCOUNT_DISABLED: 'The account is disabled',
        } as const;
        throw new AppError(outcome.error, messages[outcome.error]);
      }
      return { token: outcome.token, familyId: outcome.familyId, userId: outcome.userId };
    },

    async revokeByToken(userId, token, reason) {
      await db.query(
        `UPDATE refresh_tokens SET revoked_at = now(), revoked_reason = $3
          WHERE revoked_at IS NULL AND user_id = $2
            AND family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1)`,
        [hashSecret(token), userId, reason],
      );
      cache.invalidate(userId);
    },

    async revokeFamily(familyId, reason) {
      const res = await db.query<{ user_id: string }>(
        `UPDATE refresh_tokens SET revoked_at = now(), revoked_reason = $2
          WHERE family_id = $1 AND revoked_at IS NULL RETURNING user_id::text`,
        [familyId, reason],
      );
      for (const userId of new Set(res.rows.map((r) => r.user_id))) cache.invalidate(userId);
    },

    async revokeAllForUser(q, userId, reason, exceptFamilyId) {
      await q.query(
        `UPDATE refresh_tokens SET revoked_at = now(), revoked_reason = $2
          WHERE user_id = $1 AND revoked_at IS NULL AND ($3::uuid IS NULL OR family_id <> $3::uuid)`,
        [userId, reason, exceptFamilyId ?? null],
      );
    },
  };
}
