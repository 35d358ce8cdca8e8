import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createBroker } from './create-broker.js';
import { createMemoryBroker } from './memory-broker.js';

const logger = pino({ level: 'silent' });

describe('in-memory broker', () => {
  it('delivers in order per handler, asynchronously, and isolates a failing handler', async () => {
    const broker = createMemoryBroker({ logger });
    const got: number[] = [];
    const other: number[] = [];
    broker.subscribe<number>('t', async (m) => {
      await new Promise((r) => setTimeout(r, 1));
      got.push(m.value);
    });
    broker.subscribe<number>('t', (m) => {
      if (m.value === 2) throw new Error('boom');
      other.push(m.value);
    });
    for (let i = 1; i <= 5; i++) await broker.publish('t', i, { key: 'k' });
    expect(got).toEqual([]);
    for (let i = 0; i < 200 && got.length < 5; i++) await new Promise((r) => setTimeout(r, 10));
    expect(got).toEqual([1, 2, 3, 4, 5]);
    expect(other).toEqual([1, 3, 4, 5]);
  });

  it('bounds each queue, dropping the oldest and counting it', async () => {
    const drops: string[] = [];
    const broker = createMemoryBroker({ logger, maxQueuePerHandler: 3, onDrop: (t) => drops.push(t) });
    const got: number[] = [];
    broker.subscribe<number>('t', (m) => {
      got.push(m.value);
    });
    for (let i = 1; i <= 5; i++) await broker.publish('t', i);
    for (let i = 0; i < 200 && got.length < 3; i++) await new Promise((r) => setTimeout(r, 10));
    expect(got).toEqual([3, 4, 5]);
    expect(drops).toEqual(['t', 't']);
  });

  it('refuses KAFKA_BROKERS until the Kafka broker exists', () => {
    expect(() => createBroker({ kafkaBrokers: ['k:9092'], logger })).toThrow(/KAFKA_BROKERS/);
    expect(createBroker({ kafkaBrokers: [], logger }).kind).toBe('memory');
  });
});
