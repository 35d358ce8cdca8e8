import { AppError, type ErrorCode } from '@argus/contracts';
import * as client from 'openid-client';

/** What a request to the provider needs: its issuer, this client's credentials, a timeout. */
export interface ProviderClientSettings {
  issuer: string;
  clientId: string;
  clientSecret: string | null;
  timeoutMs: number;
}

/** Plain http is allowed to a loopback provider only (a provider on the same machine, a test). */
export function isLoopbackHttp(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return (
    url.protocol === 'http:' &&
    (host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host))
  );
}

export function assertIssuerAllowed(issuer: string): URL {
  const url = new URL(issuer);
  if (url.protocol === 'https:' || isLoopbackHttp(url)) return url;
  throw new AppError(
    'OIDC_INSECURE_ISSUER',
    `The issuer ${issuer} is not https: only a provider on this machine (localhost) may use plain http`,
  );
}

/**
 * OpenID discovery: the provider's metadata, checked by openid-client (its `issuer` must be the one
 * configured). A confidential client authenticates with client_secret_basic, a public one with PKCE alone.
 */
export async function discover(s: ProviderClientSettings): Promise<client.Configuration> {
  const url = assertIssuerAllowed(s.issuer);
  try {
    return await client.discovery(
      url,
      s.clientId,
      s.clientSecret ? { client_secret: s.clientSecret } : undefined,
      s.clientSecret ? client.ClientSecretBasic(s.clientSecret) : client.None(),
      {
        execute: isLoopbackHttp(url) ? [client.allowInsecureRequests] : [],
        timeout: Math.max(1, Math.ceil(s.timeoutMs / 1000)),
      },
    );
  } catch (err) {
    throw oidcError(err, 'discovery', s.issuer);
  }
}

export type OidcPhase = 'discovery' | 'token' | 'userinfo';

/** The claim an ID-token comparison failed on (`iss`, `aud`, `nonce`, …), from the error's causes. */
function failedClaim(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const claim = (e as { claim?: unknown }).claim;
    if (typeof claim === 'string') return claim;
    const attribute = (e as { attribute?: unknown }).attribute;
    if (typeof attribute === 'string') return attribute;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function networkCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Turns what openid-client throws into a typed error with a stable code and a message a person can act
 * on. The original error is kept as the cause (it may hold response bodies: log it, never show it).
 */
export function oidcError(err: unknown, phase: OidcPhase, issuer: string): AppError {
  if (err instanceof AppError) return err;
  const fail = (code: ErrorCode, message: string) => new AppError(code, message, { cause: err });
  if (err instanceof TypeError && /fetch failed/i.test(err.message)) {
    const code = networkCode(err);
    return fail(
      'OIDC_PROVIDER_UNREACHABLE',
      `The identity provider ${issuer} cannot be reached${code ? ` (${code})` : ''}`,
    );
  }
  if (err instanceof client.ResponseBodyError) {
    const what = err.error_description ? `${err.error}: ${err.error_description}` : err.error;
    return fail('OIDC_PROVIDER_ERROR', `The identity provider refused the ${phase} request (${what})`);
  }
  if (err instanceof client.ClientError) {
    switch (err.code) {
      case 'OAUTH_TIMEOUT':
      case 'OAUTH_ABORT':
        return fail('OIDC_PROVIDER_UNREACHABLE', `The identity provider ${issuer} did not answer in time`);
      case 'OAUTH_HTTP_REQUEST_FORBIDDEN':
        return fail('OIDC_INSECURE_ISSUER', `The identity provider ${issuer} gave a plain http endpoint`);
      case 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED':
      case 'OAUTH_JWT_CLAIM_COMPARISON_FAILED': {
        const claim = failedClaim(err);
        if (claim === 'issuer' || claim === 'iss')
          return fail(
            'OIDC_ISSUER_MISMATCH',
            phase === 'discovery'
              ? `The provider at ${issuer} names a different issuer in its discovery document`
              : `The ID token was not issued by ${issuer}`,
          );
        if (claim === 'aud' || claim === 'azp')
          return fail('OIDC_AUDIENCE_MISMATCH', 'The ID token was issued for another client (wrong audience)');
        return fail('OIDC_TOKEN_INVALID', `The ID token failed verification (${claim ?? 'claim'} mismatch)`);
      }
      case 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED':
        return fail('OIDC_TOKEN_INVALID', 'The ID token is expired or not yet valid (check the clocks)');
      default:
        if (phase === 'discovery')
          return fail(
            'OIDC_DISCOVERY_FAILED',
            `No valid OpenID configuration at ${issuer.replace(/\/$/, '')}/.well-known/openid-configuration (${err.message})`,
          );
        if (err.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' || err.code === 'OAUTH_RESPONSE_IS_NOT_JSON')
          return fail('OIDC_PROVIDER_ERROR', `The identity provider answered the ${phase} request unexpectedly`);
        return fail('OIDC_TOKEN_INVALID', `The provider's ${phase} response failed verification (${err.message})`);
    }
  }
  if (phase === 'discovery') return fail('OIDC_DISCOVERY_FAILED', `OpenID discovery against ${issuer} failed`);
  return fail('OIDC_PROVIDER_ERROR', `The ${phase} request to the identity provider failed`);
}
