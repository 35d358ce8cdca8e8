/**
 * What the pipeline needs of the channels (apps/server/src/notifications/channels, the "channels" part):
 * the channel with its decrypted config, disabling a channel that fails permanently, and a sender per type.
 */
import type { ChannelSender, ChannelType } from '../types.js';

export interface DeliverableChannel {
  id: string;
  name: string;
  type: ChannelType;
  enabled: boolean;
  disabled_reason?: string | null;
  /** Decrypted: never log it. */
  config: Record<string, unknown>;
}

export interface DeliveryChannelStore {
  getForDelivery(id: string): Promise<DeliverableChannel | null>;
  disable(id: string, reason: string): Promise<void>;
}

export interface DeliverySenders {
  get(type: ChannelType): ChannelSender;
}

/** Mail without a fixed `to` goes to each user's own address: one delivery per user, not per channel. */
export function isPerUser(channel: DeliverableChannel): boolean {
  if (channel.type !== 'smtp') return false;
  const to = channel.config.to;
  return typeof to !== 'string' || to.trim() === '';
}
