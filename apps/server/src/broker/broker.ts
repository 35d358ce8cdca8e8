/**
 * Asynchronous messages between parts of the server (and, with Kafka, between replicas): the WebSocket
 * hub publishes every cluster event here, the notification outbox relays its rows here, and the
 * notification pipeline's stages consume them.
 *
 * Semantics both implementations keep:
 * - A topic's messages are partitioned by key: messages with one key are handled in order, one at a time.
 * - `subscribe(topic, handler, { group })`: handlers in one consumer group share the topic's messages (each
 *   message to one of them, by key; with Kafka, across replicas). Without a group, the handler gets every
 *   message this replica sees… with Kafka, every message of the topic (a group of its own: a broadcast).
 * - At-least-once: a handler that throws gets the message again (bounded attempts, then it is logged and
 *   skipped); handlers must be idempotent.
 * - Bounded: past the bound `publish` waits (backpressure) instead of dropping, unless the caller asks
 *   for `overflow: 'drop-oldest'` (lossy live data), which is counted.
 */

export interface BrokerMessage<T = unknown> {
  topic: string;
  /** Partitioning and de-duplication key (e.g. cluster/resource/namespace/name). */
  key: string | undefined;
  value: T;
  /** Epoch milliseconds when published. */
  publishedAt: number;
}

export type BrokerHandler<T = unknown> = (message: BrokerMessage<T>) => void | Promise<void>;

export interface PublishOptions {
  key?: string;
  /** What to do when a consumer's queue is full: wait for room (default) or drop its oldest (counted). */
  overflow?: 'wait' | 'drop-oldest';
}

export interface SubscribeOptions {
  /** Consumer group: handlers (and replicas) in one group share the messages, by key. */
  group?: string;
}

export interface BrokerHealth {
  status: 'ok' | 'degraded';
  detail?: string;
}

export interface Broker {
  readonly kind: 'memory' | 'kafka';
  /** Hands the message over; resolves once accepted (Kafka: acknowledged). Waits while consumers are full. */
  publish<T>(topic: string, value: T, options?: PublishOptions): Promise<void>;
  /** Handlers of a topic get its messages in order per key, one at a time; returns the unsubscribe. */
  subscribe<T>(topic: string, handler: BrokerHandler<T>, options?: SubscribeOptions): () => void;
  /** For `/readyz`: whether the broker is reachable now. */
  health(): BrokerHealth;
  close(): Promise<void>;
}

/** Topics used in the server. */
export const TOPICS = {
  /** Every ADDED/MODIFIED/DELETED event a replica observes in a watched cluster resource (ClusterEventMessage). */
  clusterEvents: 'argus.cluster-events',
} as const;

/** A stable partition for a key among `n` (FNV-1a): the same key always lands on the same consumer. */
export function partitionOf(key: string | undefined, n: number): number {
  if (n <= 1 || key === undefined) return 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % n;
}
