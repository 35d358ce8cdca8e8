import type { ChannelSender, ChannelType } from '../types.js';
import { createSlackSender } from './slack-sender.js';
import { createSmtpSender } from './smtp-sender.js';
import { createTeamsSender } from './teams-sender.js';
import { createTelegramSender } from './telegram-sender.js';
import { createWebhookSender } from './webhook-sender.js';

/** One sender per channel type; close() ends the pooled SMTP connections (at shutdown). */
export interface ChannelSenders {
  get(type: ChannelType): ChannelSender;
  close(): Promise<void>;
}

export function createChannelSenders(options: { timeoutMs?: number } = {}): ChannelSenders {
  const smtp = createSmtpSender(options);
  const senders: Record<ChannelType, ChannelSender<never>> = {
    smtp,
    slack: createSlackSender(options),
    teams: createTeamsSender(options),
    telegram: createTelegramSender(options),
    webhook: createWebhookSender(options),
  };
  return {
    get: (type) => senders[type] as unknown as ChannelSender,
    close: () => smtp.close(),
  };
}
