import { z } from 'zod';
import { errorBodySchema } from './errors.js';
import { idSchema, plainTextSchema } from './identity.js';
import { namespaceSchema, roleNameSchema } from './rbac.js';
import { safeNext } from './safe-next.js';
import { endpointUrlSchema } from './validation.js';

/**
 * Single sign-on with OpenID Connect (issue 9; DESIGN.md, "API contract"): the settings an admin edits at
 * `/api/settings/oidc`, the group → role mappings at `/api/settings/oidc/mappings[/{id}]`, the connection
 * test, and the public `GET /api/auth/oidc/info`.
 */

/** http(s) only; plain http is refused by the server except on loopback (a provider in a test, say). */
const httpUrlSchema = endpointUrlSchema;

const scopeTokenSchema = z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]{1,200}$/, 'must be a valid OAuth scope');

/** Scopes as an array or one space- or comma-separated string; `openid` is always included. */
export const oidcScopesSchema = z
  .union([z.string().max(2000), z.array(z.string().max(200)).max(50)])
  .transform((v) => (Array.isArray(v) ? v : v.split(/[\s,]+/)).map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(scopeTokenSchema).max(50))
  .transform((scopes) => [...new Set(['openid', ...scopes])]);

export const DEFAULT_OIDC_SCOPES = ['openid', 'email', 'profile', 'groups'];
export const DEFAULT_OIDC_GROUPS_CLAIM = 'groups';

/** A claim name, or a dotted path into nested claims (e.g. Keycloak's `realm_access.roles`). */
const claimNameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_:/.-]{1,200}$/, "must be a claim name: letters, digits, '_', ':', '/', '.', '-'");

export const updateOidcSettingsRequestSchema = z
  .object({
    enabled: z.boolean(),
    issuer: httpUrlSchema,
    client_id: plainTextSchema.trim().min(1).max(500),
    /** Write-only. Omitted (or null): the stored secret is kept; "" removes it (a public client, PKCE only). */
    client_secret: z.string().max(2000).nullish(),
    scopes: oidcScopesSchema.optional(),
    groups_claim: claimNameSchema.optional(),
    /** A role given to every SSO user (globally) besides the mapped ones; null: none. */
    default_role: roleNameSchema.nullish(),
    /** The label of the login page's button ("Login with …"). */
    name: plainTextSchema.trim().min(1).max(100).optional(),
    /**
     * The callback URL registered at the provider (`https://argus.example.com/api/auth/oidc/callback`);
     * null: derived from each request's origin.
     */
    redirect_uri: httpUrlSchema.nullish(),
    /** Read-only fields of GET, accepted (and ignored) so a settings object can be sent back as it came. */
    client_secret_set: z.boolean().optional(),
    updated_at: z.string().nullish(),
  })
  .strict();
export type UpdateOidcSettingsRequest = z.infer<typeof updateOidcSettingsRequestSchema>;

export const oidcSettingsSchema = z.object({
  enabled: z.boolean(),
  issuer: z.string(),
  client_id: z.string(),
  client_secret_set: z.boolean(),
  scopes: z.array(z.string()),
  groups_claim: z.string(),
  default_role: z.string().nullable(),
  name: z.string(),
  redirect_uri: z.string().nullable(),
  updated_at: z.string().nullable(),
});
export type OidcSettings = z.infer<typeof oidcSettingsSchema>;

export const oidcRoleMappingRequestSchema = z
  .object({
    group: plainTextSchema.trim().min(1).max(300),
    /** A role name. */
    role: roleNameSchema,
    cluster_id: idSchema.nullish(),
    namespace: namespaceSchema.nullish(),
  })
  .strict()
  .refine((v) => !v.namespace || v.cluster_id, { message: 'a namespace needs a cluster_id', path: ['namespace'] });
export type OidcRoleMappingRequest = z.infer<typeof oidcRoleMappingRequestSchema>;

export const oidcRoleMappingSchema = z.object({
  id: z.string(),
  group: z.string(),
  role: z.string(),
  cluster_id: z.string().nullable(),
  namespace: z.string().nullable(),
  created_at: z.string(),
});
export type OidcRoleMapping = z.infer<typeof oidcRoleMappingSchema>;

export const oidcRoleMappingListResponseSchema = z.object({ items: z.array(oidcRoleMappingSchema) });
export type OidcRoleMappingListResponse = z.infer<typeof oidcRoleMappingListResponseSchema>;

/** `POST /api/settings/oidc/test`: the stored settings, or these values (to test before saving). */
export const oidcTestRequestSchema = z
  .object({
    issuer: httpUrlSchema.optional(),
    client_id: plainTextSchema.trim().min(1).max(500).optional(),
  })
  .strict()
  .nullish()
  .transform((v) => v ?? {});

/** What discovery found (200); a failure is the error body with `ok: false` and a 4xx/5xx status. */
export const oidcTestResponseSchema = z.object({
  ok: z.literal(true),
  issuer: z.string(),
  authorization_endpoint: z.string(),
  token_endpoint: z.string().nullable(),
  userinfo_endpoint: z.string().nullable(),
  jwks_uri: z.string().nullable(),
  scopes_supported: z.array(z.string()).nullable(),
  claims_supported: z.array(z.string()).nullable(),
  code_challenge_methods_supported: z.array(z.string()).nullable(),
  /** Things that will not stop discovery but may stop sign-in (no S256 PKCE, a scope not supported, …). */
  warnings: z.array(z.string()),
});
export type OidcTestResponse = z.infer<typeof oidcTestResponseSchema>;

/**
 * A failed connection test: the error body, with `ok: false` when the provider failed the test (an `OIDC_*`
 * code; 400, 409 or 502 — never 401); other errors (bad input, forbidden) are the plain error body.
 */
export const oidcTestFailureSchema = errorBodySchema.extend({ ok: z.literal(false).optional() });
export type OidcTestFailure = z.infer<typeof oidcTestFailureSchema>;

export const oidcInfoResponseSchema = z.object({ enabled: z.boolean(), name: z.string() });
export type OidcInfoResponse = z.infer<typeof oidcInfoResponseSchema>;

/** `GET /api/auth/oidc/authorize?next=/clusters/…`: where to go after signing in (a path of this site). */
export const oidcAuthorizeQuerySchema = z.object({
  next: z
    .string()
    .max(2000)
    .transform((v) => safeNext(v))
    .optional()
    .catch(undefined),
});
