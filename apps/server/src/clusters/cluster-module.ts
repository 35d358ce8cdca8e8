/** Wires the cluster registry, discovery, watch caches, resources and health checks for the app. */
import type { KubeSim } from '@argus/kube-sim';
import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import type { Database } from '../db/types.js';
import type { AgentBridge } from '../grpc/agent-module.js';
import type { SecretBox } from '../secrets/secret-box.js';
import { type CacheManager, createCacheManager } from './cache-manager.js';
import { type ClusterService, createClusterService } from './cluster-service.js';
import { startDemoClusters } from './demo-clusters.js';
import { createDiscovery, type Discovery, type ResourceInfo } from './discovery.js';
import type { FleetDeps } from './fleet.js';
import { createPrinterColumns, type PrinterColumns } from './printer-columns.js';
import { createResourceService, type ResourceService } from './resource-service.js';
import { createStaleness, type Staleness } from './staleness.js';
import type { CacheListener } from './watch-cache.js';

export interface ClusterModule {
  clusters: ClusterService;
  discovery: Discovery;
  /** CRDs' additionalPrinterColumns, for the api-resources answer. */
  printerColumns: PrinterColumns;
  caches: CacheManager;
  /** Clusters whose last health check failed: their answers from the cache are marked stale. */
  staleness: Staleness;
  resources: ResourceService;
  fleet: FleetDeps;
  logger: Logger;
  config: Config;
  db: Database;
  /** Live ADDED/MODIFIED/DELETED events of a cluster's resource, for the WebSocket hub. */
  onEvent(clusterId: string, info: ResourceInfo, listener: CacheListener): () => void;
  /** Demo clusters (when configured) and the periodic health check. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export function createClusterModule(deps: {
  config: Config;
  db: Database;
  secrets: SecretBox;
  logger: Logger;
  /** Agent-connected clusters (issue 7). */
  agents?: AgentBridge;
}): ClusterModule {
  const { config } = deps;
  const logger = deps.logger.child({ component: 'clusters' });
  const clusters = createClusterService({
    db: deps.db,
    secrets: deps.secrets,
    logger,
    allowExecCredentials: config.ALLOW_EXEC_CREDENTIALS,
    timeouts: { requestMs: config.KUBE_REQUEST_TIMEOUT_MS, connectMs: config.KUBE_CONNECT_TIMEOUT_MS },
    healthTimeoutMs: Math.min(config.KUBE_REQUEST_TIMEOUT_MS, 10_000),
    ...(deps.agents ? { agents: deps.agents } : {}),
  });
  if (deps.agents) clusters.onRemoved((id) => deps.agents?.forget(id));
  const connection = (id: string) => clusters.connection(id);
  const discovery = createDiscovery(connection);
  const staleness = createStaleness();
  // Registering connects first: that is a contact.
  clusters.onAdded((id) => staleness.observe([{ id, status: 'connected', last_checked_at: new Date().toISOString() }]));
  const caches = createCacheManager({
    connection,
    logger,
    idleMs: config.WATCH_CACHE_IDLE_MS,
    maxObjectsPerCache: config.WATCH_CACHE_MAX_OBJECTS,
    maxBytes: config.WATCH_CACHE_MAX_BYTES,
    syncTimeoutMs: config.KUBE_REQUEST_TIMEOUT_MS,
  });
  const printerColumns = createPrinterColumns({
    discovery,
    caches,
    unreachable: (id) => staleness.of(id) !== undefined,
  });
  clusters.onRemoved((id) => {
    caches.stopCluster(id);
    discovery.forget(id);
    printerColumns.forget(id);
    staleness.forget(id);
  });
  const resources = createResourceService({ connection, discovery, caches });
  let sims: KubeSim[] = [];
  let timer: NodeJS.Timeout | undefined;
  let checking: Promise<void> | undefined;
  return {
    clusters,
    discovery,
    printerColumns,
    staleness,
    caches,
    resources,
    fleet: { clusters, resources, discovery, caches, perClusterTimeoutMs: config.KUBE_REQUEST_TIMEOUT_MS },
    logger,
    config,
    db: deps.db,
    onEvent: (clusterId, info, listener) => caches.onEvent(clusterId, info, listener),
    async start() {
      if (config.ARGUS_DEMO) sims = await startDemoClusters(clusters, logger);
      // What the last health checks recorded (a connected one's check time is a contact).
      staleness.observe(await clusters.list().catch(() => []));
      timer = setInterval(() => {
        checking ??= clusters
          .checkAll()
          .then(async () => staleness.observe(await clusters.list()))
          .catch((err) => logger.warn({ err }, 'health check failed'))
          .finally(() => {
            checking = undefined;
          });
      }, config.CLUSTER_HEALTH_INTERVAL_MS);
      timer.unref();
    },
    async close() {
      if (timer) clearInterval(timer);
      await checking;
      caches.close();
      clusters.close();
      await Promise.all(sims.map((s) => s.close()));
    },
  };
}
