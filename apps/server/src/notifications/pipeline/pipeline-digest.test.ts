import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthorizer } from '../../auth/authorizer.js';
import { createMemoryBroker } from '../../broker/memory-broker.js';
import { createSecretBox, parseKeyring } from '../../secrets/secret-box.js';
import { createTestDatabase, type TestDatabase, testDrivers } from '../../test-support/test-database.js';
import { createChannelSenders } from '../channels/channel-senders.js';
import { createChannelStore } from '../channels/channel-store.js';
import { startTestReceiver, type TestReceiver } from '../channels/test-receiver.js';
import type { ChannelSender } from '../types.js';
import type { DeliverableChannel } from './channel-access.js';
import { createNotificationPipeline, type NotificationPipeline } from './notification-pipeline.js';
import { crashLoopEvent, notificationsOf, raise, type SeededUsers, seedUsers, until } from './pipeline-test-kit.js';
import { createPreferencesStore } from './preferences.js';

const logger = pino({ level: 'silent' });
const hhmm = (d: Date) => d.toISOString().slice(11, 16);

/** Quiet hours hold channel deliveries (not the in-app notification) until they end; the digest sends once a day. */
describe.each(testDrivers())('quiet hours and the daily digest on %s', (driver) => {
  let t: TestDatabase;
  let users: SeededUsers;
  let receiver: TestReceiver;
  let hook: string;
  const senders = createChannelSenders();
  const pipelines: NotificationPipeline[] = [];
  const eventIdsAt = () => receiver.requests.map((r) => (r.json() as { data: { id: string } }).data.id);

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    users = await seedUsers(t.db);
    receiver = await startTestReceiver();
    const store = createChannelStore({
      db: t.db,
      secrets: createSecretBox(parseKeyring(randomBytes(32).toString('hex'))),
    });
    hook = (await store.create({ name: 'hook', type: 'webhook', config: { url: `${receiver.url}/hook` } }, null)).id;
    const broker = createMemoryBroker({ logger });
    for (const replica of ['d1', 'd2']) {
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
        settings: { maxAttempts: 3, retryBaseMs: 200, digestHour: 8, schedulerPollMs: 100, digestPollMs: 3_600_000 },
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

  it('holds deliveries during quiet hours and sends them when they end; the bell rings at once', async () => {
    const now = new Date();
    await createPreferencesStore(t.db).put(users.alice, {
      min_severity: 'warning',
      channels: [hook],
      mode: 'immediate',
      quiet_hours: {
        start: hhmm(new Date(now.getTime() - 3_600_000)),
        end: hhmm(new Date(now.getTime() + 3_600_000)),
        time_zone: 'UTC',
      },
    });
    const e = crashLoopEvent('quiet-1', users.clusterId, 'payments', 'api');
    await raise(t.db, e);
    await until('the in-app notification', async () => (await notificationsOf(t.db, users.alice)).length === 1);
    const held = await t.db.query<{ status: string; due_in_s: number }>(
      `SELECT status, extract(epoch FROM next_attempt_at - now())::int AS due_in_s
         FROM notification_deliveries WHERE event_id = $1`,
      [e.id],
    );
    expect(held.rows[0]!.status).toBe('pending');
    expect(held.rows[0]!.due_in_s).toBeGreaterThan(3_000); // the end of the quiet hours, about an hour away
    expect(eventIdsAt()).not.toContain(e.id);
    // The quiet hours end (the clock moved on).
    await t.db.query('UPDATE notification_deliveries SET next_attempt_at = now() WHERE event_id = $1', [e.id]);
    await until('the held webhook', () => eventIdsAt().includes(e.id));
  }, 60_000);

  it('collects a digest user’s deliveries and sends one digest per day, once across replicas', async () => {
    await createPreferencesStore(t.db).put(users.bob, { min_severity: 'warning', channels: [hook], mode: 'digest' });
    const events = [
      crashLoopEvent('digest-1', users.clusterId, 'shipping', 'api'),
      crashLoopEvent('digest-2', users.clusterId, 'shipping', 'worker', 'warning'),
    ];
    for (const e of events) await raise(t.db, e);
    await until('bob’s in-app notifications', async () => (await notificationsOf(t.db, users.bob)).length === 2);
    await until('collected for the digest', async () => {
      const r = await t.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM notification_deliveries WHERE user_id = $1 AND status = 'digest'",
        [users.bob],
      );
      return r.rows[0]!.n === 2;
    });
    const before = receiver.requests.length;
    // Tomorrow, 09:00 UTC (bob has no time zone: UTC), past the digest hour (8).
    const tomorrow = new Date(Date.now() + 86_400_000);
    const at = new Date(`${tomorrow.toISOString().slice(0, 10)}T09:00:00Z`);
    const [a, b] = pipelines as [NotificationPipeline, NotificationPipeline];
    const sent = await Promise.all([a.runDigest(at), b.runDigest(at)]);
    expect(sent.sort()).toEqual([0, 2]);
    await until('the digest', () => receiver.requests.length === before + 1);
    const digest = receiver.requests.at(-1)!.json() as { data: { type: string; title: string; body: string } };
    expect(digest.data.type).toBe('digest');
    expect(digest.data.title).toMatch(/2 notifications/);
    expect(digest.data.body).toContain('shipping/api');
    expect(digest.data.body).toContain('shipping/worker');
    expect(await a.runDigest(at)).toBe(0); // once a day
    expect(receiver.requests.length).toBe(before + 1);
    expect(eventIdsAt()).not.toContain('digest-1'); // never sent one by one
  }, 60_000);
});
