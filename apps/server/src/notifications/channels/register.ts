import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/types.js';
import type { SecretBox } from '../../secrets/secret-box.js';
import { channelRoutes } from './channel-routes.js';
import { type ChannelSenders, createChannelSenders } from './channel-senders.js';
import { type ChannelStore, createChannelStore } from './channel-store.js';

export interface NotificationChannels {
  store: ChannelStore;
  senders: ChannelSenders;
}

/** The channel store, the senders (closed with the app) and the admin routes. */
export async function registerNotificationChannels(
  app: FastifyInstance,
  deps: { db: Database; secrets: SecretBox; publicUrl?: string | undefined },
): Promise<NotificationChannels> {
  const store = createChannelStore({ db: deps.db, secrets: deps.secrets });
  const senders = createChannelSenders();
  app.addHook('onClose', () => senders.close());
  await app.register(channelRoutes, { store, senders, publicUrl: deps.publicUrl });
  return { store, senders };
}
