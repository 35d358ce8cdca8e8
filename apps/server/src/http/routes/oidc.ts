import { AppError, oidcAuthorizeQuerySchema } from '@argus/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Identity } from '../../auth/create-identity.js';
import { createOidcService } from '../../auth/oidc/oidc-service.js';
import type { Config } from '../../config/load-config.js';
import type { Database } from '../../db/types.js';
import type { SecretBox } from '../../secrets/secret-box.js';
import { noBody } from '../openapi/responses.js';
import { settingsOidcRoutes } from './settings-oidc.js';

export interface OidcRouteDeps {
  db: Database;
  config: Config;
  secrets: SecretBox;
  logger: Logger;
  identity: Identity;
}

/** The web page that finishes a sign-in: tokens or an error arrive in its fragment, never in a query string. */
const CALLBACK_PAGE = '/auth/oidc/callback';
const BINDING_COOKIE = 'argus_oidc_binding';
const COOKIE_PATH = '/api/auth/oidc';

function cookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function setBinding(request: FastifyRequest, reply: FastifyReply, value: string, maxAge: number): void {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  reply.header(
    'set-cookie',
    `${BINDING_COOKIE}=${value}; Path=${COOKIE_PATH}; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure}`,
  );
}

/** 302 to the callback page with parameters in the fragment (browsers do not send it, logs do not keep it). */
function toPage(reply: FastifyReply, params: Record<string, string>) {
  return reply
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .redirect(`${CALLBACK_PAGE}#${new URLSearchParams(params).toString()}`, 302);
}

const errorParams = (err: unknown) => {
  const e = err instanceof AppError ? err : new AppError('INTERNAL', 'Single sign-on failed unexpectedly');
  return { error: e.code, error_description: e.message };
};

/** A query parameter: once, or repeated. */
const queryValue = z.union([z.string(), z.array(z.string())]).optional();

/** What the provider sends back to the callback (RFC 6749 §4.1.2, RFC 9207 `iss`); other parameters pass too. */
const callbackQuerySchema = z.looseObject({
  code: queryValue,
  state: queryValue,
  iss: queryValue,
  error: queryValue,
  error_description: queryValue,
});

/** A 302: no body, only the `Location` header. */
const redirect = noBody;

/** The first value of each query parameter, bounded (a callback carries code, state, iss, error…). */
function queryOf(request: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
    const value = Array.isArray(v) ? v[0] : v;
    if (typeof value === 'string' && k.length <= 100) out[k] = value.slice(0, 4096);
  }
  return out;
}

/**
 * Single sign-on (issue 9): `GET /api/auth/oidc/authorize` → the provider → `GET /api/auth/oidc/callback`
 * → the web page `/auth/oidc/callback#access_token=…&refresh_token=…` (or `#error=CODE&error_description=…`),
 * and the admin settings under `/api/settings/oidc`. The OIDC_* environment variables seed the settings.
 */
export async function oidcRoutes(fastify: FastifyInstance, deps: OidcRouteDeps): Promise<void> {
  const { identity } = deps;
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const oidc = createOidcService({
    db: deps.db,
    secrets: deps.secrets,
    config: deps.config,
    logger: deps.logger,
    auth: identity.auth,
    authorizer: identity.authorizer,
    auditStore: identity.auditStore,
  });
  await oidc.seedFromConfig();
  const ttl = deps.config.OIDC_LOGIN_TTL_SECONDS;

  const authorizeRoute = {
    config: { permission: 'public' },
    schema: {
      summary: 'Start single sign-on: 302 to the provider (state, nonce, PKCE), or to the web page with an error',
      querystring: oidcAuthorizeQuerySchema,
      response: { 302: redirect('To the provider, or to /auth/oidc/callback#error=…') },
    },
  } as const;
  app.get('/api/auth/oidc/authorize', authorizeRoute, async (request, reply) => {
    const { next } = request.query;
    try {
      const { url, binding } = await oidc.authorize({
        origin: `${request.protocol}://${request.host}`,
        next,
        binding: cookie(request, BINDING_COOKIE),
      });
      setBinding(request, reply, binding, ttl);
      return reply.header('cache-control', 'no-store').redirect(url, 302);
    } catch (err) {
      if (!(err instanceof AppError)) request.log.error({ err }, 'SSO authorize failed');
      else request.log.info({ code: err.code }, 'SSO authorize refused');
      return toPage(reply, errorParams(err));
    }
  });

  const callbackRoute = {
    config: { permission: 'public' },
    schema: {
      summary: "The provider's redirect back: 302 to /auth/oidc/callback with tokens (or an error) in the fragment",
      querystring: callbackQuerySchema,
      response: { 302: redirect('To /auth/oidc/callback#access_token=…&refresh_token=… (or #error=…)') },
    },
  } as const;
  app.get('/api/auth/oidc/callback', callbackRoute, async (request, reply) => {
    const binding = cookie(request, BINDING_COOKIE);
    setBinding(request, reply, '', 0);
    try {
      const result = await oidc.callback({
        query: queryOf(request),
        binding,
        meta: { userAgent: request.headers['user-agent'], ip: request.ip },
        ip: request.ip,
      });
      return toPage(reply, {
        access_token: result.access_token,
        refresh_token: result.refresh_token,
        expires_in: String(result.expires_in),
        token_type: result.token_type,
        ...(result.next ? { next: result.next } : {}),
      });
    } catch (err) {
      return toPage(reply, errorParams(err));
    }
  });

  await app.register(settingsOidcRoutes, { oidc });
}
