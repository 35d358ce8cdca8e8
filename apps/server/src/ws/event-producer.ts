/** The hub's event-producer hook onto the broker: every cluster event goes to `argus.cluster-events`. */
import type { Logger } from 'pino';
import { type Broker, TOPICS } from '../broker/broker.js';
import type { ClusterEventMessage, EventHook } from './hub.js';

export function brokerProducer(broker: Broker, logger: Logger): EventHook {
  return (event: ClusterEventMessage) => {
    broker
      .publish(TOPICS.clusterEvents, event, {
        key: `${event.cluster}/${event.group}/${event.resource}/${event.namespace ?? ''}/${event.name}`,
      })
      .catch((err) => logger.warn({ err: (err as Error).message }, 'publishing a cluster event failed'));
  };
}
