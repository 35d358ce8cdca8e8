import { createHmac } from 'node:crypto';
import type { ChannelSender, OutgoingMessage } from '../types.js';
import type { WebhookChannelConfig } from './channel-config.js';
import { outcomeForStatus, postJson } from './http-outcome.js';
import { safeLink } from './render.js';

/**
 * A generic webhook signed per Standard Webhooks (https://www.standardwebhooks.com): `webhook-id` (the
 * delivery's idempotency key: the same on every redelivery, so receivers dedupe), `webhook-timestamp` (unix
 * seconds of this attempt) and `webhook-signature`: `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` with the
 * key from `whsec_<base64>`, one per live key, space-separated (during a rotation both the new and the
 * previous secret sign, so a receiver that knows either accepts).
 */

/** The signature header value for one message, with each secret (`whsec_…`) in order. */
export function signStandardWebhook(secrets: readonly string[], id: string, timestamp: number, body: string): string {
  return secrets
    .map((secret) => {
      const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
      return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
    })
    .join(' ');
}

/** The JSON body: Standard Webhooks' recommended `{type, timestamp, data}`. */
export function webhookPayload(message: OutgoingMessage, now: Date): Record<string, unknown> {
  const { event } = message;
  const link = safeLink(message.url);
  return {
    type: event.state === 'event' ? 'notification.event' : `alert.${event.state}`,
    timestamp: now.toISOString(),
    data: { ...event, ...(link ? { url: link } : {}) },
  };
}

export function liveSecrets(config: WebhookChannelConfig, now: Date): string[] {
  if (!config.secret) return [];
  const previous = (config.previous_secrets ?? [])
    .filter((p) => Date.parse(p.expires_at) > now.getTime())
    .map((p) => p.secret);
  return [config.secret, ...previous];
}

export function createWebhookSender(
  options: { timeoutMs?: number; now?: () => Date } = {},
): ChannelSender<WebhookChannelConfig> {
  const now = options.now ?? (() => new Date());
  return {
    type: 'webhook',
    async send(config, message, { signal }) {
      const at = now();
      const timestamp = Math.floor(at.getTime() / 1000);
      const body = JSON.stringify(webhookPayload(message, at));
      const headers: Record<string, string> = {
        'webhook-id': message.idempotencyKey,
        'webhook-timestamp': String(timestamp),
      };
      const secrets = liveSecrets(config, at);
      if (secrets.length)
        headers['webhook-signature'] = signStandardWebhook(secrets, message.idempotencyKey, timestamp, body);
      const result = await postJson('the webhook', config.url, body, {
        headers,
        signal,
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      });
      return result.ok ? outcomeForStatus('the webhook', result.answer) : result.outcome;
    },
  };
}
