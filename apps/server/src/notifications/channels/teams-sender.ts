import type { ChannelSender, OutgoingMessage } from '../types.js';
import type { UrlChannelConfig } from './channel-config.js';
import { outcomeForStatus, postJson } from './http-outcome.js';
import { alertLines, factsOf, safeLink, subjectOf, truncate } from './render.js';

/**
 * Microsoft Teams through a Workflows ("Post to a channel when a webhook request is received") webhook: a
 * `message` with one Adaptive Card attachment. The workflow answers 202 Accepted.
 */

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

const COLOR = { critical: 'Attention', warning: 'Warning', info: 'Accent' } as const;

export function teamsPayload(message: OutgoingMessage): Record<string, unknown> {
  const { event } = message;
  const link = safeLink(message.url);
  const body: unknown[] = [
    {
      type: 'TextBlock',
      text: subjectOf(event),
      weight: 'Bolder',
      size: 'Medium',
      wrap: true,
      color: event.state === 'resolved' ? 'Good' : COLOR[event.severity],
    },
  ];
  if (event.body.trim()) body.push({ type: 'TextBlock', text: truncate(event.body, 10_000), wrap: true });
  body.push({
    type: 'FactSet',
    facts: factsOf(message).map((f) => ({ title: f.name, value: truncate(f.value, 500) })),
  });
  const alerts = alertLines(event);
  if (alerts.length)
    body.push({ type: 'TextBlock', text: alerts.map((l) => `- ${l}`).join('\n'), wrap: true, spacing: 'Medium' });
  const card: Record<string, unknown> = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    msteams: { width: 'Full' },
    body,
  };
  if (link) card.actions = [{ type: 'Action.OpenUrl', title: 'Open in Argus', url: link }];
  return {
    type: 'message',
    summary: subjectOf(event),
    attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, contentUrl: null, content: card }],
  };
}

export function createTeamsSender(options: { timeoutMs?: number } = {}): ChannelSender<UrlChannelConfig> {
  return {
    type: 'teams',
    async send(config, message, { signal }) {
      const result = await postJson('Teams', config.url, JSON.stringify(teamsPayload(message)), {
        signal,
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      });
      return result.ok ? outcomeForStatus('Teams', result.answer) : result.outcome;
    },
  };
}
