/**
 * The notification pipeline on one replica: the outbox relay, the stage consumers (in consumer groups, so
 * replicas share the work by key), the delivery scheduler, the daily digest and the live push to this
 * replica's WebSocket connections. Start it once per replica; stop it on shutdown.
 */
import type { InAppNotification } from '@argus/contracts';
import type { Logger } from 'pino';
import type { Authorizer } from '../../auth/types.js';
import type { Broker } from '../../broker/broker.js';
import type { Database } from '../../db/types.js';
import { createLeaseStore } from '../../ownership/lease-store.js';
import type { UserSockets } from '../../ws/user-sockets.js';
import { NOTIFICATION_TOPICS, type NotificationEvent } from '../types.js';
import type { DeliveryChannelStore, DeliverySenders } from './channel-access.js';
import { createDeliveryWorker } from './delivery-worker.js';
import { createDigest } from './digest.js';
import { createFanOut, type DeliveryMessage, type UserNotificationMessage } from './fan-out.js';
import { createOutboxRelay, type OutboxRelay } from './outbox-relay.js';

/** Broadcast to every replica: a notification to push to a user's sockets. */
export const PUSH_TOPIC = 'argus.notifications.push';

export const CONSUMER_GROUPS = {
  fanOut: 'argus-notification-fan-out',
  users: 'argus-notification-users',
  deliveries: 'argus-notification-deliveries',
} as const;

export interface PipelineSettings {
  maxAttempts: number;
  retryBaseMs: number;
  digestHour: number;
  claimMs?: number;
  sendTimeoutMs?: number;
  publicUrl?: string;
  /** Intervals (tests shorten them). */
  relayPollMs?: number;
  schedulerPollMs?: number;
  digestPollMs?: number;
}

export interface NotificationPipelineDeps {
  db: Database;
  broker: Broker;
  authorizer: Authorizer;
  channels: DeliveryChannelStore;
  senders: DeliverySenders;
  userSockets?: UserSockets;
  logger: Logger;
  /** This replica's id (lease holder). */
  replicaId: string;
  settings: PipelineSettings;
  onOutcome?: (status: string) => void;
}

export interface NotificationPipeline {
  relay: OutboxRelay;
  start(): void;
  stop(): Promise<void>;
  /** Tests: the scheduler and the digest on demand. */
  dispatchDue(): Promise<number>;
  runDigest(at?: Date): Promise<number>;
}

export function createNotificationPipeline(deps: NotificationPipelineDeps): NotificationPipeline {
  const { db, broker, settings } = deps;
  const log = deps.logger.child({ component: 'notification-pipeline' });
  const claimMs = settings.claimMs ?? 60_000;
  const leases = createLeaseStore(db);
  const relay = createOutboxRelay({
    db,
    broker,
    leases,
    holder: deps.replicaId,
    logger: deps.logger,
    ...(settings.relayPollMs ? { pollMs: settings.relayPollMs } : {}),
  });
  const fanOut = createFanOut({
    db,
    authorizer: deps.authorizer,
    channels: deps.channels,
    logger: deps.logger,
    claimMs,
    push: (userId, notification) =>
      broker.publish(PUSH_TOPIC, { user_id: userId, notification }, { key: userId, overflow: 'drop-oldest' }),
  });
  const worker = createDeliveryWorker({
    db,
    authorizer: deps.authorizer,
    channels: deps.channels,
    senders: deps.senders,
    logger: deps.logger,
    maxAttempts: settings.maxAttempts,
    retryBaseMs: settings.retryBaseMs,
    claimMs,
    sendTimeoutMs: settings.sendTimeoutMs ?? 30_000,
    ...(settings.publicUrl ? { publicUrl: settings.publicUrl } : {}),
    ...(deps.onOutcome ? { onOutcome: deps.onOutcome } : {}),
  });
  const digest = createDigest({
    db,
    authorizer: deps.authorizer,
    leases,
    holder: deps.replicaId,
    logger: deps.logger,
    hour: settings.digestHour,
    claimMs,
  });

  const offs: Array<() => void> = [];
  const timers: NodeJS.Timeout[] = [];
  let stopped = true;

  function loop(name: string, ms: number, fn: () => Promise<unknown>): void {
    let failures = 0;
    const tick = async () => {
      if (stopped) return;
      try {
        await fn();
        failures = 0;
      } catch (err) {
        if (failures++ % 50 === 0) log.warn({ loop: name, err: (err as Error).message }, 'notification loop failed');
      }
      if (!stopped) timers.push(setTimeout(tick, ms).unref());
    };
    timers.push(setTimeout(tick, ms).unref());
  }

  return {
    relay,
    start() {
      if (!stopped) return;
      stopped = false;
      offs.push(
        broker.subscribe<NotificationEvent>(
          NOTIFICATION_TOPICS.events,
          (m) => fanOut.handleEvent(m.value).then(() => undefined),
          {
            group: CONSUMER_GROUPS.fanOut,
          },
        ),
        broker.subscribe<UserNotificationMessage>(
          NOTIFICATION_TOPICS.notifications,
          (m) => fanOut.handleUserNotification(m.value),
          { group: CONSUMER_GROUPS.users },
        ),
        broker.subscribe<DeliveryMessage>(NOTIFICATION_TOPICS.deliveries, (m) => worker.handle(m.value), {
          group: CONSUMER_GROUPS.deliveries,
        }),
        broker.subscribe<DeliveryMessage>(NOTIFICATION_TOPICS.retry, (m) => worker.handle(m.value), {
          group: CONSUMER_GROUPS.deliveries,
        }),
        // No group: every replica gets every push and sends it to the sockets it holds.
        broker.subscribe<{ user_id: string; notification: InAppNotification }>(PUSH_TOPIC, (m) => {
          deps.userSockets?.send(m.value.user_id, { type: 'notification', notification: m.value.notification });
        }),
      );
      relay.start();
      loop('scheduler', settings.schedulerPollMs ?? 500, () => worker.dispatchDue());
      loop('digest', settings.digestPollMs ?? 60_000, () => digest.runOnce());
    },
    async stop() {
      stopped = true;
      for (const t of timers.splice(0)) clearTimeout(t);
      for (const off of offs.splice(0)) off();
      await relay.stop();
      await leases.release('notification-digest', deps.replicaId).catch(() => undefined);
    },
    dispatchDue: () => worker.dispatchDue(),
    runDigest: (at) => digest.runOnce(at),
  };
}
