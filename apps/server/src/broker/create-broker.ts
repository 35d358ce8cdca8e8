import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import type { Broker } from './broker.js';
import { createKafkaBroker } from './kafka-broker.js';
import { createMemoryBroker } from './memory-broker.js';

export interface BrokerSettings {
  /** KAFKA_BROKERS: when non-empty, Kafka carries the messages (and they cross replicas). */
  kafkaBrokers: string[];
  logger: Logger;
  onDrop?: (topic: string) => void;
  /** Where the broker's backpressure and failure counters go. */
  registry?: Registry;
  replicaId?: string;
}

function counters(registry: Registry | undefined) {
  if (!registry) return {};
  const waits = new Counter({
    name: 'argus_broker_publish_waits_total',
    help: 'Publishes that waited for room because a consumer was behind (backpressure)',
    labelNames: ['topic'] as const,
    registers: [registry],
  });
  const failed = new Counter({
    name: 'argus_broker_handler_failures_total',
    help: 'Broker messages a handler failed on after every attempt',
    labelNames: ['topic'] as const,
    registers: [registry],
  });
  return {
    onWait: (topic: string) => waits.inc({ topic }),
    onFailed: (topic: string) => failed.inc({ topic }),
  };
}

/**
 * The broker for this server: Kafka when KAFKA_BROKERS is set (an unreachable Kafka is a warning and a
 * degraded `/readyz` check, not a failed start), the in-memory broker otherwise.
 */
export function createBroker(settings: BrokerSettings): Broker {
  const extra = { ...counters(settings.registry), ...(settings.onDrop ? { onDrop: settings.onDrop } : {}) };
  if (settings.kafkaBrokers.length > 0) {
    return createKafkaBroker({
      brokers: settings.kafkaBrokers,
      logger: settings.logger,
      ...(settings.replicaId ? { replicaId: settings.replicaId } : {}),
      ...extra,
    });
  }
  return createMemoryBroker({ logger: settings.logger, ...extra });
}
