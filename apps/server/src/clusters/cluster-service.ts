/** The cluster registry: register (connect first), list, get, rename, delete, health, and live connections. */
import { randomUUID } from 'node:crypto';
import {
  AppError,
  type ClusterHealth,
  type ClusterView,
  type RegisterClusterInput,
  type UpdateClusterInput,
} from '@argus/contracts';
import type { Logger } from 'pino';
import type { Database } from '../db/types.js';
import type { AgentBridge } from '../grpc/agent-module.js';
import type { SecretBox } from '../secrets/secret-box.js';
import { type ClusterRow, type ClusterStore, createClusterStore, toView } from './cluster-store.js';
import type { ClusterConnection, ConnectionTimeouts } from './connection.js';
import { createDirectConnection } from './direct-connection.js';
import { loadKubeconfig } from './kubeconfig.js';
import { healthOf, probeCluster } from './probe.js';

export interface ClusterServiceOptions {
  db: Database;
  secrets: SecretBox;
  logger: Logger;
  allowExecCredentials: boolean;
  timeouts: ConnectionTimeouts;
  /** Health check timeout per cluster. */
  healthTimeoutMs: number;
  /** Agent-connected clusters (issue 7): their tunnel connections and agent status. */
  agents?: AgentBridge;
}

export interface RegisteredCluster {
  id: string;
  name: string;
  impersonateUsers: boolean;
  connectionType: ClusterRow['connection_type'];
}

export interface ClusterService {
  register(
    input: RegisterClusterInput,
    opts?: { createdBy?: string | null; connectionType?: 'kubeconfig' | 'demo' },
  ): Promise<ClusterView>;
  list(): Promise<ClusterView[]>;
  get(id: string): Promise<ClusterView>;
  /** A cluster by id or (case-insensitive) name; 404 when neither. */
  resolve(idOrName: string): Promise<RegisteredCluster>;
  update(id: string, input: UpdateClusterInput): Promise<ClusterView>;
  remove(id: string): Promise<void>;
  /** Checks now, records and returns the result. */
  checkHealth(id: string): Promise<ClusterHealth>;
  checkAll(): Promise<void>;
  connection(id: string): Promise<ClusterConnection>;
  /** Points an existing (demo) cluster at a new kubeconfig. */
  replaceKubeconfig(id: string, kubeconfig: string): Promise<void>;
  onRemoved(listener: (id: string) => void): void;
  /** Called after a cluster is registered through this service (agent enrolments are seen by polling list()). */
  onAdded(listener: (id: string) => void): void;
  store: ClusterStore;
  close(): void;
}

const contextOf = (id: string) => `cluster:${id}`;

export function createClusterService(opts: ClusterServiceOptions): ClusterService {
  const store = createClusterStore(opts.db);
  const log = opts.logger.child({ component: 'clusters' });
  const connections = new Map<string, Promise<ClusterConnection>>();
  const removedListeners: Array<(id: string) => void> = [];
  const addedListeners: Array<(id: string) => void> = [];
  const policy = { allowExec: opts.allowExecCredentials };

  async function mustGet(id: string): Promise<ClusterRow> {
    const row = await store.get(id);
    if (!row) throw new AppError('NOT_FOUND', `Cluster "${id}" not found`);
    return row;
  }

  async function connect(kubeconfig: string, context: string | undefined) {
    const loaded = loadKubeconfig(kubeconfig, context, policy);
    const conn = await createDirectConnection(loaded.kc, opts.timeouts, {
      refreshCredentials: loaded.authMethod === 'exec' || loaded.authMethod === 'auth-provider',
    });
    return { loaded, conn };
  }

  function drop(id: string): void {
    const c = connections.get(id);
    connections.delete(id);
    c?.then((conn) => conn.close()).catch(() => undefined);
  }

  async function toHealth(id: string, conn: ClusterConnection): Promise<ClusterHealth> {
    const h = await healthOf(conn, opts.healthTimeoutMs);
    await store.recordHealth(id, h);
    return {
      cluster_id: id,
      status: h.status,
      message: h.message,
      error_code: h.errorCode,
      latency_ms: h.latencyMs,
      kubernetes_version: h.version,
      checked_at: new Date().toISOString(),
    };
  }

  const service: ClusterService = {
    store,
    async register(input, o = {}) {
      const { loaded, conn } = await connect(input.kubeconfig, input.context);
      try {
        const probe = await probeCluster(conn, opts.healthTimeoutMs);
        const id = randomUUID();
        const row = await store.insert({
          id,
          name: input.name,
          connectionType: o.connectionType ?? 'kubeconfig',
          kubeconfigSealed: opts.secrets.seal(input.kubeconfig, contextOf(id)),
          context: loaded.context,
          serverUrl: loaded.server,
          authMethod: loaded.authMethod,
          impersonateUsers: input.impersonate_users ?? false,
          createdBy: o.createdBy ?? null,
          health: {
            status: 'connected',
            message: null,
            errorCode: null,
            latencyMs: probe.latencyMs,
            version: probe.version,
          },
        });
        connections.set(id, Promise.resolve(conn));
        log.info(
          { clusterId: id, name: input.name, server: loaded.server, auth: loaded.authMethod },
          'cluster registered',
        );
        for (const l of addedListeners) l(id);
        return toView(row);
      } catch (err) {
        conn.close();
        throw err;
      }
    },
    async list() {
      const views = (await store.list()).map(toView);
      return opts.agents ? opts.agents.describe(views) : views;
    },
    async get(id) {
      const view = toView(await mustGet(id));
      return opts.agents ? ((await opts.agents.describe([view]))[0] ?? view) : view;
    },
    async resolve(idOrName) {
      const row = (await store.get(idOrName)) ?? (await store.findByName(idOrName));
      if (!row) throw new AppError('NOT_FOUND', `Cluster "${idOrName}" not found`);
      return {
        id: row.id,
        name: row.name,
        impersonateUsers: row.impersonate_users,
        connectionType: row.connection_type,
      };
    },
    async update(id, input) {
      const patch: { name?: string; impersonateUsers?: boolean } = {};
      if (input.name !== undefined) patch.name = input.name;
      if (input.impersonate_users !== undefined) patch.impersonateUsers = input.impersonate_users;
      const row = await store.update(id, patch);
      if (!row) throw new AppError('NOT_FOUND', `Cluster "${id}" not found`);
      return toView(row);
    },
    async remove(id) {
      if (!(await store.remove(id))) throw new AppError('NOT_FOUND', `Cluster "${id}" not found`);
      drop(id);
      for (const l of removedListeners) l(id);
      log.info({ clusterId: id }, 'cluster removed');
    },
    async checkHealth(id) {
      await mustGet(id);
      return toHealth(id, await service.connection(id));
    },
    async checkAll() {
      const rows = await store.list();
      await Promise.all(
        rows.map(async (r) => {
          try {
            await toHealth(r.id, await service.connection(r.id));
          } catch (err) {
            const e = err instanceof AppError ? err : new AppError('INTERNAL', (err as Error).message);
            await store
              .recordHealth(r.id, {
                status: 'error',
                message: e.message,
                errorCode: e.code,
                latencyMs: null,
                version: null,
              })
              .catch(() => undefined);
          }
        }),
      );
    },
    connection(id) {
      let c = connections.get(id);
      if (!c) {
        c = (async () => {
          const row = await mustGet(id);
          if (row.connection_type === 'agent' && opts.agents) return opts.agents.connection(id);
          if (!row.kubeconfig_encrypted) {
            throw new AppError(
              'CLUSTER_UNREACHABLE',
              `Cluster "${row.name}" connects through an agent, which is not connected`,
            );
          }
          const text = opts.secrets.open(row.kubeconfig_encrypted, contextOf(id));
          return (await connect(text, row.context ?? undefined)).conn;
        })();
        connections.set(id, c);
        c.catch(() => connections.delete(id));
      }
      return c;
    },
    async replaceKubeconfig(id, kubeconfig) {
      const row = await mustGet(id);
      const loaded = loadKubeconfig(kubeconfig, undefined, policy);
      await store.replaceKubeconfig(row.id, opts.secrets.seal(kubeconfig, contextOf(id)), loaded.server);
      drop(id);
    },
    onRemoved(listener) {
      removedListeners.push(listener);
    },
    onAdded(listener) {
      addedListeners.push(listener);
    },
    close() {
      for (const id of [...connections.keys()]) drop(id);
    },
  };
  return service;
}
