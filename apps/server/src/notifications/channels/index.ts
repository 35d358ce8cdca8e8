export type {
  ChannelConfigByType,
  SmtpChannelConfig,
  TelegramChannelConfig,
  UrlChannelConfig,
  WebhookChannelConfig,
} from './channel-config.js';
export { type ChannelSenders, createChannelSenders } from './channel-senders.js';
export { type ChannelStore, createChannelStore, type DeliverableChannel } from './channel-store.js';
export { deliverToChannel } from './deliver.js';
export { type NotificationChannels, registerNotificationChannels } from './register.js';
export { signStandardWebhook } from './webhook-sender.js';
