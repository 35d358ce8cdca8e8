import { AppError } from '@argus/contracts';
import type { Database } from '../db/types.js';
import type { AccessTokens } from './access-tokens.js';
import { API_KEY_PREFIX, hashSecret } from './secret-tokens.js';
import type { Authenticator, Principal } from './types.js';

/**
 * Access tokens are checked against the database on every request: the user must still be active and the
 * token's session (refresh-token family) not revoked, so logout, reuse detection, a password change and
 * deactivation take effect at once rather than when the token expires.
 */
export function createAuthenticator(db: Database, tokens: AccessTokens): Authenticator {
  async function viaJwt(token: string): Promise<Principal> {
    const claims = await tokens.verify(token);
    const res = await db.query<{ id: string; email: string; name: string; is_active: boolean; live: boolean }>(
      `SELECT u.id, u.email, u.name, u.is_active,
              EXISTS (SELECT 1 FROM refresh_tokens t
                       WHERE t.family_id = $2 AND t.user_id = u.id AND t.revoked_at IS NULL AND t.expires_at > now()) AS live
         FROM users u WHERE u.id = $1`,
      [claims.userId, claims.sessionId],
    );
    const user = res.rows[0];
    if (!user) throw new AppError('TOKEN_INVALID', 'The access token is not valid');
    if (!user.is_active) throw new AppError('ACCOUNT_DISABLED', 'The account is disabled');
    if (!user.live) throw new AppError('TOKEN_REVOKED', 'The session has ended; sign in again');
    return { userId: user.id, email: user.email, name: user.name, via: 'jwt', sessionId: claims.sessionId };
  }

  async function viaApiKey(key: string): Promise<Principal> {
    const res = await db.query<{
      id: string;
      scope: string;
      usable: boolean;
      touch: boolean;
      user_id: string;
      email: string;
      name: string;
      is_active: boolean;
    }>(
      `SELECT k.id, k.scope, (k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now())) AS usable,
              (k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute') AS touch,
              u.id AS user_id, u.email, u.name, u.is_active
         FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.key_hash = $1`,
      [hashSecret(key)],
    );
    const row = res.rows[0];
    if (!row?.usable) throw new AppError('API_KEY_INVALID', 'The API key is not valid, revoked or expired');
    if (!row.is_active) throw new AppError('ACCOUNT_DISABLED', 'The account is disabled');
    if (row.touch) await db.query('UPDATE api_keys SET last_used_at = now() WHERE id = $1', [row.id]);
    return {
      userId: row.user_id,
      email: row.email,
      name: row.name,
      via: 'api_key',
      apiKeyId: row.id,
      apiKeyScope: row.scope === 'read' ? 'read' : 'full',
    };
  }

  return {
    authenticate(credential) {
      if (credential.length === 0 || credential.length > 4096)
        return Promise.reject(new AppError('TOKEN_INVALID', 'The credential is not valid'));
      return credential.startsWith(API_KEY_PREFIX) ? viaApiKey(credential) : viaJwt(credential);
    },
  };
}

/** The credential of a request: `Authorization: Bearer …` (JWT or API key) or `X-API-Key`. */
export function credentialFrom(headers: Record<string, string | string[] | undefined>): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string' && auth.length > 0) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (!match) throw new AppError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <token>"');
    return match[1];
  }
  const key = headers['x-api-key'];
  if (typeof key === 'string' && key.length > 0) return key.trim();
  if (Array.isArray(key)) throw new AppError('UNAUTHENTICATED', 'Send one X-API-Key header');
  return undefined;
}
