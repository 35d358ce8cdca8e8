import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAuthorizer } from '../../auth/authorizer.js';
import type { Authorizer } from '../../auth/types.js';
import { createMemoryBroker } from '../../broker/memory-broker.js';
import { createSecretBox, parseKeyring } from '../../secrets/secret-box.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { createChannelSenders } from '../channels/channel-senders.js';
import { createChannelStore } from '../channels/channel-store.js';
import { reply, startTestReceiver, type TestReceiver } from '../channels/test-receiver.js';
import type { ChannelSender } from '../types.js';
import type { DeliverableChannel } from './channel-access.js';
import { createNotificationPipeline, type NotificationPipeline } from './notification-pipeline.js';
import { crashLoopEvent, notificationsOf, raise, type SeededUsers, seedUsers, until } from './pipeline-test-kit.js';
import { createPreferencesStore } from './preferences.js';

const logger = pino({ level: 'silent' });

/**
 * Two pipeline instances (two replicas) on one PostgreSQL database and one broker: they share the work
 * (consumer groups, one relay at a time, SKIP LOCKED scheduling) and still make one notification per
 * event and user; a replica that dies between sending and recording makes at most a redelivery with the
 * same webhook-id.
 */
describe.skipIf(!inject('postgresAdminUrl'))('notification pipeline on two replicas', () => {
  let t: TestDatabase;
  let users: SeededUsers;
  let receiver: TestReceiver;
  let hook: string;
  const pipelines: NotificationPipeline[] = [];
  const handledBy = { r1: 0, r2: 0 };
  const senders = createChannelSenders();

  beforeAll(async () => {
    t = await createTestDatabase('postgres');
    users = await seedUsers(t.db);
    receiver = await startTestReceiver();
    const secrets = createSecretBox(parseKeyring(randomBytes(32).toString('hex')));
    const store = createChannelStore({ db: t.db, secrets });
    hook = (await store.create({ name: 'hook', type: 'webhook', config: { url: `${receiver.url}/hook` } }, null)).id;
    await createPreferencesStore(t.db).put(users.alice, {
      min_severity: 'warning',
      channels: [hook],
      mode: 'immediate',
    });
    const broker = createMemoryBroker({ logger });
    for (const replica of ['r1', 'r2'] as const) {
      const rbac = createAuthorizer(t.db);
      // Counts the fan-out work each replica does (every recipient check goes through its authorizer).
      const authorizer: Authorizer = {
        ...rbac,
        can: (...args) => {
          handledBy[replica]++;
          return rbac.can(...args);
        },
      };
      const p = createNotificationPipeline({
        db: t.db,
        broker,
        authorizer,
        channels: {
          getForDelivery: async (id) => (await store.getForDelivery(id)) as DeliverableChannel | null,
          disable: (id, reason) => store.disable(id, reason),
        },
        senders: { get: (type) => senders.get(type) as unknown as ChannelSender },
        logger,
        replicaId: replica,
        settings: { maxAttempts: 3, retryBaseMs: 200, digestHour: 8, claimMs: 2_000, schedulerPollMs: 100 },
      });
      p.start();
      pipelines.push(p);
    }
  }, 60_000);
  afterAll(async () => {
    await Promise.all(pipelines.map((p) => p.stop()));
    await senders.close();
    await receiver?.close();
    await t?.drop();
  });

  it('shares the work and still creates one notification per event and user', async () => {
    const events = Array.from({ length: 30 }, (_, i) =>
      crashLoopEvent(`replicas-${i}`, users.clusterId, i % 3 === 0 ? 'shipping' : 'payments', `svc-${i}`),
    );
    for (const e of events) await raise(t.db, e);
    // Some events are raised twice (the engine retried its transaction): still once each.
    for (const e of events.slice(0, 5)) await raise(t.db, e);
    const forAlice = events.filter((e) => e.resource_ref?.namespace === 'payments');
    const forBob = events.filter((e) => e.resource_ref?.namespace === 'shipping');
    await until('every notification', async () => (await notificationsOf(t.db, users.admin)).length === 30, 60_000);
    await until('alice', async () => (await notificationsOf(t.db, users.alice)).length === forAlice.length, 60_000);
    await until('bob', async () => (await notificationsOf(t.db, users.bob)).length === forBob.length, 60_000);
    await until('alice’s webhooks', () => receiver.requests.length >= forAlice.length, 60_000);
    expect((await notificationsOf(t.db, users.alice)).map((n) => n.event_id).sort()).toEqual(
      forAlice.map((e) => e.id).sort(),
    );
    const ids = receiver.requests.map((r) => r.headers['webhook-id']);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(forAlice.length);
    expect(handledBy.r1).toBeGreaterThan(0);
    expect(handledBy.r2).toBeGreaterThan(0);
    expect(await pipelines[0]!.relay.pending()).toBe(0);
  }, 120_000);

  it('redelivers a send whose replica died before recording it, with the same webhook-id, and nothing else', async () => {
    receiver.requests.length = 0;
    receiver.setDefault(reply(200, 'ok'));
    const e = crashLoopEvent('replicas-crash', users.clusterId, 'payments', 'api');
    await raise(t.db, e);
    await until('the webhook', () => receiver.requests.length === 1, 30_000);
    await until('recorded', async () => {
      const r = await t.db.query<{ status: string }>('SELECT status FROM notification_deliveries WHERE event_id = $1', [
        e.id,
      ]);
      return r.rows[0]?.status === 'sent';
    });
    // What a replica killed after the peer accepted and before its commit leaves behind: a claimed delivery.
    await t.db.query(
      `UPDATE notification_deliveries SET status = 'sending', sent_at = NULL, next_attempt_at = now() - interval '1 second'
        WHERE event_id = $1`,
      [e.id],
    );
    await until('the redelivery', () => receiver.requests.length === 2, 30_000);
    expect(receiver.requests[1]!.headers['webhook-id']).toBe(receiver.requests[0]!.headers['webhook-id']);
    expect((await notificationsOf(t.db, users.alice)).filter((n) => n.event_id === e.id)).toHaveLength(1);
  }, 60_000);
});
