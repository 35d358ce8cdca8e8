import { randomUUID } from 'node:crypto';
import { AppError } from '@argus/contracts';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';

const ISSUER = 'argus';
const AUDIENCE = 'argus';
const ALG = 'HS256';

export interface AccessClaims {
  userId: string;
  sessionId: string;
}

export interface AccessTokens {
  /** Seconds an access token lives. */
  readonly ttlSeconds: number;
  sign(claims: AccessClaims): Promise<string>;
  /** Verifies signature (HS256 only), issuer, audience and expiry; throws a 401 AppError with a stable code. */
  verify(token: string): Promise<AccessClaims>;
  /** The claims of a token `verify` already accepted and that has not expired since; else undefined (verify it). */
  known(token: string): AccessClaims | undefined;
}

/** How many verified tokens are remembered (the oldest is forgotten first). */
const VERIFIED_MAX = 10_000;

/**
 * Short-lived access JWTs, HS256 with the algorithm pinned (alg:none and every other alg are refused).
 * A token verified once is remembered by its exact text until it expires, so a client's next requests
 * with the same token skip the signature check (the same bytes carry the same valid signature); expiry is
 * still checked on every use.
 */
export function createAccessTokens(secret: string, ttlSeconds: number): AccessTokens {
  const key = new TextEncoder().encode(secret);
  const verified = new Map<string, { claims: AccessClaims; expiresAt: number }>();
  const known = (token: string): AccessClaims | undefined => {
    const hit = verified.get(token);
    return hit && hit.expiresAt > Date.now() ? hit.claims : undefined;
  };
  return {
    ttlSeconds,
    sign({ userId, sessionId }) {
      return new SignJWT({ sid: sessionId, typ: 'access' })
        .setProtectedHeader({ alg: ALG, typ: 'JWT' })
        .setSubject(userId)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setJti(randomUUID())
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key);
    },
    known,
    async verify(token) {
      const claims = known(token);
      if (claims) return claims;
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: [ALG],
          issuer: ISSUER,
          audience: AUDIENCE,
          requiredClaims: ['sub', 'exp', 'iat'],
        });
        if (payload.typ !== 'access' || typeof payload.sid !== 'string' || typeof payload.sub !== 'string')
          throw new AppError('TOKEN_INVALID', 'The access token is not valid');
        const claims = { userId: payload.sub, sessionId: payload.sid };
        if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value as string);
        verified.set(token, { claims, expiresAt: (payload.exp as number) * 1000 });
        return claims;
      } catch (err) {
        if (err instanceof AppError) throw err;
        if (err instanceof joseErrors.JWTExpired)
          throw new AppError('TOKEN_EXPIRED', 'The access token has expired; refresh it or sign in again');
        if (err instanceof joseErrors.JOSEAlgNotAllowed || err instanceof joseErrors.JOSENotSupported)
          throw new AppError('TOKEN_ALG_NOT_ALLOWED', 'The access token is not signed with the required algorithm');
        throw new AppError('TOKEN_INVALID', 'The access token is not valid');
      }
    },
  };
}
