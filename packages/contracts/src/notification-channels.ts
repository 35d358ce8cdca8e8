import { z } from 'zod';
import { emailSchema, plainTextSchema } from './identity.js';
import { endpointUrlSchema } from './validation.js';

/**
 * Notification channels (issue 19; DESIGN.md "Contract for the second wave"): where alerts are delivered
 * besides the in-app centre. Admins manage them at `/api/notifications/channels[/{id}[/test]]`.
 *
 * Secrets are write-only: a request may carry them, an answer never does (it says `<field>_set` and, for a
 * URL that is itself a secret, only its origin as `url_hint`). A PUT without a secret keeps the stored one;
 * an optional secret is removed with `null`. The read-only fields of an answer are accepted (and ignored)
 * in a PUT, so a channel can be sent back as it came.
 */

export const CHANNEL_TYPES = ['smtp', 'slack', 'teams', 'telegram', 'webhook'] as const;
export const channelTypeSchema = z.enum(CHANNEL_TYPES);
export type NotificationChannelType = z.infer<typeof channelTypeSchema>;

const noLineBreaks = (v: string) => !/[\r\n]/.test(v);

/** http(s), no credentials or fragment. Admin-set, so private addresses are allowed (DESIGN.md outbound rule). */
const channelUrlSchema = endpointUrlSchema;

const hostSchema = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(
    /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|[0-9A-Fa-f:.]+)$/,
    'must be a host name or IP address',
  );

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+$/;
/** `alerts@example.com` or `Argus <alerts@example.com>`. */
const mailboxSchema = z
  .string()
  .trim()
  .max(320)
  .refine(noLineBreaks, 'must be one line')
  .refine(
    (v) => EMAIL.test(v) || /^[^<>"]{0,100}<[^\s@<>]+@[^\s@<>]+>$/.test(v),
    'must be an address or "Name <address>"',
  );
/** One or more addresses, comma-separated. */
const addressListSchema = z
  .string()
  .trim()
  .max(2000)
  .refine(noLineBreaks, 'must be one line')
  .refine((v) => {
    const parts = v.split(',').map((s) => s.trim());
    return parts.length > 0 && parts.length <= 50 && parts.every((p) => EMAIL.test(p));
  }, 'must be one or more addresses separated by commas');

const pemCaSchema = z
  .string()
  .max(50_000)
  .refine((v) => v.includes('-----BEGIN CERTIFICATE-----'), 'must be PEM certificates (-----BEGIN CERTIFICATE-----)');

/** Telegram bot tokens look like `123456:ABC-DEF…`. */
const botTokenSchema = z
  .string()
  .trim()
  .regex(/^\d{1,20}:[A-Za-z0-9_-]{20,100}$/, 'must be a Telegram bot token');
/** A numeric chat id (groups are negative) or `@channelusername`. */
const chatIdSchema = z
  .string()
  .trim()
  .regex(/^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{3,64})$/, 'must be a numeric chat id or @channelname');

/** Standard Webhooks secret: `whsec_` and 24–64 random bytes in base64. */
export const webhookSecretSchema = z
  .string()
  .trim()
  .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, 'must be whsec_ followed by base64')
  .refine((v) => {
    // Decoded length of the base64 text (the contracts also run in browsers: no Buffer).
    const b64 = v.slice(6);
    const n = Math.floor((b64.length * 3) / 4) - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);
    return n >= 24 && n <= 64;
  }, 'the key after whsec_ must be 24 to 64 bytes');

const readOnly = {
  password_set: z.boolean().optional(),
  url_set: z.boolean().optional(),
  url_hint: z.string().nullish(),
  secret_set: z.boolean().optional(),
  bot_token_set: z.boolean().optional(),
  previous_secrets: z.array(z.object({ expires_at: z.string() })).optional(),
};

/** `required`: the secret must be given (create); otherwise it may be left out (keep) on update. */
function configSchemas(required: boolean) {
  const secretUrl = required ? channelUrlSchema : channelUrlSchema.optional();
  return {
    smtp: z
      .object({
        host: hostSchema,
        port: z.number().int().min(1).max(65535),
        /** Implicit TLS from the first byte (port 465); false: plain, upgraded with STARTTLS when offered. */
        secure: z.boolean(),
        /** With `secure: false`: refuse to send unless the server offers STARTTLS. */
        require_tls: z.boolean().optional(),
        username: plainTextSchema.max(500).nullish(),
        password: z.string().max(2000).nullish(),
        from: mailboxSchema,
        /** Fixed recipients; absent: each user's own address. */
        to: addressListSchema.nullish(),
        /** Extra CA certificates (PEM) trusted for this server's TLS certificate. */
        tls_ca: pemCaSchema.nullish(),
        ...readOnly,
      })
      .strict(),
    slack: z.object({ url: secretUrl, ...readOnly }).strict(),
    teams: z.object({ url: secretUrl, ...readOnly }).strict(),
    telegram: z
      .object({
        bot_token: required ? botTokenSchema : botTokenSchema.optional(),
        chat_id: chatIdSchema,
        /** The Bot API's address (default https://api.telegram.org); for a local Bot API server or tests. */
        api_base_url: channelUrlSchema.nullish(),
        ...readOnly,
      })
      .strict(),
    webhook: z
      .object({
        url: secretUrl,
        /** Signs each request (Standard Webhooks); null removes it; absent on update keeps it. */
        secret: webhookSecretSchema.nullish(),
        /** How long a replaced secret still signs (rotation: receivers verify either); 0 drops it at once. */
        previous_secret_ttl_hours: z.number().int().min(0).max(720).optional(),
        ...readOnly,
      })
      .strict(),
  };
}

function channelRequestSchema(required: boolean) {
  const c = configSchemas(required);
  const common = {
    name: plainTextSchema.trim().min(1).max(100),
    enabled: z.boolean().optional(),
    // Read-only fields of an answer, ignored.
    id: z.string().optional(),
    disabled_reason: z.string().nullish(),
    disabled_at: z.string().nullish(),
    created_at: z.string().optional(),
    updated_at: z.string().optional(),
  };
  // One-value enums, not literals: the OpenAPI document writes a literal as `enum` (openapi.test compares).
  return z.discriminatedUnion('type', [
    z.object({ ...common, type: z.enum(['smtp']), config: c.smtp }).strict(),
    z.object({ ...common, type: z.enum(['slack']), config: c.slack }).strict(),
    z.object({ ...common, type: z.enum(['teams']), config: c.teams }).strict(),
    z.object({ ...common, type: z.enum(['telegram']), config: c.telegram }).strict(),
    z.object({ ...common, type: z.enum(['webhook']), config: c.webhook }).strict(),
  ]);
}

export const createChannelRequestSchema = channelRequestSchema(true).meta({
  examples: [
    {
      name: 'Ops webhook',
      type: 'webhook',
      config: { url: 'https://hooks.example.com/argus', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' },
    },
  ],
});
export type CreateChannelRequest = z.infer<typeof createChannelRequestSchema>;
/** PUT: like create, but secrets may be left out (kept) and `type` must be the stored one. */
export const updateChannelRequestSchema = channelRequestSchema(false);
export type UpdateChannelRequest = z.infer<typeof updateChannelRequestSchema>;

const urlPublic = { url_set: z.boolean(), url_hint: z.string().nullable() };
export const channelPublicConfigSchemas = {
  smtp: z.object({
    host: z.string(),
    port: z.number(),
    secure: z.boolean(),
    require_tls: z.boolean(),
    username: z.string().nullable(),
    password_set: z.boolean(),
    from: z.string(),
    to: z.string().nullable(),
    tls_ca: z.string().nullable(),
  }),
  slack: z.object(urlPublic),
  teams: z.object(urlPublic),
  telegram: z.object({ bot_token_set: z.boolean(), chat_id: z.string(), api_base_url: z.string().nullable() }),
  webhook: z.object({
    ...urlPublic,
    secret_set: z.boolean(),
    previous_secret_ttl_hours: z.number(),
    /** Replaced secrets that still sign until `expires_at` (key rotation). */
    previous_secrets: z.array(z.object({ expires_at: z.string() })),
  }),
};

const channelCommon = {
  id: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  /** Why the server disabled the channel (a permanent delivery failure); null when enabled or disabled by hand. */
  disabled_reason: z.string().nullable(),
  disabled_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
};
export const notificationChannelSchema = z.discriminatedUnion('type', [
  z.object({ ...channelCommon, type: z.literal('smtp'), config: channelPublicConfigSchemas.smtp }),
  z.object({ ...channelCommon, type: z.literal('slack'), config: channelPublicConfigSchemas.slack }),
  z.object({ ...channelCommon, type: z.literal('teams'), config: channelPublicConfigSchemas.teams }),
  z.object({ ...channelCommon, type: z.literal('telegram'), config: channelPublicConfigSchemas.telegram }),
  z.object({ ...channelCommon, type: z.literal('webhook'), config: channelPublicConfigSchemas.webhook }),
]);
export type NotificationChannel = z.infer<typeof notificationChannelSchema>;

export const notificationChannelListSchema = z.object({ items: z.array(notificationChannelSchema) });
export type NotificationChannelList = z.infer<typeof notificationChannelListSchema>;

/** `GET /api/notifications/channel-options`: what any signed-in user may choose in their preferences (no config). */
export const channelOptionListSchema = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      type: z.enum(['smtp', 'slack', 'teams', 'telegram', 'webhook']),
      enabled: z.boolean(),
    }),
  ),
});
export type ChannelOptionList = z.infer<typeof channelOptionListSchema>;

/** `POST …/channels/{id}/test`: `to` overrides the recipient of a mail channel without fixed `to` (default: the caller). */
export const channelTestRequestSchema = z
  .object({ to: emailSchema.optional() })
  .strict()
  .nullish()
  .transform((v) => v ?? {});
export type ChannelTestRequest = z.infer<typeof channelTestRequestSchema>;

/** The outcome of a test message; never the peer's answer body. */
export const channelTestResponseSchema = z.object({
  ok: z.boolean(),
  status: z.enum(['sent', 'retry', 'permanent']),
  message: z.string(),
  retry_after_ms: z.number().optional(),
});
export type ChannelTestResponse = z.infer<typeof channelTestResponseSchema>;
