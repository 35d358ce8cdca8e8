/**
 * Asynchronous messages between parts of the server (and, with Kafka, between replicas): the WebSocket
 * hub publishes every cluster event here for the notification pipeline and other consumers.
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

export interface Broker {
  readonly kind: 'memory' | 'kafka';
  /** Hands the message over for delivery; resolves once accepted (not once handled). Never blocks on consumers. */
  publish<T>(topic: string, value: T, options?: { key?: string }): Promise<void>;
  /** Handlers of a topic get its messages in order, one at a time; returns the unsubscribe. */
  subscribe<T>(topic: string, handler: BrokerHandler<T>): () => void;
  close(): Promise<void>;
}

/** Topics used in the server. */
export const TOPICS = {
  /** Every ADDED/MODIFIED/DELETED event a replica observes in a watched cluster resource (ClusterEventMessage). */
  clusterEvents: 'argus.cluster-events',
} as const;
