import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Broker } from '../../broker/broker.js';
import { createMemoryBroker } from '../../broker/memory-broker.js';
import { createLeaseStore } from '../../ownership/lease-store.js';
import { createTestDatabase, type TestDatabase, testDrivers } from '../../test-support/test-database.js';
import { createNotificationOutbox, OutboxMessageError } from './outbox.js';
import { createOutboxRelay } from './outbox-relay.js';

const logger = pino({ level: 'silent' });

describe.each(testDrivers())('outbox relay on %s', (driver) => {
  let t: TestDatabase;
  const outbox = createNotificationOutbox();
  beforeAll(async () => {
    t = await createTestDatabase(driver);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('publishes only what committed, in order per key, keeps rows while the broker refuses, and drains after', async () => {
    const memory = createMemoryBroker({ logger });
    let down = false;
    // The broker going away: publish refuses (as the Kafka broker does when Kafka is unreachable).
    const broker: Broker = {
      ...memory,
      publish: (topic, value, options) =>
        down ? Promise.reject(new Error('broker down')) : memory.publish(topic, value, options),
    };
    const got: string[] = [];
    memory.subscribe<{ k: string; i: number }>('t', (m) => void got.push(`${m.value.k}${m.value.i}`), { group: 'g' });
    const relay = createOutboxRelay({ db: t.db, broker, leases: createLeaseStore(t.db), holder: 'r1', logger });

    await t.db.transaction(async (tx) => {
      for (let i = 0; i < 3; i++) {
        await outbox.enqueue(tx, { topic: 't', key: 'a', value: { k: 'a', i } });
        await outbox.enqueue(tx, { topic: 't', key: 'b', value: { k: 'b', i } });
      }
    });
    // A rolled-back transaction leaves nothing to relay.
    await t.db
      .transaction(async (tx) => {
        await outbox.enqueue(tx, { topic: 't', key: 'a', value: { k: 'x', i: 0 } });
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    down = true;
    await expect(relay.relayOnce()).rejects.toThrow('broker down');
    expect(await relay.pending()).toBe(6);
    down = false;
    expect(await relay.relayOnce()).toBe(6);
    expect(await relay.pending()).toBe(0);
    for (let i = 0; i < 200 && got.length < 6; i++) await new Promise((r) => setTimeout(r, 10));
    expect(got.filter((v) => v.startsWith('a'))).toEqual(['a0', 'a1', 'a2']);
    expect(got.filter((v) => v.startsWith('b'))).toEqual(['b0', 'b1', 'b2']);
    expect(got).not.toContain('x0');
    await relay.stop();
  });

  it('relays on one replica at a time (the lease)', async () => {
    const broker = createMemoryBroker({ logger });
    const leases = createLeaseStore(t.db);
    const r1 = createOutboxRelay({ db: t.db, broker, leases, holder: 'one', logger });
    const r2 = createOutboxRelay({ db: t.db, broker, leases, holder: 'two', logger });
    await t.db.transaction((tx) => outbox.enqueue(tx, { topic: 't', key: 'k', value: 1 }));
    expect(await r1.relayOnce()).toBe(1);
    await t.db.transaction((tx) => outbox.enqueue(tx, { topic: 't', key: 'k', value: 2 }));
    expect(await r2.relayOnce()).toBe(0);
    expect(await r1.relayOnce()).toBe(1);
    await r1.stop(); // gives the lease up: the other takes over when it next asks (within a quarter TTL)
    await t.db.transaction((tx) => outbox.enqueue(tx, { topic: 't', key: 'k', value: 3 }));
    let relayed = 0;
    for (let i = 0; i < 200 && relayed === 0; i++) {
      relayed = await r2.relayOnce();
      if (relayed === 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(relayed).toBe(1);
    await r2.stop();
  });

  it('refuses a message without a key or larger than the bound', async () => {
    await expect(t.db.transaction((tx) => outbox.enqueue(tx, { topic: 't', key: '', value: 1 }))).rejects.toThrow(
      OutboxMessageError,
    );
    await expect(
      t.db.transaction((tx) => outbox.enqueue(tx, { topic: 't', key: 'k', value: 'x'.repeat(300_000) })),
    ).rejects.toThrow(/may not exceed/);
  });
});
