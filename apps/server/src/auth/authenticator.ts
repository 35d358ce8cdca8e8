import { AppError } from '@argus/contracts';
import type { Database } from '../db/types.js';
import type { AccessTokens } from './access-tokens.js';
import type { IdentityCache } from './identity-cache.js';
import { API_KEY_PREFIX, hashSecret } from './secret-tokens.js';
import type { Authenticator, Principal } from './types.js';

const ms = (d: Date | string | null): number | null => (d === null ? null : new Date(d).getTime());

interface SessionCheck {
  email: string;
  name: string;
  isActive: boolean;
  /** When the session's live refresh token expires (ms); null when the session is revoked or unknown. */
  liveUntil: number | null;
}

/** The session's refresh token is still live (not revoked, not expired). */
const sessionLive = (s: SessionCheck): boolean => s.liveUntil !== null && s.liveUntil > Date.now();

interface KeyCheck {
  id: string;
  userId: string;
  scope: 'full' | 'read';
  revoked: boolean;
  expiresAt: number | null;
}

/**
 * Access tokens are checked against the user and session on every request: the user must still be active
 * and the token's session (refresh-token family) not revoked, so logout, reuse detection, a password change
 * and deactivation take effect at once rather than when the token expires. The answers come from the
 * identity cache (one query per user and session per TTL), which every such change invalidates on this
 * server; another replica's change is seen within the cache's TTL. Expiry is checked on every request.
 */
export function createAuthenticator(db: Database, tokens: AccessTokens, cache: IdentityCache): Authenticator {
  async function loadSession(userId: string, sessionId: string): Promise<SessionCheck | undefined> {
    const res = await db.query<{ email: string; name: string; is_active: boolean; live_until: Date | null }>(
      `SELECT u.email, u.name, u.is_active,
              (SELECT max(t.expires_at) FROM refresh_tokens t
                WHERE t.family_id = $2 AND t.user_id = u.id AND t.revoked_at IS NULL) AS live_until
         FROM users u WHERE u.id = $1`,
      [userId, sessionId],
    );
    const row = res.rows[0];
    return row && { email: row.email, name: row.name, isActive: row.is_active, liveUntil: ms(row.live_until) };
  }

  async function viaJwt(token: string): Promise<Principal> {
    const { userId, sessionId } = await tokens.verify(token);
    return viaSession(userId, sessionId);
  }

  async function viaSession(userId: string, sessionId: string): Promise<Principal> {
    const user = await cache.get(userId, `session:${sessionId}`, () => loadSession(userId, sessionId));
    if (!user) throw new AppError('TOKEN_INVALID', 'The access token is not valid');
    if (!user.isActive) throw new AppError('ACCOUNT_DISABLED', 'The account is disabled');
    if (!sessionLive(user)) throw new AppError('TOKEN_REVOKED', 'The session has ended; sign in again');
    return { userId, email: user.email, name: user.name, via: 'jwt', sessionId };
  }

  /**
   * The same checks as viaJwt, from what is already known (a token verified before, a cached session):
   * a principal only when every check passes; anything else (not known yet, refused) is left to authenticate,
   * which answers with the reason.
   */
  function known(credential: string): Principal | undefined {
    if (credential.startsWith(API_KEY_PREFIX)) return undefined;
    const claims = tokens.known(credential);
    if (!claims) return undefined;
    const { userId, sessionId } = claims;
    const user = cache.peek<SessionCheck | undefined>(userId, `session:${sessionId}`);
    if (!user?.isActive || !sessionLive(user)) return undefined;
    return { userId, email: user.email, name: user.name, via: 'jwt', sessionId };
  }

  async function loadKey(hash: string): Promise<KeyCheck | undefined> {
    const res = await db.query<{
      id: string;
      user_id: string;
      scope: string;
      revoked: boolean;
      expires_at: Date | null;
      touch: boolean;
    }>(
      `SELECT k.id::text, k.user_id::text, k.scope, k.revoked_at IS NOT NULL AS revoked, k.expires_at,
              (k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now())
               AND (k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute')) AS touch
         FROM api_keys k WHERE k.key_hash = $1`,
      [hash],
    );
    const row = res.rows[0];
    if (!row) return undefined;
    if (row.touch) await db.query('UPDATE api_keys SET last_used_at = now() WHERE id = $1', [row.id]);
    return {
      id: row.id,
      userId: row.user_id,
      scope: row.scope === 'read' ? 'read' : 'full',
      revoked: row.revoked,
      expiresAt: ms(row.expires_at),
    };
  }

  async function loadUser(userId: string): Promise<Omit<SessionCheck, 'liveUntil'> | undefined> {
    const res = await db.query<{ email: string; name: string; is_active: boolean }>(
      'SELECT email, name, is_active FROM users WHERE id = $1',
      [userId],
    );
    const row = res.rows[0];
    return row && { email: row.email, name: row.name, isActive: row.is_active };
  }

  async function viaApiKey(key: string): Promise<Principal> {
    const hash = hashSecret(key);
    // Keys are cached under their hash (revoke invalidates it), their user under the user (deactivation, deletion).
    const found = await cache.get(apiKeyCacheOwner(hash), 'key', () => loadKey(hash));
    const usable = found && !found.revoked && (found.expiresAt === null || found.expiresAt > Date.now());
    if (!usable) throw new AppError('API_KEY_INVALID', 'The API key is not valid, revoked or expired');
    const user = await cache.get(found.userId, 'user', () => loadUser(found.userId));
    if (!user) throw new AppError('API_KEY_INVALID', 'The API key is not valid, revoked or expired');
    if (!user.isActive) throw new AppError('ACCOUNT_DISABLED', 'The account is disabled');
    return {
      userId: found.userId,
      email: user.email,
      name: user.name,
      via: 'api_key',
      apiKeyId: found.id,
      apiKeyScope: found.scope,
    };
  }

  return {
    session: viaSession,
    known,
    authenticate(credential) {
      if (credential.length === 0 || credential.length > 4096)
        return Promise.reject(new AppError('TOKEN_INVALID', 'The credential is not valid'));
      return credential.startsWith(API_KEY_PREFIX) ? viaApiKey(credential) : viaJwt(credential);
    },
  };
}

/** The identity-cache owner under which an API key (by its hash) is cached; revoking the key invalidates it. */
export const apiKeyCacheOwner = (keyHash: string): string => `api-key:${keyHash}`;

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
