import type { ChannelSender, DeliveryOutcome, OutgoingMessage } from '../types.js';
import type { TelegramChannelConfig } from './channel-config.js';
import { clampRetryAfterMs, outcomeForStatus, type PeerAnswer, postJson } from './http-outcome.js';
import { alertLines, factsOf, safeLink, subjectOf } from './render.js';
import { splitTelegramMessage, type TelegramLine } from './telegram-split.js';

/**
 * Telegram Bot API `sendMessage` with `parse_mode: HTML`. The bot token is part of the URL
 * (`/bot<token>/sendMessage`): that URL is never logged or put in a reason. A message over 4,096 characters
 * goes as several; the parts already accepted are remembered per idempotency key (bounded, this process), so
 * a retry after a 429 in the middle continues where it stopped instead of repeating the first parts.
 */

export const TELEGRAM_API = 'https://api.telegram.org';
const REMEMBERED = 2000;

export function telegramLines(message: OutgoingMessage): TelegramLine[] {
  const { event } = message;
  const lines: TelegramLine[] = [{ text: subjectOf(event), bold: true }];
  if (event.body.trim()) lines.push({ text: '' }, ...event.body.split('\n').map((text) => ({ text })));
  const alerts = alertLines(event);
  if (alerts.length) lines.push({ text: '' }, ...alerts.map((l) => ({ text: `• ${l}` })));
  lines.push({ text: '' }, ...factsOf(message).map((f) => ({ text: `${f.name}: ${f.value}` })));
  const link = safeLink(message.url);
  if (link) lines.push({ text: '' }, { text: 'Open in Argus', href: link });
  return lines;
}

interface TelegramError {
  ok?: boolean;
  description?: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

function parse(body: string): TelegramError {
  try {
    const value = JSON.parse(body) as unknown;
    return value && typeof value === 'object' ? (value as TelegramError) : {};
  } catch {
    return {};
  }
}

/** Telegram's answer → outcome; reasons are fixed phrases chosen from its error, never its description. */
export function telegramOutcome(answer: PeerAnswer): DeliveryOutcome {
  const error = parse(answer.body);
  if (answer.status === 429) {
    const retryAfter = error.parameters?.retry_after;
    const outcome = outcomeForStatus('Telegram', answer);
    if (outcome.status === 'retry' && outcome.retryAfterMs === undefined && typeof retryAfter === 'number')
      return { ...outcome, retryAfterMs: clampRetryAfterMs(retryAfter * 1000) };
    return outcome;
  }
  const description = typeof error.description === 'string' ? error.description : '';
  const migrated = error.parameters?.migrate_to_chat_id;
  let note: string | undefined;
  if (Number.isSafeInteger(migrated)) note = `the group became a supergroup: set the chat id to ${migrated}`;
  else if (/chat not found/i.test(description)) note = 'the chat was not found';
  else if (/can't parse entities/i.test(description)) note = 'Telegram could not parse the message';
  else if (answer.status === 401) note = 'the bot token was refused';
  else if (answer.status === 403) note = 'the bot may not post to this chat (blocked, removed or not a member)';
  return outcomeForStatus('Telegram', answer, note);
}

export function createTelegramSender(options: { timeoutMs?: number } = {}): ChannelSender<TelegramChannelConfig> {
  /** idempotency key → parts already accepted (insertion-ordered: oldest evicted first). */
  const progress = new Map<string, number>();
  return {
    type: 'telegram',
    async send(config, message, { signal }) {
      const base = (config.api_base_url ?? TELEGRAM_API).replace(/\/+$/, '');
      const url = `${base}/bot${config.bot_token}/sendMessage`;
      const parts = splitTelegramMessage(telegramLines(message));
      const done = progress.get(message.idempotencyKey) ?? 0;
      for (let i = done; i < parts.length; i++) {
        const body = JSON.stringify({
          chat_id: config.chat_id,
          text: parts[i],
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
        });
        const result = await postJson('Telegram', url, body, {
          signal,
          ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
        });
        const outcome = result.ok ? telegramOutcome(result.answer) : result.outcome;
        if (outcome.status !== 'sent') {
          if (i > 0) {
            progress.delete(message.idempotencyKey);
            progress.set(message.idempotencyKey, i);
            if (progress.size > REMEMBERED) progress.delete(progress.keys().next().value as string);
          }
          return outcome;
        }
      }
      progress.delete(message.idempotencyKey);
      return { status: 'sent', detail: `Telegram accepted ${parts.length} message${parts.length === 1 ? '' : 's'}` };
    },
  };
}
