import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../notifications/pipeline/pipeline-test-kit.js';
import type { Broker } from './broker.js';
import { createKafkaBroker } from './kafka-broker.js';
import { type MockKafka, startMockKafka, startTcpProxy, type TcpProxy } from './kafka-test-kit.js';

const logger = pino({ level: 'silent' });

/** The Kafka broker against librdkafka's mock cluster, through a TCP proxy the test can cut. */
describe('Kafka broker (librdkafka mock cluster)', () => {
  let mock: MockKafka;
  let proxy: TcpProxy;
  const brokers: Broker[] = [];
  const open = (replicaId: string) => {
    const b = createKafkaBroker({
      brokers: [mock.bootstrap],
      logger,
      replicaId,
      sessionTimeoutMs: 6_000,
      socketFactory: proxy.socketFactory,
    });
    brokers.push(b);
    return b;
  };

  beforeAll(async () => {
    mock = await startMockKafka();
    proxy = await startTcpProxy(mock.port);
  });
  afterAll(async () => {
    await Promise.all(brokers.map((b) => b.close()));
    await proxy?.close();
    await mock?.stop();
  });

  it('shares a topic between two replicas of a consumer group, each key in order on one of them', async () => {
    const topic = `argus.test-${randomUUID()}`;
    const a = open('replica-a');
    const b = open('replica-b');
    // Producing creates the topic (4 partitions on the mock); then both replicas join the group.
    await a.publish(topic, { key: 'warmup', i: -1 }, { key: 'warmup' });
    const got = { a: [] as string[], b: [] as string[] };
    a.subscribe<{ key: string; i: number }>(topic, (m) => void got.a.push(`${m.value.key}:${m.value.i}`), {
      group: 'g1',
    });
    b.subscribe<{ key: string; i: number }>(topic, (m) => void got.b.push(`${m.value.key}:${m.value.i}`), {
      group: 'g1',
    });
    const keys = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8'];
    // Ten rounds of the eight keys, then more (200 ms apart) until both replicas have had some: the second one's
    // join is a rebalance, and on a busy machine the first may have taken all ten rounds before it.
    let rounds = 0;
    const giveUp = Date.now() + 60_000;
    while (rounds < 10 || ((got.a.length === 0 || got.b.length === 0) && Date.now() < giveUp)) {
      const i = rounds++;
      await Promise.all(keys.map((key) => a.publish(topic, { key, i }, { key })));
      if (rounds >= 10) await new Promise((r) => setTimeout(r, 200));
    }
    const seen = () => new Set([...got.a, ...got.b].filter((v) => !v.startsWith('warmup')));
    await until('every message handled', () => seen().size === keys.length * rounds, 90_000);
    expect(got.a.length).toBeGreaterThan(0);
    expect(got.b.length).toBeGreaterThan(0);
    for (const key of keys) {
      for (const list of [got.a, got.b]) {
        const order = list.filter((v) => v.startsWith(`${key}:`)).map((v) => Number(v.split(':')[1]));
        // At-least-once: a rebalance may hand a message out again, never out of order within a run.
        const firstRun = order.slice(0, order.indexOf(rounds - 1) + 1);
        if (firstRun.length > 0) expect([...firstRun].sort((x, y) => x - y)).toEqual(firstRun);
      }
    }
  }, 120_000);

  it('is degraded while the connection is cut, refuses to publish then, and delivers again once restored', async () => {
    const topic = `argus.test-${randomUUID()}`;
    const broker = open('replica-c');
    await broker.publish(topic, { n: 0 }, { key: 'k' });
    const got: number[] = [];
    broker.subscribe<{ n: number }>(topic, (m) => void got.push(m.value.n), { group: 'g2' });
    await until('the first message', () => got.includes(0), 60_000);
    expect(broker.health().status).toBe('ok');

    proxy.cut();
    await expect(broker.publish(topic, { n: 1 }, { key: 'k' })).rejects.toThrow(/Kafka did not accept/);
    expect(broker.health()).toMatchObject({ status: 'degraded' });

    proxy.restore();
    await until(
      'publishing again',
      async () => {
        try {
          await broker.publish(topic, { n: 2 }, { key: 'k' });
          return true;
        } catch {
          return false;
        }
      },
      60_000,
    );
    await until('the message after the outage', () => got.includes(2), 60_000);
    expect(broker.health().status).toBe('ok');
  }, 180_000);
});
