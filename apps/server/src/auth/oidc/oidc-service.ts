import {
  AppError,
  DEFAULT_OIDC_SCOPES,
  type OidcTestResponse,
  parseInput,
  type UpdateOidcSettingsRequest,
  updateOidcSettingsRequestSchema,
} from '@argus/contracts';
import type { Logger } from 'pino';
import type { AuditStore } from '../../audit/audit-store.js';
import type { Config } from '../../config/load-config.js';
import type { Database } from '../../db/types.js';
import type { SecretBox } from '../../secrets/secret-box.js';
import type { AuthService } from '../auth-service.js';
import type { Authorizer } from '../types.js';
import { discover } from './oidc-client.js';
import {
  type AuthorizeRequest,
  CALLBACK_PATH,
  type CallbackRequest,
  createOidcLogin,
  type OidcLoginResult,
} from './oidc-login.js';
import { createOidcSettingsStore, type OidcSettingsStore } from './oidc-settings.js';
import type { OidcIdentity } from './oidc-user.js';

export interface OidcService {
  settings: OidcSettingsStore;
  /** Discovery against the stored issuer (or the one given, to test before saving): what was found. */
  testConnection(input: { issuer?: string | undefined; client_id?: string | undefined }): Promise<OidcTestResponse>;
  authorize(input: AuthorizeRequest): Promise<{ url: string; binding: string }>;
  /** The callback; every outcome is audited (`auth.oidc_login`). */
  callback(input: CallbackRequest & { ip?: string | undefined }): Promise<OidcLoginResult>;
  /** Seeds the settings from the OIDC_* environment variables when none are stored. */
  seedFromConfig(): Promise<void>;
}

export interface OidcServiceDeps {
  db: Database;
  secrets: SecretBox;
  config: Config;
  logger: Logger;
  auth: AuthService;
  authorizer: Pick<Authorizer, 'invalidate'>;
  auditStore: AuditStore;
}

const DENIED = new Set(['OIDC_ACCESS_DENIED', 'OIDC_ACCOUNT_CONFLICT', 'ACCOUNT_DISABLED']);

/** The OIDC settings from the environment, or undefined when OIDC_ISSUER is not set. */
export function settingsFromConfig(config: Config): UpdateOidcSettingsRequest | undefined {
  if (!config.OIDC_ISSUER || !config.OIDC_CLIENT_ID) return undefined;
  return parseInput(
    updateOidcSettingsRequestSchema,
    {
      enabled: true,
      issuer: config.OIDC_ISSUER,
      client_id: config.OIDC_CLIENT_ID,
      ...(config.OIDC_CLIENT_SECRET ? { client_secret: config.OIDC_CLIENT_SECRET } : {}),
      scopes: config.OIDC_SCOPES ?? DEFAULT_OIDC_SCOPES,
      ...(config.OIDC_GROUPS_CLAIM ? { groups_claim: config.OIDC_GROUPS_CLAIM } : {}),
      ...(config.OIDC_DEFAULT_ROLE ? { default_role: config.OIDC_DEFAULT_ROLE } : {}),
      ...(config.OIDC_NAME ? { name: config.OIDC_NAME } : {}),
      ...(config.OIDC_REDIRECT_URI ? { redirect_uri: config.OIDC_REDIRECT_URI } : {}),
    },
    'OIDC_* environment variables',
  );
}

export function createOidcService(deps: OidcServiceDeps): OidcService {
  const { db, config, auditStore } = deps;
  const log = deps.logger.child({ component: 'oidc' });
  const settings = createOidcSettingsStore(db, deps.secrets);
  const timeoutMs = config.OIDC_HTTP_TIMEOUT_MS;
  const login = createOidcLogin({
    db,
    settings,
    auth: deps.auth,
    authorizer: deps.authorizer,
    loginTtlSeconds: config.OIDC_LOGIN_TTL_SECONDS,
    timeoutMs,
  });

  async function audit(
    ip: string | undefined,
    identity: OidcIdentity | undefined,
    userId: string | null,
    started: number,
    error?: AppError,
  ): Promise<void> {
    try {
      await auditStore.record(
        {
          userId,
          userEmail: identity?.email ?? null,
          sourceIp: ip ?? null,
          method: 'GET',
          route: CALLBACK_PATH,
          path: CALLBACK_PATH,
          action: 'auth.oidc_login',
          clusterId: null,
          namespace: null,
          resource: null,
          resourceName: null,
          requestBody: identity ? { issuer: identity.issuer, groups: identity.groups.slice(0, 100) } : null,
        },
        {
          outcome: !error ? 'success' : DENIED.has(error.code) ? 'denied' : error.status >= 500 ? 'error' : 'failed',
          statusCode: error ? error.status : 302,
          errorCode: error?.code ?? null,
          durationMs: performance.now() - started,
        },
      );
    } catch (err) {
      log.error({ err }, 'audit record of an SSO login not written');
    }
  }

  return {
    settings,

    async testConnection(input) {
      const stored = await settings.runtime();
      const issuer = input.issuer ?? stored?.issuer;
      if (!issuer)
        throw new AppError('VALIDATION_FAILED', 'No issuer to test: give one or save the OIDC settings first', {
          details: { issues: [{ path: 'issuer', message: 'required' }] },
        });
      const sameIssuer = !input.issuer || input.issuer === stored?.issuer;
      const config = await discover({
        issuer,
        clientId: input.client_id ?? stored?.client_id ?? 'argus',
        clientSecret: sameIssuer ? (stored?.clientSecret ?? null) : null,
        timeoutMs,
      });
      const m = config.serverMetadata();
      const warnings: string[] = [];
      const pkce = m.code_challenge_methods_supported;
      if (pkce && !pkce.includes('S256')) warnings.push('The provider does not list S256 PKCE; sign-in may fail');
      const scopes = stored?.scopes ?? DEFAULT_OIDC_SCOPES;
      const missing = m.scopes_supported ? scopes.filter((s) => !m.scopes_supported?.includes(s)) : [];
      if (missing.length > 0)
        warnings.push(`Scopes the provider does not offer (left out at sign-in): ${missing.join(', ')}`);
      const claim = stored?.groups_claim ?? 'groups';
      if (m.claims_supported && !m.claims_supported.includes(claim.split('.')[0] ?? claim))
        warnings.push(`The provider does not list the groups claim "${claim}"; groups may be empty`);
      if (!m.userinfo_endpoint) warnings.push('No userinfo endpoint: email and groups must be in the ID token');
      return {
        ok: true,
        issuer: m.issuer,
        authorization_endpoint: m.authorization_endpoint ?? '',
        token_endpoint: m.token_endpoint ?? null,
        userinfo_endpoint: m.userinfo_endpoint ?? null,
        jwks_uri: m.jwks_uri ?? null,
        scopes_supported: m.scopes_supported ?? null,
        claims_supported: m.claims_supported ?? null,
        code_challenge_methods_supported: pkce ?? null,
        warnings,
      };
    },

    authorize: (input) => login.authorize(input),

    async callback(input) {
      const started = performance.now();
      const seen: { identity?: OidcIdentity } = {};
      try {
        const result = await login.callback({ ...input, seen });
        log.info({ userId: result.userId, groups: result.identity.groups.length }, 'SSO login');
        await audit(input.ip, result.identity, result.userId, started);
        return result;
      } catch (err) {
        const error =
          err instanceof AppError
            ? err
            : new AppError('INTERNAL', 'Single sign-on failed unexpectedly', { cause: err });
        const level = error.status >= 500 ? 'warn' : 'info';
        // Not the error objects: their causes may hold the authorization response (the code) or claims.
        const cause = error.cause as { name?: unknown; code?: unknown; message?: unknown } | undefined;
        log[level](
          { code: error.code, reason: error.message, causeName: cause?.name, causeCode: cause?.code },
          'SSO login refused',
        );
        await audit(input.ip, seen.identity, null, started, error);
        throw error;
      }
    },

    async seedFromConfig() {
      const preset = settingsFromConfig(config);
      if (!preset) return;
      if (await settings.seed(preset)) log.info({ issuer: preset.issuer }, 'OIDC settings seeded from the environment');
    },
  };
}
