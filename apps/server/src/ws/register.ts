/**
 * Live updates on the app: WebSocket support, the broker, the hub over the clusters' watch caches, and
 * `GET /ws`. Returns the hub (for event-producer hooks and follow()) and the broker (for consumers such
 * as the notification pipeline).
 */
import { AppError } from '@argus/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Broker } from '../broker/broker.js';
import { createBroker } from '../broker/create-broker.js';
import type { ClusterModule } from '../clusters/cluster-module.js';
import type { Config } from '../config/load-config.js';
import { noBody, passthroughResponse } from '../http/openapi/responses.js';
import { authenticateSocket } from './authenticate-socket.js';
import { openConnection } from './connection.js';
import { brokerProducer } from './event-producer.js';
import { createHub, type Hub } from './hub.js';
import { createUserSockets, type UserSockets } from './user-sockets.js';
import { websocketSupport } from './websocket-support.js';
import { createWsMetrics, type WsMetrics } from './ws-metrics.js';

export interface LiveUpdates {
  hub: Hub;
  broker: Broker;
  metrics: WsMetrics;
  /** This replica's authenticated connections by user (notifications are pushed to them). */
  userSockets: UserSockets;
}

export interface LiveUpdatesDeps {
  config: Config;
  logger: Logger;
  registry: Registry;
  clusters: Pick<ClusterModule, 'caches' | 'discovery' | 'clusters'>;
  /** Tests: keep feeds this long after their last subscriber. */
  feedLingerMs?: number;
  /** Several replicas: which clusters this replica publishes events of (replicas/watch-ownership.ts). */
  ownership?: { owns(clusterId: string): boolean };
}

const URL_CREDENTIALS = ['token', 'access_token', 'api_key', 'apikey', 'key', 'auth', 'authorization'];

/** Credentials never travel in the URL (it ends up in logs and proxies): refused before the upgrade. */
async function refuseCredentialsInUrl(request: FastifyRequest): Promise<void> {
  const query = request.query as Record<string, unknown>;
  if (Object.keys(query ?? {}).some((k) => URL_CREDENTIALS.includes(k.toLowerCase()))) {
    throw new AppError(
      'BAD_REQUEST',
      'Credentials are not accepted in the URL: send {"type":"auth","token":…} as the first message',
    );
  }
}

/** What the OpenAPI document says of `GET /ws` (the protocol: @argus/contracts ws.ts, docs/api.md). */
const WS_ROUTE_SCHEMA = {
  summary: 'Live updates over WebSocket: subscribe to a kind in a cluster, get its events (RBAC-filtered)',
  description: [
    'A WebSocket upgrade (101). Every frame is one JSON text message with a `type`.',
    'Credentials never go in the URL (a credential-like query parameter is 400): the first message is',
    '`{"type":"auth","token":"<access token or API key>"}` → `{"type":"authenticated","user":{…}}`; no auth within',
    'the time limit closes with 4408, a refused credential with 4401.',
    'Then `{"type":"subscribe","id":"s1","cluster":"…","group":"core","version":"v1","resource":"pods","namespace"?,',
    '"labelSelector"?,"sendInitial"?,"resourceVersion"?}` → `{"type":"subscribed","id":"s1"}`, then',
    '`{"type":"event","id":"s1","event":"ADDED|MODIFIED|DELETED","object":{…}}` (and `{"type":"synced",…}` after',
    'the initial state); `{"type":"unsubscribe","id":"s1"}` → `{"type":"unsubscribed","id":"s1"}`;',
    '`{"type":"ping"}` → `{"type":"pong"}`. A client too slow to keep up, or whose permissions changed, gets',
    '`{"type":"resync","id":…}` (subscribe again); a bad message gets `{"type":"error","code","message"}`.',
    "Events are filtered by the subscriber's RBAC; Secrets come without values unless secrets:read.",
    'New in-app notifications are pushed unasked to the user they are for: `{"type":"notification","notification":{…}}`',
    '(the item of `GET /api/notifications`).',
    'Close codes: 1001 shutting down, 1009 message too big, 4401, 4408, 4429 too slow.',
    'A plain GET (no upgrade) is 404.',
  ].join(' '),
} as const;

export async function registerLiveUpdates(app: FastifyInstance, deps: LiveUpdatesDeps): Promise<LiveUpdates> {
  const { config } = deps;
  const logger = deps.logger.child({ component: 'ws' });
  const metrics = createWsMetrics(deps.registry);
  const broker = createBroker({
    kafkaBrokers: config.KAFKA_BROKERS,
    logger: deps.logger,
    onDrop: (topic) => metrics.brokerDrops.inc({ topic }),
    registry: deps.registry,
  });
  const userSockets = createUserSockets();
  const hub = createHub({
    caches: deps.clusters.caches,
    discovery: deps.clusters.discovery,
    resolveCluster: (ref) => deps.clusters.clusters.resolve(ref),
    authorizer: app.authorizer,
    logger,
    metrics,
    ringSize: config.WS_EVENT_RING_SIZE,
    ...(deps.feedLingerMs === undefined ? {} : { lingerMs: deps.feedLingerMs }),
  });
  const ownership = deps.ownership;
  hub.addHook(brokerProducer(broker, logger, ownership ? (id) => ownership.owns(id) : undefined));
  app.addHook('onClose', async () => {
    hub.close();
    await broker.close();
  });

  await app.register(websocketSupport, { maxPayload: config.WS_MAX_PAYLOAD_BYTES });
  // `wsHandler` (not `websocket: true`, which hides the route from the OpenAPI document): upgrades go to it,
  // a plain GET gets the same empty 404 as before.
  app.route({
    method: 'GET',
    url: '/ws',
    config: { permission: 'public' },
    preValidation: refuseCredentialsInUrl,
    schema: {
      ...WS_ROUTE_SCHEMA,
      response: {
        101: passthroughResponse('Switching Protocols: the WebSocket'),
        404: noBody('Not a WebSocket upgrade (no body)'),
      },
    },
    handler: async (_request, reply) => reply.code(404).send(),
    wsHandler: async (socket) => {
      socket.once('close', (code) => {
        if (code === 4401 || code === 4408) metrics.closes.inc({ code: String(code) });
      });
      const auth = await authenticateSocket(socket, {
        authenticator: app.authenticator,
        timeoutMs: config.WS_AUTH_TIMEOUT_MS,
        recheckMs: config.WS_REAUTH_INTERVAL_MS,
        logger,
      });
      if (!auth) return;
      const conn = openConnection(socket, auth, {
        hub,
        authorizer: app.authorizer,
        metrics,
        logger,
        limits: {
          maxSubscriptions: config.WS_MAX_SUBSCRIPTIONS,
          sendBufferBytes: config.WS_SEND_BUFFER_BYTES,
          sendBufferMessages: config.WS_SEND_BUFFER_MESSAGES,
          pingIntervalMs: config.WS_PING_INTERVAL_MS,
          permissionRecheckMs: config.WS_PERMISSION_RECHECK_MS,
        },
      });
      const remove = userSockets.add(auth.principal.userId, (message) => conn.outbox.control(message));
      socket.once('close', remove);
    },
  });
  return { hub, broker, metrics, userSockets };
}
