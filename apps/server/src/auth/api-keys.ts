import { type ApiKey, AppError, type CreateApiKeyRequest, type CreatedApiKey } from '@argus/contracts';
import type { Database } from '../db/types.js';
import { apiKeyCacheOwner } from './authenticator.js';
import { isUniqueViolation } from './db-errors.js';
import type { IdentityCache } from './identity-cache.js';
import { API_KEY_PREFIX, hashSecret, newSecret } from './secret-tokens.js';

/** A user's own API keys: shown once at creation, stored as SHA-256, listed by prefix, revocable. */
export interface ApiKeyService {
  create(userId: string, input: CreateApiKeyRequest): Promise<CreatedApiKey>;
  list(userId: string): Promise<ApiKey[]>;
  revoke(userId: string, id: string): Promise<void>;
  /**
   * Removes a key Argus made for itself on the user's behalf (a tool's or an operation's short-lived key through
   * the gateway) once it is done: gone at once, and not left in the user's list as a revoked key.
   */
  discard(userId: string, id: string): Promise<void>;
}

interface Row {
  id: string;
  name: string;
  scope: 'full' | 'read';
  prefix: string;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
  created_at: Date;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const view = (r: Row): ApiKey => ({
  id: r.id,
  name: r.name,
  scope: r.scope,
  prefix: r.prefix,
  expires_at: iso(r.expires_at),
  last_used_at: iso(r.last_used_at),
  revoked_at: iso(r.revoked_at),
  created_at: iso(r.created_at) ?? '',
});
const COLUMNS = 'id::text, name, scope, prefix, expires_at, last_used_at, revoked_at, created_at';

export function createApiKeyService(db: Database, cache: IdentityCache): ApiKeyService {
  return {
    async create(userId, input) {
      let expiresAt: Date | null = null;
      if (input.expires_at) expiresAt = new Date(input.expires_at);
      else if (input.expires_in_days) expiresAt = new Date(Date.now() + input.expires_in_days * 86_400_000);
      if (expiresAt && expiresAt.getTime() <= Date.now())
        throw new AppError('VALIDATION_FAILED', 'expires_at must be in the future');
      const key = newSecret(API_KEY_PREFIX);
      try {
        const res = await db.query<Row>(
          `INSERT INTO api_keys (user_id, name, prefix, key_hash, scope, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
          [userId, input.name, key.slice(0, API_KEY_PREFIX.length + 6), hashSecret(key), input.scope, expiresAt],
        );
        return { ...view(res.rows[0]!), key };
      } catch (err) {
        if (isUniqueViolation(err))
          throw new AppError('ALREADY_EXISTS', `You already have an API key named "${input.name}"`);
        throw err;
      }
    },
    async list(userId) {
      const res = await db.query<Row>(
        `SELECT ${COLUMNS} FROM api_keys WHERE user_id = $1 ORDER BY created_at DESC, id`,
        [userId],
      );
      return res.rows.map(view);
    },
    async revoke(userId, id) {
      const res = await db.query<{ key_hash: string }>(
        'UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 AND user_id = $2 RETURNING key_hash',
        [id, userId],
      );
      const row = res.rows[0];
      if (!row) throw new AppError('NOT_FOUND', 'API key not found');
      cache.invalidate(apiKeyCacheOwner(row.key_hash));
    },
    async discard(userId, id) {
      const res = await db.query<{ key_hash: string }>(
        'DELETE FROM api_keys WHERE id = $1 AND user_id = $2 RETURNING key_hash',
        [id, userId],
      );
      const row = res.rows[0];
      if (row) cache.invalidate(apiKeyCacheOwner(row.key_hash));
    },
  };
}
