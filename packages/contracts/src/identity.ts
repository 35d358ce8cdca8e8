import { z } from 'zod';

/**
 * Identity contract (DESIGN.md, "API contract"): setup, login, tokens, API keys. JSON keys are snake_case.
 * Emails are compared lower-cased; passwords are 8–256 characters.
 */
/** No control characters (PostgreSQL text cannot hold NUL; the others have no place in names). */
const printable = (v: string) => {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 32 || c === 127) return false;
  }
  return true;
};
export const plainTextSchema = z.string().refine(printable, 'must not contain control characters');

export const emailSchema = z
  .string()
  .trim()
  .max(320)
  .pipe(z.email({ message: 'must be an email address' }))
  .transform((v) => v.toLowerCase());
export const passwordSchema = z
  .string()
  .min(8, 'must be at least 8 characters')
  .max(256, 'must be at most 256 characters');
export const displayNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine(printable, 'must not contain control characters');
/** Ids are UUIDs; accepted leniently (any 8-4-4-4-12 hex) so nil and non-v4 ids validate. */
export const idSchema = z.guid({ message: 'must be a UUID' });
/** `{id}` in a path (`/api/users/{id}`, `/api/auth/api-keys/{id}`, …): a UUID. */
export const idParamsSchema = z.object({ id: idSchema });

export const setupStatusResponseSchema = z.object({ completed: z.boolean() });
export type SetupStatusResponse = z.infer<typeof setupStatusResponseSchema>;

export const setupInitRequestSchema = z
  .object({
    email: emailSchema,
    password: passwordSchema,
    name: displayNameSchema,
  })
  .meta({ examples: [{ email: 'admin@example.com', password: 'correct horse battery staple', name: 'Admin' }] });
export type SetupInitRequest = z.infer<typeof setupInitRequestSchema>;

export const roleAssignmentSchema = z.object({
  id: z.string(),
  role: z.string(),
  cluster_id: z.string().nullable(),
  namespace: z.string().nullable(),
});
export type RoleAssignment = z.infer<typeof roleAssignmentSchema>;

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  auth_provider: z.enum(['local', 'oidc']),
  is_active: z.boolean(),
  roles: z.array(roleAssignmentSchema),
  last_login_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type User = z.infer<typeof userSchema>;

export const loginRequestSchema = z
  .object({
    email: z
      .string()
      .trim()
      .min(1)
      .max(320)
      .refine(printable, 'must not contain control characters')
      .transform((v) => v.toLowerCase()),
    password: z.string().min(1).max(1024),
  })
  .meta({ examples: [{ email: 'admin@example.com', password: 'correct horse battery staple' }] });
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const tokenPairSchema = z.object({
  access_token: z.string(),
  refresh_token: z.string(),
  /** Seconds until the access token expires. */
  expires_in: z.number().int(),
  token_type: z.literal('Bearer'),
});

export const loginResponseSchema = tokenPairSchema.extend({ user: userSchema });
export type LoginResponse = z.infer<typeof loginResponseSchema>;

/** 201 from setup: the first admin (top level and as `user`) and a token pair to sign in with at once. */
export const setupInitResponseSchema = userSchema.extend(loginResponseSchema.shape);
export type SetupInitResponse = z.infer<typeof setupInitResponseSchema>;

export const refreshRequestSchema = z.object({ refresh_token: z.string().min(1).max(512) });
/** `POST /api/auth/refresh` → a new pair (the old refresh token is revoked) and the user, as login. */
export const refreshResponseSchema = loginResponseSchema;
/** Optional (an empty body, or JSON `null`, is accepted): a refresh token to revoke with the session. */
export const logoutRequestSchema = z
  .object({ refresh_token: z.string().min(1).max(512).optional() })
  .nullish()
  .transform((v) => v ?? {});

export const changePasswordRequestSchema = z.object({
  current_password: z.string().min(1).max(1024),
  new_password: passwordSchema,
});

export const apiKeyScopeSchema = z.enum(['full', 'read']);
export type ApiKeyScope = z.infer<typeof apiKeyScopeSchema>;

export const createApiKeyRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(100).refine(printable, 'must not contain control characters'),
    scope: apiKeyScopeSchema.default('full'),
    /** An absolute expiry (ISO 8601, in the future), or … */
    expires_at: z.iso.datetime({ offset: true }).optional(),
    /** … a lifetime in days (1–3650). Neither: the key does not expire. */
    expires_in_days: z.number().int().min(1).max(3650).optional(),
  })
  .refine((v) => !(v.expires_at && v.expires_in_days), { message: 'give expires_at or expires_in_days, not both' })
  .meta({ examples: [{ name: 'ci-pipeline', scope: 'read', expires_in_days: 90 }] });
export type CreateApiKeyRequest = z.infer<typeof createApiKeyRequestSchema>;

export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  scope: apiKeyScopeSchema,
  /** The first characters of the key, to recognise it; the key itself is shown only once. */
  prefix: z.string(),
  expires_at: z.string().nullable(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
  created_at: z.string(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;
export const createdApiKeySchema = apiKeySchema.extend({ key: z.string() });
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;
export const apiKeyListResponseSchema = z.object({ items: z.array(apiKeySchema) });
export type ApiKeyListResponse = z.infer<typeof apiKeyListResponseSchema>;
