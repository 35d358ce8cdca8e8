import { readFile } from 'node:fs/promises';
import type { PluginDefinition } from '@argus/plugin-sdk';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { ClusterModule } from '../clusters/cluster-module.js';
import type { Config } from '../config/load-config.js';
import { migrate } from '../db/migration.js';
import { migrations } from '../db/migrations/index.js';
import { type OpenedDatabase, openDatabase } from '../db/open-database.js';
import type { Database } from '../db/types.js';
import type { AgentModule } from '../grpc/agent-module.js';
import { type ArgusApp, createApp } from '../http/create-app.js';
import type { RegisteredRoute } from '../http/route-permission.js';
import { createMetrics } from '../metrics/create-metrics.js';
import type { NotificationPipeline } from '../notifications/pipeline/notification-pipeline.js';
import type { PluginEngine } from '../plugin-engine/plugin-engine.js';
import { loadOrCreateKeyFile } from '../secrets/load-key.js';
import { createSecretBox, parseKeyring, type SecretBox } from '../secrets/secret-box.js';
import type { LiveUpdates } from '../ws/register.js';

export interface RunningServer {
  app: FastifyInstance;
  db: Database;
  secrets: SecretBox;
  routes: RegisteredRoute[];
  /** Clusters, watch caches and their live events. */
  clusters: ClusterModule;
  /** The WebSocket hub and the broker. */
  live: LiveUpdates;
  /** Agent enrolment and tunnels. */
  agents: AgentModule;
  /** The plugin engine and its plugins' state. */
  plugins: PluginEngine;
  /** This replica's name and its share of the clusters' event-derived work (several replicas, issue 22). */
  replica: ArgusApp['replica'];
  /** The notification pipeline (outbox relay, fan-out, deliveries, digest). */
  notifications: NotificationPipeline;
  /** The agents' gRPC port when listening (the real one when GRPC_PORT=0). */
  grpcPort: number | undefined;
  /** The proxy origin's port (ports opened in the browser), once listening. */
  proxyPort: number | undefined;
  /** The URL the HTTP server listens on (with the real port when PORT=0). */
  url: string;
  /** Stops accepting, drains in-flight requests, closes the database. Idempotent. */
  close(): Promise<void>;
}

export interface StartOptions {
  /** Listen on HTTP (default). Tests that use inject() can skip it. */
  listen?: boolean;
  /** An already opened database (tests); otherwise DATABASE_URL or the embedded one is opened. */
  database?: OpenedDatabase;
  /** Plugins to run instead of the built-in ones (tests). */
  plugins?: readonly PluginDefinition[];
}

async function resolveSecrets(config: Config, logger: Logger): Promise<{ secrets: SecretBox; jwtSecret: string }> {
  const keySpec =
    config.ENCRYPTION_KEY ??
    (await loadOrCreateKeyFile(config.ARGUS_DATA_DIR, 'encryption.key', 32, logger, 'encryption key'));
  const jwtSecret =
    config.JWT_SECRET ??
    (await loadOrCreateKeyFile(config.ARGUS_DATA_DIR, 'jwt.secret', 48, logger, 'JWT signing secret'));
  return { secrets: createSecretBox(parseKeyring(keySpec)), jwtSecret };
}

/** Opens the database, migrates it, builds the app and listens: the whole server, in process. */
export async function startServer(config: Config, logger: Logger, options: StartOptions = {}): Promise<RunningServer> {
  const { secrets, jwtSecret } = await resolveSecrets(config, logger);
  const database =
    options.database ??
    (await openDatabase(
      {
        databaseUrl: config.DATABASE_URL,
        dataDir: config.ARGUS_DATA_DIR,
        connectAttempts: config.DATABASE_CONNECT_ATTEMPTS,
      },
      logger,
    ));
  let built: Awaited<ReturnType<typeof createApp>> | undefined;
  try {
    await migrate(database.db, migrations, logger.child({ component: 'migrations' }));
    const tls =
      config.TLS_CERT_FILE && config.TLS_KEY_FILE
        ? { cert: await readFile(config.TLS_CERT_FILE, 'utf8'), key: await readFile(config.TLS_KEY_FILE, 'utf8') }
        : undefined;
    built = await createApp({
      config,
      logger,
      db: database.db,
      metrics: createMetrics(),
      secrets,
      jwtSecret,
      ...(tls ? { tls } : {}),
      ...(options.plugins ? { plugins: options.plugins } : {}),
    });
    let url = '';
    if (options.listen !== false) {
      await built.app.listen({ port: config.PORT, host: config.HOST });
      const address = built.app.server.address();
      const port = typeof address === 'object' && address ? address.port : config.PORT;
      const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
      url = `${tls ? 'https' : 'http'}://${host}:${port}`;
      await built.agents.listen(config.HOST);
      await built.proxy.listen(config.HOST);
    } else {
      await built.app.ready();
    }
    const app = built.app;
    let closing: Promise<void> | undefined;
    return {
      app,
      db: database.db,
      secrets,
      routes: built.routes,
      clusters: built.clusters,
      live: built.live,
      agents: built.agents,
      plugins: built.plugins,
      replica: built.replica,
      notifications: built.notifications,
      proxyPort: built.proxy.port(),
      grpcPort: built.agents.grpcPort,
      url,
      close() {
        closing ??= (async () => {
          try {
            // Drain: in-flight requests finish; after SHUTDOWN_DRAIN_MS the connections still open (watches,
            // followed logs, aborted streams the HTTP server still counts as busy) are cut so close ends.
            const cut = setTimeout(() => app.server.closeAllConnections(), config.SHUTDOWN_DRAIN_MS);
            try {
              await app.close();
            } finally {
              clearTimeout(cut);
            }
          } finally {
            await database.close();
          }
        })();
        return closing;
      },
    };
  } catch (err) {
    await built?.app.close().catch(() => undefined);
    await database.close().catch(() => undefined);
    throw err;
  }
}
