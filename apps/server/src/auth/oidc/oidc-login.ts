import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '@argus/contracts';
import * as client from 'openid-client';
import type { Database } from '../../db/types.js';
import type { AuthService } from '../auth-service.js';
import type { ClientMeta } from '../sessions.js';
import type { Authorizer } from '../types.js';
import { discover, oidcError } from './oidc-client.js';
import type { OidcRuntimeSettings, OidcSettingsStore } from './oidc-settings.js';
import { applyGroupRoles, identityFrom, type OidcIdentity, upsertOidcUser } from './oidc-user.js';

export const CALLBACK_PATH = '/api/auth/oidc/callback';

export interface OidcLoginDeps {
  db: Database;
  settings: OidcSettingsStore;
  auth: AuthService;
  authorizer: Pick<Authorizer, 'invalidate'>;
  /** How long a login may take between authorize and callback. */
  loginTtlSeconds: number;
  timeoutMs: number;
}

export interface AuthorizeRequest {
  /** This server's origin as the browser sees it (for the redirect URI when none is configured). */
  origin: string;
  next?: string | undefined;
  /** The browser-binding cookie already set, if any (two tabs signing in at once share it). */
  binding?: string | undefined;
}

export interface CallbackRequest {
  query: Record<string, string>;
  binding?: string | undefined;
  meta: ClientMeta;
  /** Filled in as soon as the provider's identity is verified (the audit record names it on a later failure). */
  seen?: { identity?: OidcIdentity };
}

export interface OidcLoginResult {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  token_type: 'Bearer';
  next: string | null;
  userId: string;
  identity: OidcIdentity;
}

const sha256 = (v: string) => createHash('sha256').update(v).digest('base64url');
const BINDING = /^[A-Za-z0-9_-]{43}$/;

async function enabledSettings(settings: OidcSettingsStore): Promise<OidcRuntimeSettings> {
  const s = await settings.runtime();
  if (!s?.enabled || !s.issuer) throw new AppError('OIDC_DISABLED', 'Single sign-on is not enabled on this server');
  return s;
}

const providerOf = (s: OidcRuntimeSettings, timeoutMs: number) => ({
  issuer: s.issuer,
  clientId: s.client_id,
  clientSecret: s.clientSecret,
  timeoutMs,
});

/** Provider error responses (`?error=`) become typed errors; their text is bounded and shown as the provider's. */
function providerRefusal(query: Record<string, string>): AppError {
  const description = (query.error_description ?? '').replace(/\p{Cc}/gu, ' ').slice(0, 300);
  const detail = description ? `: ${description}` : '';
  if (query.error === 'access_denied')
    return new AppError('OIDC_ACCESS_DENIED', `The identity provider denied the sign-in${detail}`);
  return new AppError(
    'OIDC_PROVIDER_ERROR',
    `The identity provider refused the sign-in (${String(query.error).slice(0, 100)})${detail}`,
  );
}

/**
 * The authorization code flow with PKCE. authorize() stores state, nonce and the PKCE verifier server-side
 * (hashed state as the key) with the hash of a browser-binding cookie, and gives the provider's URL.
 * callback() consumes that row once (DELETE … RETURNING), checks its expiry and the cookie, exchanges the
 * code, verifies the ID token (openid-client: signature, issuer, audience, nonce, expiry), then signs the
 * user in with the same tokens a local login gets.
 */
export function createOidcLogin(deps: OidcLoginDeps) {
  const { db } = deps;

  async function consumeState(state: string | undefined, binding: string | undefined) {
    if (!state) throw new AppError('OIDC_STATE_INVALID', 'The sign-in response has no state; start the sign-in again');
    const res = await db.query<{
      nonce: string;
      code_verifier: string;
      binding_hash: string;
      redirect_uri: string;
      next_path: string | null;
      expired: boolean;
    }>(
      `DELETE FROM oidc_login_states WHERE state_hash = $1
       RETURNING nonce, code_verifier, binding_hash, redirect_uri, next_path, expires_at <= now() AS expired`,
      [sha256(state)],
    );
    const row = res.rows[0];
    if (!row)
      throw new AppError(
        'OIDC_STATE_INVALID',
        'This sign-in response is unknown or was already used; start the sign-in again',
      );
    if (row.expired) throw new AppError('OIDC_STATE_EXPIRED', 'The sign-in took too long and expired; start it again');
    if (!binding || sha256(binding) !== row.binding_hash)
      throw new AppError(
        'OIDC_STATE_INVALID',
        'This sign-in was started in another browser (or its cookie was lost); start the sign-in again here',
      );
    return row;
  }

  async function claimsOf(config: client.Configuration, tokens: client.TokenEndpointResponse, idClaims: object) {
    const claims = { ...(idClaims as Record<string, unknown>) };
    if (!config.serverMetadata().userinfo_endpoint || !tokens.access_token) return claims;
    try {
      const info = await client.fetchUserInfo(config, tokens.access_token, String(claims.sub));
      // The signed ID token wins where both name a claim.
      return { ...(info as Record<string, unknown>), ...claims };
    } catch (err) {
      throw oidcError(err, 'userinfo', config.serverMetadata().issuer);
    }
  }

  return {
    async authorize(input: AuthorizeRequest): Promise<{ url: string; binding: string }> {
      const s = await enabledSettings(deps.settings);
      const config = await discover(providerOf(s, deps.timeoutMs));
      const state = client.randomState();
      const nonce = client.randomNonce();
      const verifier = client.randomPKCECodeVerifier();
      const binding =
        input.binding && BINDING.test(input.binding) ? input.binding : randomBytes(32).toString('base64url');
      const redirectUri = s.redirect_uri ?? `${input.origin}${CALLBACK_PATH}`;
      // Rows past their expiry are kept a day, so a late callback is told "expired" rather than "unknown".
      await db.query("DELETE FROM oidc_login_states WHERE expires_at < now() - interval '1 day'");
      await db.query(
        `INSERT INTO oidc_login_states (state_hash, nonce, code_verifier, binding_hash, redirect_uri, next_path, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7::int))`,
        [sha256(state), nonce, verifier, sha256(binding), redirectUri, input.next ?? null, deps.loginTtlSeconds],
      );
      // Scopes the provider does not offer are left out (some providers refuse unknown scopes outright).
      const supported = config.serverMetadata().scopes_supported;
      const scopes = supported ? s.scopes.filter((x) => x === 'openid' || supported.includes(x)) : s.scopes;
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        response_type: 'code',
        scope: scopes.join(' '),
        state,
        nonce,
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
      });
      return { url: url.href, binding };
    },

    async callback(input: CallbackRequest): Promise<OidcLoginResult> {
      const { query } = input;
      const row = await consumeState(query.state, input.binding);
      if (query.error) throw providerRefusal(query);
      if (!query.code) throw new AppError('OIDC_STATE_INVALID', 'The sign-in response has no authorization code');
      const s = await enabledSettings(deps.settings);
      const config = await discover(providerOf(s, deps.timeoutMs));
      const currentUrl = new URL(row.redirect_uri);
      for (const [k, v] of Object.entries(query)) currentUrl.searchParams.set(k, v);
      let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
      try {
        tokens = await client.authorizationCodeGrant(config, currentUrl, {
          pkceCodeVerifier: row.code_verifier,
          expectedState: query.state,
          expectedNonce: row.nonce,
          idTokenExpected: true,
        });
      } catch (err) {
        throw oidcError(err, 'token', s.issuer);
      }
      const idClaims = tokens.claims();
      if (!idClaims) throw new AppError('OIDC_TOKEN_INVALID', 'The identity provider returned no ID token');
      const identity = identityFrom(await claimsOf(config, tokens, idClaims), s.groups_claim);
      if (input.seen) input.seen.identity = identity;
      const { userId, pair } = await db.transaction(async (tx) => {
        const id = await upsertOidcUser(tx, identity);
        await applyGroupRoles(tx, id, identity.groups, s.default_role);
        return { userId: id, pair: await deps.auth.startSession(tx, id, input.meta) };
      });
      deps.authorizer.invalidate(userId);
      return {
        access_token: pair.access_token,
        refresh_token: pair.refresh_token,
        expires_in: pair.expires_in,
        token_type: 'Bearer',
        next: row.next_path,
        userId,
        identity,
      };
    },
  };
}

export type OidcLogin = ReturnType<typeof createOidcLogin>;
