/**
 * The hub's event-producer hook onto the broker: every cluster event goes to `argus.cluster-events`, published by
 * the replica that owns the cluster (replicas/watch-ownership.ts), so consumers see each event once.
 */
import type { Logger } from 'pino';
import { type Broker, TOPICS } from '../broker/broker.js';
import type { ClusterEventMessage, EventHook } from './hub.js';

export function brokerProducer(
  broker: Broker,
  logger: Logger,
  /** Several replicas: only the cluster's owner publishes its events (each is published once). */
  owns: (clusterId: string) => boolean = () => true,
): EventHook {
  return (event: ClusterEventMessage) => {
    if (!owns(event.cluster)) return;
    broker
      .publish(TOPICS.clusterEvents, event, {
        key: `${event.cluster}/${event.group}/${event.resource}/${event.namespace ?? ''}/${event.name}`,
        // Live data, re-derivable from the watch caches: a full consumer loses its oldest (counted), never blocks the hub.
        overflow: 'drop-oldest',
      })
      .catch((err) => logger.warn({ err: (err as Error).message }, 'publishing a cluster event failed'));
  };
}
