import type { ChannelSender, OutgoingMessage } from '../types.js';
import type { UrlChannelConfig } from './channel-config.js';
import { outcomeForStatus, postJson } from './http-outcome.js';
import { alertLines, factsOf, plainText, safeLink, subjectOf, truncate } from './render.js';

/**
 * Slack incoming webhook: Block Kit blocks with a `text` fallback (notifications, screen readers, old
 * clients). Slack answers errors as a short plain-text code (`no_service`, `channel_is_archived`, …): a known
 * code is named in the reason, anything else is not repeated.
 */

/** Slack mrkdwn: only &, < and > need escaping. */
const escapeMrkdwn = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const SLACK_ERRORS = new Set([
  'invalid_payload',
  'no_text',
  'no_service',
  'no_service_id',
  'no_team',
  'team_disabled',
  'invalid_token',
  'action_prohibited',
  'channel_not_found',
  'channel_is_archived',
  'posting_to_general_channel_denied',
  'user_not_found',
  'too_many_attachments',
  'invalid_blocks',
  'invalid_blocks_format',
]);

export function slackPayload(message: OutgoingMessage): Record<string, unknown> {
  const { event } = message;
  const link = safeLink(message.url);
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(subjectOf(event), 150), emoji: false } },
  ];
  if (event.body.trim())
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(escapeMrkdwn(event.body), 3000) } });
  blocks.push({
    type: 'section',
    fields: factsOf(message)
      .slice(0, 10)
      .map((f) => ({ type: 'mrkdwn', text: truncate(`*${f.name}*\n${escapeMrkdwn(f.value)}`, 2000) })),
  });
  const alerts = alertLines(event);
  if (alerts.length)
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(alerts.map((l) => `• ${escapeMrkdwn(l)}`).join('\n'), 3000) },
    });
  if (link)
    blocks.push({
      type: 'actions',
      elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open in Argus' }, url: truncate(link, 3000) }],
    });
  return { text: truncate(plainText(message), 3000), blocks };
}

export function createSlackSender(options: { timeoutMs?: number } = {}): ChannelSender<UrlChannelConfig> {
  return {
    type: 'slack',
    async send(config, message, { signal }) {
      const result = await postJson('Slack', config.url, JSON.stringify(slackPayload(message)), {
        signal,
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      });
      if (!result.ok) return result.outcome;
      const code = result.answer.body.trim();
      return outcomeForStatus('Slack', result.answer, SLACK_ERRORS.has(code) ? code : undefined);
    },
  };
}
