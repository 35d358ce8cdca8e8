import type { NotificationChannel } from '@argus/contracts';
import type { ChannelType } from '../types.js';

/**
 * What a channel stores (encrypted as one JSON document), how a request's config merges into it (write-only
 * secrets: left out = kept, null = removed), and what an answer may show of it (no secret, ever).
 */

export interface SmtpChannelConfig {
  host: string;
  port: number;
  secure: boolean;
  require_tls?: boolean;
  username?: string | null;
  password?: string | null;
  from: string;
  to?: string | null;
  tls_ca?: string | null;
}
export interface UrlChannelConfig {
  url: string;
}
export interface TelegramChannelConfig {
  bot_token: string;
  chat_id: string;
  api_base_url?: string | null;
}
export interface WebhookChannelConfig {
  url: string;
  secret?: string | null;
  previous_secret_ttl_hours?: number;
  /** Replaced secrets that still sign until they expire (key rotation). */
  previous_secrets?: Array<{ secret: string; expires_at: string }>;
}
export interface ChannelConfigByType {
  smtp: SmtpChannelConfig;
  slack: UrlChannelConfig;
  teams: UrlChannelConfig;
  telegram: TelegramChannelConfig;
  webhook: WebhookChannelConfig;
}
export type AnyChannelConfig = ChannelConfigByType[ChannelType];

/** Per type: the write-only fields. */
export const SECRET_FIELDS: Record<ChannelType, readonly string[]> = {
  smtp: ['password'],
  slack: ['url'],
  teams: ['url'],
  telegram: ['bot_token'],
  webhook: ['url', 'secret'],
};
/** Fields of an answer that a PUT may send back; never stored. */
const READ_ONLY_FIELDS = ['password_set', 'url_set', 'url_hint', 'secret_set', 'bot_token_set', 'previous_secrets'];
export const DEFAULT_PREVIOUS_SECRET_TTL_HOURS = 24;
const MAX_PREVIOUS_SECRETS = 5;

/**
 * The stored config after a create (`stored` undefined) or an update. The request was validated by the
 * contract's schema (secrets required on create).
 */
export function mergeConfig(
  type: ChannelType,
  stored: AnyChannelConfig | undefined,
  input: Record<string, unknown>,
  now = new Date(),
): AnyChannelConfig {
  const next: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) if (!READ_ONLY_FIELDS.includes(k) && v !== undefined) next[k] = v;
  const old = (stored ?? {}) as Record<string, unknown>;
  for (const field of SECRET_FIELDS[type]) if (!(field in next) && field in old) next[field] = old[field];
  if (type === 'webhook') rotateWebhookSecret(old as Partial<WebhookChannelConfig>, next, now);
  for (const [k, v] of Object.entries(next)) if (v === null) delete next[k];
  return next as unknown as AnyChannelConfig;
}

function rotateWebhookSecret(old: Partial<WebhookChannelConfig>, next: Record<string, unknown>, now: Date): void {
  const live = (old.previous_secrets ?? []).filter((p) => Date.parse(p.expires_at) > now.getTime());
  const ttlHours = (next.previous_secret_ttl_hours as number | undefined) ?? DEFAULT_PREVIOUS_SECRET_TTL_HOURS;
  if (next.secret === null) {
    // Signing switched off: no key signs any more.
    next.previous_secrets = [];
    return;
  }
  if (old.secret && typeof next.secret === 'string' && next.secret !== old.secret && ttlHours > 0)
    live.unshift({ secret: old.secret, expires_at: new Date(now.getTime() + ttlHours * 3_600_000).toISOString() });
  next.previous_secrets = live.filter((p) => p.secret !== next.secret).slice(0, MAX_PREVIOUS_SECRETS);
}

/** The origin of a URL whose path or query is a secret (Slack, Teams): enough to recognise it. */
export function urlHint(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** What GET shows: no secret, only whether each is set. */
export function publicConfig(
  type: ChannelType,
  config: AnyChannelConfig,
  now = new Date(),
): NotificationChannel['config'] {
  switch (type) {
    case 'smtp': {
      const c = config as SmtpChannelConfig;
      return {
        host: c.host,
        port: c.port,
        secure: c.secure,
        require_tls: c.require_tls ?? false,
        username: c.username ?? null,
        password_set: Boolean(c.password),
        from: c.from,
        to: c.to ?? null,
        tls_ca: c.tls_ca ?? null,
      };
    }
    case 'slack':
    case 'teams': {
      const c = config as UrlChannelConfig;
      return { url_set: Boolean(c.url), url_hint: urlHint(c.url) };
    }
    case 'telegram': {
      const c = config as TelegramChannelConfig;
      return { bot_token_set: Boolean(c.bot_token), chat_id: c.chat_id, api_base_url: c.api_base_url ?? null };
    }
    case 'webhook': {
      const c = config as WebhookChannelConfig;
      return {
        url_set: Boolean(c.url),
        url_hint: urlHint(c.url),
        secret_set: Boolean(c.secret),
        previous_secret_ttl_hours: c.previous_secret_ttl_hours ?? DEFAULT_PREVIOUS_SECRET_TTL_HOURS,
        previous_secrets: (c.previous_secrets ?? [])
          .filter((p) => Date.parse(p.expires_at) > now.getTime())
          .map((p) => ({ expires_at: p.expires_at })),
      };
    }
  }
}
