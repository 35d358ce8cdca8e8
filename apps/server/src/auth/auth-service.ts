import { AppError, type LoginResponse, type User } from '@argus/contracts';
import type { Database, Queryable } from '../db/types.js';
import type { AccessTokens } from './access-tokens.js';
import type { IdentityCache } from './identity-cache.js';
import { createUnknownEmailThrottle, type LockoutPolicy } from './login-throttle.js';
import type { PasswordHasher } from './passwords.js';
import type { ClientMeta, SessionStore } from './sessions.js';
import type { Principal } from './types.js';
import { findUserView } from './user-views.js';

export interface AuthService {
  login(email: string, password: string, meta: ClientMeta): Promise<LoginResponse>;
  refresh(refreshToken: string, meta: ClientMeta): Promise<LoginResponse>;
  logout(principal: Principal, refreshToken?: string): Promise<void>;
  changePassword(principal: Principal, current: string, next: string): Promise<void>;
  /** A new session for a user inside a transaction (setup signs the first admin in). */
  startSession(q: Queryable, userId: string, meta: ClientMeta): Promise<Omit<LoginResponse, 'user'>>;
  /** The caller's own user view (GET /api/auth/me), from the identity cache. */
  me(userId: string): Promise<User>;
}

export interface AuthServiceDeps {
  db: Database;
  hasher: PasswordHasher;
  tokens: AccessTokens;
  sessions: SessionStore;
  lockout: LockoutPolicy;
  cache: IdentityCache;
}

const INVALID = 'Invalid email or password';

export function createAuthService(deps: AuthServiceDeps): AuthService {
  const { db, hasher, tokens, sessions, lockout, cache } = deps;
  const unknownEmails = createUnknownEmailThrottle(lockout);

  async function pair(userId: string, familyId: string, refreshToken: string) {
    return {
      access_token: await tokens.sign({ userId, sessionId: familyId }),
      refresh_token: refreshToken,
      expires_in: tokens.ttlSeconds,
      token_type: 'Bearer' as const,
    };
  }

  async function withUser(userId: string, p: Omit<LoginResponse, 'user'>): Promise<LoginResponse> {
    const user = await findUserView(db, userId);
    if (!user) throw new AppError('TOKEN_INVALID', 'The account no longer exists');
    return { ...p, user };
  }

  const locked = (seconds: number) =>
    new AppError('LOGIN_LOCKED', `Too many failed sign-in attempts; try again in ${seconds} s`, {
      headers: { 'Retry-After': String(seconds) },
    });

  return {
    async login(email, password, meta) {
      // Reserve the attempt atomically: count it as a failure (locking from the Nth) unless the account is
      // locked already. A parallel burst therefore gets at most LOGIN_MAX_FAILURES password checks; a success
      // resets the count below. Concurrent updates re-check the WHERE on the row they waited for.
      const reserved = await db.query<{ id: string; password_hash: string | null; is_active: boolean }>(
        `UPDATE users SET failed_login_count = failed_login_count + 1,
                locked_until = CASE WHEN failed_login_count + 1 >= $2
                  THEN now() + make_interval(secs => least($3::float8 * power(2, failed_login_count + 1 - $2), $4::float8))
                  ELSE locked_until END
          WHERE email = $1 AND (locked_until IS NULL OR locked_until <= now())
          RETURNING id::text, password_hash, is_active`,
        [email, lockout.maxFailures, lockout.baseSeconds, lockout.maxSeconds],
      );
      const user = reserved.rows[0];
      if (!user) {
        const known = await db.query<{ locked_for: number }>(
          `SELECT greatest(1, ceil(extract(epoch FROM locked_until - now())))::int AS locked_for
             FROM users WHERE email = $1`,
          [email],
        );
        const lockedFor = known.rows[0] ? known.rows[0].locked_for : unknownEmails.reserve(email);
        if (lockedFor > 0) throw locked(lockedFor);
        await hasher.verifyDummy(password);
        throw new AppError('INVALID_CREDENTIALS', INVALID);
      }

      let ok = false;
      if (user.password_hash) ok = await hasher.verify(user.password_hash, password);
      else await hasher.verifyDummy(password);
      // The failure is counted already.
      if (!ok || !user.is_active) throw new AppError('INVALID_CREDENTIALS', INVALID);

      const issued = await db.transaction(async (tx) => {
        await tx.query(
          'UPDATE users SET failed_login_count = 0, locked_until = NULL, last_login_at = now() WHERE id = $1',
          [user.id],
        );
        return sessions.issue(tx, user.id, meta);
      });
      cache.invalidate(user.id); // last_login_at is part of the user view
      return withUser(user.id, await pair(user.id, issued.familyId, issued.token));
    },

    async refresh(refreshToken, meta) {
      const next = await sessions.rotate(refreshToken, meta);
      return withUser(next.userId, await pair(next.userId, next.familyId, next.token));
    },

    async logout(principal, refreshToken) {
      if (principal.sessionId) await sessions.revokeFamily(principal.sessionId, 'logout');
      if (refreshToken) await sessions.revokeByToken(principal.userId, refreshToken, 'logout');
    },

    async changePassword(principal, current, next) {
      const res = await db.query<{ password_hash: string | null }>('SELECT password_hash FROM users WHERE id = $1', [
        principal.userId,
      ]);
      const hash = res.rows[0]?.password_hash;
      if (!hash) throw new AppError('BAD_REQUEST', 'This account signs in through single sign-on and has no password');
      if (!(await hasher.verify(hash, current)))
        throw new AppError('INVALID_CREDENTIALS', 'The current password is not correct');
      const newHash = await hasher.hash(next);
      await db.transaction(async (tx) => {
        await tx.query(
          'UPDATE users SET password_hash = $2, password_changed_at = now(), updated_at = now() WHERE id = $1',
          [principal.userId, newHash],
        );
        await sessions.revokeAllForUser(tx, principal.userId, 'password_changed', principal.sessionId);
      });
      cache.invalidate(principal.userId);
    },

    async startSession(q, userId, meta) {
      const issued = await sessions.issue(q, userId, meta);
      return pair(userId, issued.familyId, issued.token);
    },

    async me(userId) {
      const user = await cache.get(userId, 'view', () => findUserView(db, userId));
      if (!user) throw new AppError('NOT_FOUND', 'User not found');
      return user;
    },
  };
}
