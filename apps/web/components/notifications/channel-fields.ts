/**
 * The settings of each channel type, as the channel routes take them (listed in
 * docs/notifications.md): which are secrets (write-only: the API answers `<key>_set` instead, and an empty
 * field on edit keeps the stored value), which are required, which are numbers or switches.
 */
import type { ChannelType } from '@/lib/notifications';

export interface ChannelField {
  key: string;
  label: string;
  kind?: 'text' | 'number' | 'checkbox' | 'textarea' | 'password' | 'url' | 'email';
  required?: boolean;
  /** Write-only: never shown back; `<key>_set` (or `url_set`) says one is stored. */
  secret?: boolean;
  placeholder?: string;
  hint?: string;
  default?: string | boolean;
  /** Offers a "Generate" button that fills in a fresh value. */
  generate?: () => string;
}

/** A Standard Webhooks signing secret: `whsec_` and 32 random bytes in base64. */
export function generateWebhookSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `whsec_${btoa(String.fromCharCode(...bytes))}`;
}

export const CHANNEL_FIELDS: Record<ChannelType, ChannelField[]> = {
  webhook: [
    {
      key: 'url',
      label: 'URL',
      kind: 'url',
      required: true,
      secret: true,
      placeholder: 'https://example.com/hooks/argus',
    },
    {
      key: 'secret',
      label: 'Signing secret',
      kind: 'password',
      secret: true,
      placeholder: 'whsec_…',
      generate: generateWebhookSecret,
      hint: 'Standard Webhooks (HMAC-SHA256). A new secret replaces the old one; the old one keeps signing for the hours below.',
    },
    { key: 'previous_secret_ttl_hours', label: 'Old secret valid for (hours)', kind: 'number', placeholder: '24' },
  ],
  smtp: [
    { key: 'host', label: 'SMTP host', required: true, placeholder: 'smtp.example.com' },
    { key: 'port', label: 'Port', kind: 'number', required: true, default: '587' },
    { key: 'secure', label: 'Implicit TLS (port 465)', kind: 'checkbox', default: false },
    { key: 'require_tls', label: 'Require STARTTLS', kind: 'checkbox', default: false },
    { key: 'username', label: 'User name' },
    { key: 'password', label: 'Password', kind: 'password', secret: true },
    { key: 'from', label: 'From', required: true, placeholder: 'Argus <argus@example.com>' },
    {
      key: 'to',
      label: 'To',
      placeholder: 'oncall@example.com, team@example.com',
      hint: 'Empty: each user’s own address.',
    },
    { key: 'tls_ca', label: 'CA certificate (PEM)', kind: 'textarea', hint: 'Only for a server with a private CA.' },
  ],
  slack: [
    {
      key: 'url',
      label: 'Incoming webhook URL',
      kind: 'url',
      required: true,
      secret: true,
      placeholder: 'https://hooks.slack.com/services/…',
    },
  ],
  teams: [
    {
      key: 'url',
      label: 'Workflow webhook URL',
      kind: 'url',
      required: true,
      secret: true,
      placeholder: 'https://….logic.azure.com/workflows/…',
    },
  ],
  telegram: [
    { key: 'bot_token', label: 'Bot token', kind: 'password', required: true, secret: true },
    { key: 'chat_id', label: 'Chat id', required: true, placeholder: '-1001234567890' },
    { key: 'api_base_url', label: 'Bot API base URL', kind: 'url', placeholder: 'https://api.telegram.org' },
  ],
};

/** Whether the stored channel has this secret (`password_set`, `url_set`, …). */
export function secretStored(config: Record<string, unknown>, key: string): boolean {
  return config[`${key}_set`] === true;
}

export type FormValues = Record<string, string | boolean>;

/** The form's starting values: the stored public settings (never secrets), else the defaults. */
export function initialValues(type: ChannelType, config: Record<string, unknown> = {}): FormValues {
  const out: FormValues = {};
  for (const f of CHANNEL_FIELDS[type]) {
    const v = f.secret ? undefined : config[f.key];
    if (f.kind === 'checkbox') out[f.key] = typeof v === 'boolean' ? v : f.default === true;
    else out[f.key] = v === undefined || v === null ? String(f.default ?? '') : String(v);
  }
  return out;
}

/**
 * The `config` to send: typed values; a secret left empty is omitted (kept on edit), an optional empty field
 * is left out; numbers as numbers.
 */
export function configOf(type: ChannelType, values: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of CHANNEL_FIELDS[type]) {
    const v = values[f.key];
    if (f.kind === 'checkbox') {
      out[f.key] = v === true;
      continue;
    }
    const s = typeof v === 'string' ? v.trim() : '';
    if (!s) continue;
    out[f.key] = f.kind === 'number' ? Number(s) : s;
  }
  return out;
}
