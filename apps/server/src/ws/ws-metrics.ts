import { Counter, Gauge, type Registry } from 'prom-client';

export interface WsMetrics {
  connections: Gauge;
  subscriptions: Gauge;
  feeds: Gauge;
  /** Events observed by the hub's feeds (once per event, whatever the number of subscribers). */
  eventsIn: Counter;
  /** Event frames handed to sockets. */
  eventsOut: Counter;
  dropped: Counter<'reason'>;
  resyncs: Counter<'reason'>;
  closes: Counter<'code'>;
  errors: Counter<'code'>;
  brokerDrops: Counter<'topic'>;
}

/** The hub's metrics, in the server's registry. Rates (events per second) are `rate()` of the counters. */
export function createWsMetrics(registry: Registry): WsMetrics {
  const registers = [registry];
  return {
    connections: new Gauge({ name: 'argus_ws_connections', help: 'Open WebSocket connections on /ws', registers }),
    subscriptions: new Gauge({ name: 'argus_ws_subscriptions', help: 'Active /ws subscriptions', registers }),
    feeds: new Gauge({
      name: 'argus_ws_feeds',
      help: 'Cluster resources the hub follows (one upstream watch cache each)',
      registers,
    }),
    eventsIn: new Counter({ name: 'argus_ws_events_in_total', help: 'Cluster events received by the hub', registers }),
    eventsOut: new Counter({
      name: 'argus_ws_events_out_total',
      help: 'Event messages sent to WebSocket clients',
      registers,
    }),
    dropped: new Counter({
      name: 'argus_ws_dropped_events_total',
      help: 'Events not sent to a subscriber, by reason',
      labelNames: ['reason'] as const,
      registers,
    }),
    resyncs: new Counter({
      name: 'argus_ws_resyncs_total',
      help: 'resync messages sent, by reason',
      labelNames: ['reason'] as const,
      registers,
    }),
    closes: new Counter({
      name: 'argus_ws_closes_total',
      help: 'WebSocket connections closed, by close code',
      labelNames: ['code'] as const,
      registers,
    }),
    errors: new Counter({
      name: 'argus_ws_errors_total',
      help: 'error messages sent to WebSocket clients, by code',
      labelNames: ['code'] as const,
      registers,
    }),
    brokerDrops: new Counter({
      name: 'argus_broker_dropped_messages_total',
      help: 'Broker messages dropped because a consumer queue was full',
      labelNames: ['topic'] as const,
      registers,
    }),
  };
}
