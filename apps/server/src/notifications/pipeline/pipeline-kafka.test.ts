import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAuthorizer } from '../../auth/authorizer.js';
import type { Broker } from '../../broker/broker.js';
import { createKafkaBroker } from '../../broker/kafka-broker.js';
import { type MockKafka, startMockKafka, startTcpProxy, type TcpProxy } from '../../broker/kafka-test-kit.js';
import { createSecretBox, parseKeyring } from '../../secrets/secret-box.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { createChannelSenders } from '../channels/channel-senders.js';
import { createChannelStore } from '../channels/channel-store.js';
import { startTestReceiver, type TestReceiver } from '../channels/test-receiver.js';
import type { ChannelSender } from '../types.js';
import type { DeliverableChannel } from './channel-access.js';
import { createNotificationPipeline, type NotificationPipeline } from './notification-pipeline.js';
import { crashLoopEvent, notificationsOf, raise, type SeededUsers, seedUsers, until } from './pipeline-test-kit.js';
import { createPreferencesStore } from './preferences.js';

const logger = pino({ level: 'silent' });

/**
 * Two replicas on one PostgreSQL database and Kafka (librdkafka's mock cluster behind a TCP proxy): alerts
 * raised while the connection to Kafka is cut wait in the outbox and are delivered, once, after it is
 * restored.
 */
describe.skipIf(!inject('postgresAdminUrl'))('notification pipeline over Kafka', () => {
  let t: TestDatabase;
  let users: SeededUsers;
  let mock: MockKafka;
  let proxy: TcpProxy;
  const brokers: Broker[] = [];
  const pipelines: NotificationPipeline[] = [];
  const senders = createChannelSenders();
  let receiver: TestReceiver;

  beforeAll(async () => {
    t = await createTestDatabase('postgres');
    users = await seedUsers(t.db);
    receiver = await startTestReceiver();
    const store = createChannelStore({
      db: t.db,
      secrets: createSecretBox(parseKeyring(randomBytes(32).toString('hex'))),
    });
    const hook = (await store.create({ name: 'hook', type: 'webhook', config: { url: `${receiver.url}/hook` } }, null))
      .id;
    await createPreferencesStore(t.db).put(users.alice, {
      min_severity: 'warning',
      channels: [hook],
      mode: 'immediate',
    });
    mock = await startMockKafka();
    proxy = await startTcpProxy(mock.port);
    for (const replica of ['k1', 'k2']) {
      const broker = createKafkaBroker({
        brokers: [mock.bootstrap],
        logger,
        replicaId: replica,
        sessionTimeoutMs: 6_000,
        socketFactory: proxy.socketFactory,
      });
      brokers.push(broker);
      const p = createNotificationPipeline({
        db: t.db,
        broker,
        authorizer: createAuthorizer(t.db),
        channels: {
          getForDelivery: async (id) => (await store.getForDelivery(id)) as DeliverableChannel | null,
          disable: (id, reason) => store.disable(id, reason),
        },
        senders: { get: (type) => senders.get(type) as unknown as ChannelSender },
        logger,
        replicaId: replica,
        settings: { maxAttempts: 3, retryBaseMs: 200, digestHour: 8, relayPollMs: 100 },
      });
      p.start();
      pipelines.push(p);
    }
  }, 60_000);
  afterAll(async () => {
    await Promise.all(pipelines.map((p) => p.stop()));
    await Promise.all(brokers.map((b) => b.close()));
    await senders.close();
    await receiver?.close();
    await proxy?.close();
    await mock?.stop();
    await t?.drop();
  });

  it('keeps alerts in the outbox while Kafka is cut off and delivers them once after', async () => {
    const first = crashLoopEvent('kafka-1', users.clusterId, 'payments', 'api');
    await raise(t.db, first);
    await until('the first notification', async () => (await notificationsOf(t.db, users.alice)).length === 1, 90_000);

    proxy.cut();
    const during = [
      crashLoopEvent('kafka-2', users.clusterId, 'payments', 'api'),
      crashLoopEvent('kafka-3', users.clusterId, 'payments', 'worker'),
    ];
    for (const e of during) await raise(t.db, e);
    await until('the relay to fail', () => brokers.some((b) => b.health().status === 'degraded'), 60_000);
    expect(await pipelines[0]!.relay.pending()).toBeGreaterThan(0);
    expect((await notificationsOf(t.db, users.alice)).map((n) => n.event_id)).toEqual(['kafka-1']);

    proxy.restore();
    await until(
      'the alerts raised during the outage',
      async () => (await notificationsOf(t.db, users.alice)).length === 3,
      120_000,
    );
    await until('the outbox drained', async () => (await pipelines[0]!.relay.pending()) === 0, 60_000);
    expect((await notificationsOf(t.db, users.alice)).map((n) => n.event_id).sort()).toEqual([
      'kafka-1',
      'kafka-2',
      'kafka-3',
    ]);
    expect((await notificationsOf(t.db, users.bob)).length).toBe(0);
    // And on alice's channel, once each (deliveries and retries are consumer groups of their own per topic).
    const hooked = () => receiver.requests.map((r) => (r.json() as { data: { id: string } }).data.id);
    await until('the webhooks', () => new Set(hooked()).size === 3, 120_000);
    expect(hooked().sort()).toEqual(['kafka-1', 'kafka-2', 'kafka-3']);
    await until('the admin’s', async () => (await notificationsOf(t.db, users.admin)).length >= 3, 60_000);
    expect((await notificationsOf(t.db, users.admin)).map((n) => n.event_id).sort()).toEqual([
      'kafka-1',
      'kafka-2',
      'kafka-3',
    ]);
  }, 300_000);
});
