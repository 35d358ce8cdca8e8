import type { Logger } from 'pino';
import type { Broker } from './broker.js';
import { createMemoryBroker } from './memory-broker.js';

export interface BrokerSettings {
  /** KAFKA_BROKERS: when non-empty, Kafka carries the messages (and they cross replicas). */
  kafkaBrokers: string[];
  logger: Logger;
  onDrop?: (topic: string) => void;
}

/**
 * The broker for this server. Kafka is the seam for later: a `createKafkaBroker(settings)` (kafkajs)
 * implementing `Broker` goes here. Until it exists, setting KAFKA_BROKERS is refused at start rather
 * than silently falling back to a broker that does not cross replicas.
 */
export function createBroker(settings: BrokerSettings): Broker {
  if (settings.kafkaBrokers.length > 0) {
    throw new Error(
      'KAFKA_BROKERS is set, but this build has no Kafka broker yet (see apps/server/src/broker/create-broker.ts); unset KAFKA_BROKERS to use the in-memory broker',
    );
  }
  return createMemoryBroker({ logger: settings.logger, ...(settings.onDrop ? { onDrop: settings.onDrop } : {}) });
}
