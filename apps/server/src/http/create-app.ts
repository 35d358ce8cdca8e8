import type { PluginDefinition } from '@argus/plugin-sdk';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { Logger } from 'pino';
import { registerAi } from '../ai/register.js';
import { registerRetrieval } from '../ai/retrieval/register.js';
import { createIdentity } from '../auth/create-identity.js';
import type { ClusterModule } from '../clusters/cluster-module.js';
import { registerClusters } from '../clusters/register.js';
import type { Config } from '../config/load-config.js';
import type { Database } from '../db/types.js';
import type { AgentModule } from '../grpc/agent-module.js';
import { registerAgents } from '../grpc/register-agents.js';
import type { Metrics } from '../metrics/create-metrics.js';
import { type Alerts, registerAlerts } from '../notifications/alerts/register-alerts.js';
import { type NotificationChannels, registerNotificationChannels } from '../notifications/channels/register.js';
import type { NotificationPipeline } from '../notifications/pipeline/notification-pipeline.js';
import { registerNotificationPipeline } from '../notifications/pipeline/register-pipeline.js';
import { operatorHealthKinds } from '../notifications/signals/operator-kinds.js';
import type { OperationsService } from '../operations/operations-service.js';
import { registerOperations } from '../operations/register.js';
import type { PluginEngine } from '../plugin-engine/plugin-engine.js';
import { registerPlugins } from '../plugin-engine/register-plugins.js';
import { createProxyListener, type ProxyListener } from '../proxy/proxy-listener.js';
import { proxyRoutes } from '../proxy/proxy-routes.js';
import { createProxyTickets } from '../proxy/proxy-ticket.js';
import { replicaName } from '../replicas/replica-name.js';
import { createWatchOwnership, type WatchOwnership } from '../replicas/watch-ownership.js';
import type { SecretBox } from '../secrets/secret-box.js';
import { registerTerminal } from '../terminal/register.js';
import { registerSmartTerminal } from '../terminal/smart/register.js';
import { serveWeb, webBuildExists } from '../web/serve-web.js';
import { type LiveUpdates, registerLiveUpdates } from '../ws/register.js';
import { createDurationObserver } from './duration-observer.js';
import { registerErrorHandling } from './error-handler.js';
import { registerMiddleware } from './middleware/index.js';
import { openApiRoutes, registerOpenApi } from './openapi/register-openapi.js';
import type { RegisteredRoute } from './route-permission.js';
import { clusterKubeconfigRoutes } from './routes/cluster-kubeconfig.js';
import { healthRoutes } from './routes/health.js';
import { identityRoutes } from './routes/identity.js';
import { landingRoutes } from './routes/landing.js';
import { oidcRoutes } from './routes/oidc.js';

/** The API's version in the OpenAPI document (the server package's). */
const ARGUS_VERSION = '0.1.0';

export interface AppDeps {
  config: Config;
  /** PEM certificate and key: the server speaks HTTPS (kubectl sends bearer tokens only over TLS). */
  tls?: { cert: string; key: string };
  logger: Logger;
  db: Database;
  metrics: Metrics;
  secrets: SecretBox;
  jwtSecret: string;
  /** Plugins to run instead of the built-in ones (tests). */
  plugins?: readonly PluginDefinition[];
}

export interface ArgusApp {
  app: FastifyInstance;
  /** Every route registered, with the permission it declares (the route-permission test reads it). */
  routes: RegisteredRoute[];
  /** Clusters, caches and their live events (the WebSocket hub subscribes with clusters.onEvent). */
  clusters: ClusterModule;
  /** The WebSocket hub (event-producer hooks, follow) and the broker (apps/server/src/ws, broker). */
  live: LiveUpdates;
  /** Agent enrolment and tunnels (issue 7); startServer opens its gRPC port. */
  agents: AgentModule;
  /** The plugin engine (issue 10). */
  plugins: PluginEngine;
  /** Describe, rollback, scale, restart, drain, top… once for the UI, terminal and assistant (issue 23). */
  operations: OperationsService;
  /** The proxy origin for ports opened in the browser (listens when the server does). */
  proxy: ProxyListener;
  /** Notification channels (issue 19): the store (decrypted config for deliveries) and the senders. */
  channels: NotificationChannels;
  /** This replica's name (leases, agent routes) and its share of the clusters' event-derived work (issue 22). */
  replica: { name: string; ownership: WatchOwnership };
  /** Alerts from cluster state and Alertmanager (issue 19): the engine and the per-cluster signals. */
  alerts: Alerts;
  /** The notification pipeline (issue 19): outbox relay, fan-out, deliveries, digest, live push. */
  notifications: NotificationPipeline;
}

/**
 * The HTTP server's logger. A child logger (with reqId) per request only when something would log per request
 * (debug, or a route's own logLevel or serializers): below debug a request logs at most one line (without
 * reqId), and a child per request cost ~2 % of the CPU. Done by the loggers' own child() rather than a
 * childLoggerFactory, whose answer Fastify re-validates on every request.
 */
function httpLogger(logger: Logger, debugLogs: boolean): Logger {
  const http = logger.child({ component: 'http' });
  return debugLogs ? http : sharingRequestChildren(http);
}

/** `logger`, whose request children (Fastify's `{ reqId }`, no options) are itself; other children alike. */
function sharingRequestChildren(logger: Logger): Logger {
  const shared = Object.create(logger) as Logger;
  shared.child = ((bindings: Record<string, unknown>, options?: { level?: string; serializers?: unknown }) =>
    bindings.reqId !== undefined && options?.level === undefined && options?.serializers === undefined
      ? shared
      : sharingRequestChildren(logger.child(bindings, options as never))) as unknown as Logger['child'];
  return shared;
}

export async function createApp(deps: AppDeps): Promise<ArgusApp> {
  const { config, logger, metrics } = deps;
  const debugLogs = logger.isLevelEnabled('debug');
  const app = Fastify({
    ...(deps.tls ? { https: { cert: deps.tls.cert, key: deps.tls.key } } : {}),
    loggerInstance: httpLogger(logger, debugLogs) as FastifyBaseLogger,
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUSTED_PROXIES.length > 0 ? config.TRUSTED_PROXIES : false,
    requestIdHeader: false,
    // Requests are measured in metrics and logged at debug in onResponse, not twice at info.
    logController: new LogController({ disableRequestLogging: true }),
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
  });

  const routes: RegisteredRoute[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD' || method === 'OPTIONS') continue;
      routes.push({
        method,
        url: route.url,
        permission: route.config?.permission,
        schema: route.schema as Record<string, unknown> | undefined,
      });
    }
  });

  const observeDuration = createDurationObserver(metrics.httpDuration);
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    observeDuration(route, request.method, reply.statusCode, reply.elapsedTime / 1000);
    if (debugLogs)
      request.log.debug(
        { method: request.method, route, status: reply.statusCode, ms: reply.elapsedTime },
        'request done',
      );
    done();
  });

  registerErrorHandling(app);
  // Before any route: the schema compilers and the OpenAPI collector see every route registered after.
  await registerOpenApi(app, { validateResponses: config.VALIDATE_RESPONSES, version: ARGUS_VERSION });
  await app.register(openApiRoutes);
  const identity = createIdentity({ db: deps.db, config, logger, jwtSecret: deps.jwtSecret });
  app.decorate('authorizer', identity.authorizer);
  app.decorate('authenticator', identity.authenticator);
  await registerMiddleware(app, { config, identity });
  await app.register(healthRoutes, {
    db: deps.db,
    metrics,
    metricsToken: config.METRICS_TOKEN,
    broker: () => live?.broker,
  });
  // The web UI when it is built (npm start builds it), otherwise a landing page that says so.
  if (webBuildExists()) await serveWeb(app);
  else await app.register(landingRoutes);
  await app.register(identityRoutes, { db: deps.db, identity });
  await app.register(oidcRoutes, { db: deps.db, config, secrets: deps.secrets, logger, identity });
  const replica = replicaName();
  const agents = await registerAgents(app, { ...deps, replica });
  const clusters = await registerClusters(app, { ...deps, agents: agents.bridge });
  await app.register(clusterKubeconfigRoutes, { config, module: clusters, apiKeys: identity.apiKeys });
  const tickets = createProxyTickets(deps.jwtSecret);
  const proxy = createProxyListener({
    module: clusters,
    tickets,
    authenticator: identity.authenticator,
    authorizer: identity.authorizer,
    port: config.PROXY_PORT,
    ...(deps.tls ? { tls: deps.tls } : {}),
    logger: logger.child({ component: 'proxy' }),
    bodyLimit: config.BODY_LIMIT_BYTES,
  });
  app.addHook('onClose', () => proxy.close());
  await app.register(proxyRoutes, {
    tickets,
    listener: proxy,
    ttlSeconds: config.PROXY_TICKET_TTL_SECONDS,
    publicUrl: config.PROXY_PUBLIC_URL,
  });
  // Event-derived work once across replicas: broker publishing and plugins' watchers run on each cluster's owner.
  const ownership = createWatchOwnership({
    db: deps.db,
    logger,
    holder: replica,
    clusters: async () => (await clusters.clusters.list()).map((c) => c.id),
    ttlMs: config.REPLICA_LEASE_TTL_MS,
  });
  clusters.clusters.onAdded(() => void ownership.tick());
  app.addHook('onReady', () => ownership.start());
  app.addHook('onClose', () => ownership.stop());
  const live = await registerLiveUpdates(app, { config, logger, registry: metrics.registry, clusters, ownership });
  const plugins = await registerPlugins(app, {
    config,
    logger,
    clusters,
    ownership,
    identity,
    secrets: deps.secrets,
    ...(deps.plugins ? { definitions: deps.plugins } : {}),
  });
  const operations = await registerOperations(app, { clusters, identity });
  // Knowledge base, runbooks and CRD schemas for the assistant (its search_knowledge tool) and their routes.
  const retrieval = await registerRetrieval(app, {
    db: deps.db,
    logger,
    clusters,
    authorizer: identity.authorizer,
    config,
    secrets: deps.secrets,
  });
  const channels = await registerNotificationChannels(app, {
    db: deps.db,
    secrets: deps.secrets,
    publicUrl: config.PUBLIC_URL,
  });
  const alerts = await registerAlerts(app, {
    config,
    db: deps.db,
    logger,
    clusters,
    audit: identity.auditStore,
    holder: replica,
    operatorKinds: () => operatorHealthKinds(plugins.list()),
    registry: metrics.registry,
  });
  const notifications = await registerNotificationPipeline(app, {
    config,
    db: deps.db,
    logger,
    live,
    channels,
    replica,
  });
  const smart = await registerSmartTerminal(app, { clusters, identity, operations });
  await registerTerminal(app, { config, module: clusters, smart: smart.stream });
  // The assistant (issue 20): its tools act as the user through the smart terminal's engine and the operations.
  await registerAi(app, {
    config,
    logger,
    db: deps.db,
    secrets: deps.secrets,
    clusters,
    operations,
    runner: smart.runner,
    authorizer: identity.authorizer,
    retrieval,
  });
  return {
    app,
    routes,
    clusters,
    live,
    agents,
    plugins,
    operations,
    proxy,
    channels,
    replica: { name: replica, ownership },
    alerts,
    notifications,
  };
}
