import type { Logger } from 'pino';
import type { DeliveryOutcome, OutgoingMessage } from '../types.js';
import type { ChannelSenders } from './channel-senders.js';
import type { ChannelStore } from './channel-store.js';

/**
 * One delivery to one channel, as the pipeline makes it: a deleted or disabled channel is a permanent outcome
 * without sending; a permanent failure disables the channel with its reason (shown to admins); any failure
 * records the time. Logs carry the channel id and type, the outcome and reason: never the config.
 */
export async function deliverToChannel(
  deps: { store: ChannelStore; senders: ChannelSenders; logger: Logger },
  channelId: string,
  message: OutgoingMessage,
  options: { signal?: AbortSignal } = {},
): Promise<DeliveryOutcome> {
  const channel = await deps.store.getForDelivery(channelId);
  if (!channel) return { status: 'permanent', reason: 'the channel was deleted' };
  if (!channel.enabled)
    return {
      status: 'permanent',
      reason: `the channel is disabled${channel.disabled_reason ? `: ${channel.disabled_reason}` : ''}`,
    };
  const sender = deps.senders.get(channel.type);
  let outcome: DeliveryOutcome;
  try {
    outcome = await sender.send(channel.config as never, message, options.signal ? { signal: options.signal } : {});
  } catch (err) {
    // Senders do not throw for a peer's answer; this is a defect, retried rather than lost.
    deps.logger.error({ err, channelId, type: channel.type }, 'channel sender failed');
    outcome = { status: 'retry', reason: 'the sender failed unexpectedly' };
  }
  const log = { channelId, type: channel.type, status: outcome.status };
  if (outcome.status === 'sent') {
    deps.logger.debug(log, 'notification delivered');
    return outcome;
  }
  deps.logger.warn({ ...log, reason: outcome.reason }, 'notification delivery failed');
  if (outcome.status === 'permanent') await deps.store.disable(channelId, outcome.reason);
  else await deps.store.recordFailure(channelId);
  return outcome;
}
