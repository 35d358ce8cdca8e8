import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createBroker } from './create-broker.js';
import { createMemoryBroker } from './memory-broker.js';

const logger = pino({ level: 'silent' });

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('in-memory broker', () => {
  it('delivers in order per handler, asynchronously, and retries a failing handler before skipping', async () => {
    const failed: string[] = [];
    const broker = createMemoryBroker({ logger, maxAttempts: 2, onFailed: (t) => failed.push(t) });
    const got: number[] = [];
    const other: number[] = [];
    const tries = new Map<number, number>();
    broker.subscribe<number>('t', async (m) => {
      await new Promise((r) => setTimeout(r, 1));
      got.push(m.value);
    });
    broker.subscribe<number>('t', (m) => {
      tries.set(m.value, (tries.get(m.value) ?? 0) + 1);
      if (m.value === 2) throw new Error('boom');
      if (m.value === 3 && tries.get(3) === 1) throw new Error('once');
      other.push(m.value);
    });
    for (let i = 1; i <= 5; i++) await broker.publish('t', i, { key: 'k' });
    expect(got).toEqual([]);
    await until(() => got.length === 5 && other.length === 4);
    expect(got).toEqual([1, 2, 3, 4, 5]);
    expect(other).toEqual([1, 3, 4, 5]);
    expect(tries.get(2)).toBe(2);
    expect(failed).toEqual(['t']);
  });

  it('applies backpressure when a consumer is behind: publish waits, nothing is dropped', async () => {
    const waits: string[] = [];
    const broker = createMemoryBroker({ logger, maxQueuePerHandler: 3, onWait: (t) => waits.push(t) });
    const got: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    broker.subscribe<number>('t', async (m) => {
      await gate;
      got.push(m.value);
    });
    let published = 0;
    const publishing = (async () => {
      for (let i = 1; i <= 10; i++) {
        await broker.publish('t', i);
        published = i;
      }
    })();
    // One in the handler, three queued: the fifth publish waits.
    await until(() => waits.length > 0);
    expect(published).toBeLessThan(10);
    release();
    await publishing;
    await until(() => got.length === 10);
    expect(got).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('drops the oldest only when the publisher asks for it (live data), and counts it', async () => {
    const drops: string[] = [];
    const broker = createMemoryBroker({ logger, maxQueuePerHandler: 3, onDrop: (t) => drops.push(t) });
    const got: number[] = [];
    broker.subscribe<number>('t', (m) => {
      got.push(m.value);
    });
    for (let i = 1; i <= 5; i++) await broker.publish('t', i, { overflow: 'drop-oldest' });
    await until(() => got.length === 3);
    expect(got).toEqual([3, 4, 5]);
    expect(drops).toEqual(['t', 't']);
  });

  it('shares a topic among a consumer group by key (each key in order on one member); ungrouped handlers get all', async () => {
    const broker = createMemoryBroker({ logger });
    const a: string[] = [];
    const b: string[] = [];
    const all: string[] = [];
    broker.subscribe<string>('t', (m) => void a.push(m.value), { group: 'g' });
    broker.subscribe<string>('t', (m) => void b.push(m.value), { group: 'g' });
    broker.subscribe<string>('t', (m) => void all.push(m.value));
    for (let i = 0; i < 50; i++)
      for (const k of ['k1', 'k2', 'k3', 'k4', 'k5']) await broker.publish('t', `${k}:${i}`, { key: k });
    await until(() => all.length === 250 && a.length + b.length === 250);
    expect(a.length).toBeGreaterThan(0);
    expect(b.length).toBeGreaterThan(0);
    for (const k of ['k1', 'k2', 'k3', 'k4', 'k5']) {
      const inA = a.filter((v) => v.startsWith(`${k}:`));
      const inB = b.filter((v) => v.startsWith(`${k}:`));
      const mine = inA.length > 0 ? inA : inB;
      expect(inA.length === 0 || inB.length === 0).toBe(true);
      expect(mine.map((v) => Number(v.split(':')[1]))).toEqual([...Array(50).keys()]);
    }
  });
});

describe('createBroker', () => {
  it('uses the in-memory broker without KAFKA_BROKERS', () => {
    expect(createBroker({ kafkaBrokers: [], logger }).kind).toBe('memory');
  });

  it('starts with an unreachable KAFKA_BROKERS, says so in health(), and refuses to publish rather than lose', async () => {
    const broker = createBroker({ kafkaBrokers: ['127.0.0.1:1'], logger });
    try {
      expect(broker.kind).toBe('kafka');
      expect(broker.health().status).toBe('degraded');
      await expect(broker.publish('argus.test', { a: 1 }, { key: 'k' })).rejects.toThrow(/Kafka did not accept/);
      expect(broker.health()).toMatchObject({ status: 'degraded', detail: expect.stringMatching(/unreachable/) });
    } finally {
      await broker.close();
    }
  }, 60_000);
});
