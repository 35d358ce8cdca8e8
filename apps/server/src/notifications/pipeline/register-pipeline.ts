/**
 * The notification pipeline on the app: the caller's notification and preference routes, and the
 * pipeline itself (started when the server is ready, stopped on close, before the broker).
 */
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../../config/load-config.js';
import type { Database } from '../../db/types.js';
import { notificationRoutes } from '../../http/routes/notifications.js';
import type { LiveUpdates } from '../../ws/register.js';
import type { ChannelSender, ChannelType } from '../types.js';
import type { DeliverableChannel } from './channel-access.js';
import { createNotificationPipeline, type NotificationPipeline } from './notification-pipeline.js';

export interface PipelineChannels {
  store: {
    getForDelivery(id: string): Promise<unknown>;
    disable(id: string, reason: string): Promise<void>;
  };
  senders: { get(type: ChannelType): ChannelSender<never> };
}

export async function registerNotificationPipeline(
  app: FastifyInstance,
  deps: {
    config: Config;
    db: Database;
    logger: Logger;
    live: LiveUpdates;
    channels: PipelineChannels;
    replica: string;
  },
): Promise<NotificationPipeline> {
  await app.register(notificationRoutes, { db: deps.db });
  const { config } = deps;
  const pipeline = createNotificationPipeline({
    db: deps.db,
    broker: deps.live.broker,
    authorizer: app.authorizer,
    channels: {
      getForDelivery: async (id) => (await deps.channels.store.getForDelivery(id)) as DeliverableChannel | null,
      disable: (id, reason) => deps.channels.store.disable(id, reason),
    },
    senders: { get: (type) => deps.channels.senders.get(type) as unknown as ChannelSender },
    userSockets: deps.live.userSockets,
    logger: deps.logger,
    replicaId: deps.replica,
    settings: {
      maxAttempts: config.NOTIFICATION_DELIVERY_ATTEMPTS,
      retryBaseMs: config.NOTIFICATION_RETRY_BASE_MS,
      digestHour: config.NOTIFICATION_DIGEST_HOUR,
      ...(config.PUBLIC_URL ? { publicUrl: config.PUBLIC_URL } : {}),
    },
  });
  app.addHook('onReady', async () => pipeline.start());
  app.addHook('preClose', async () => pipeline.stop());
  return pipeline;
}
