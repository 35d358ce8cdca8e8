import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { TOPICS } from '../broker/broker.js';
import { createMemoryBroker } from '../broker/memory-broker.js';
import { brokerProducer } from './event-producer.js';
import type { ClusterEventMessage } from './hub.js';

const event = (cluster: string, name: string): ClusterEventMessage => ({
  id: `${cluster}:${name}:1:ADDED`,
  cluster,
  group: 'core',
  version: 'v1',
  resource: 'configmaps',
  kind: 'ConfigMap',
  namespace: 'default',
  name,
  type: 'ADDED',
  resourceVersion: '1',
  object: { metadata: { name } },
  observedAt: Date.now(),
});

describe('the event producer across replicas', () => {
  it('publishes only the events of clusters this replica owns (another replica publishes the rest)', async () => {
    const broker = createMemoryBroker({ logger: pino({ level: 'silent' }) });
    const got: string[] = [];
    broker.subscribe<ClusterEventMessage>(TOPICS.clusterEvents, (m) => {
      got.push(`${m.value.cluster}/${m.value.name}`);
    });
    const owned = new Set(['east']);
    const hook = brokerProducer(broker, pino({ level: 'silent' }), (id) => owned.has(id));
    hook(event('east', 'a'));
    hook(event('west', 'b'));
    owned.add('west');
    hook(event('west', 'c'));
    await expect.poll(() => got.length).toBe(2);
    await new Promise((r) => setTimeout(r, 50));
    expect(got).toEqual(['east/a', 'west/c']);
    await broker.close();
  });
});
