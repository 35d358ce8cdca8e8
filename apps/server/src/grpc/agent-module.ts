/**
 * The agent feature for the app: enrolment, the hub of live tunnels, the gRPC endpoint (started when the
 * server listens), and the bridge the cluster registry uses for agent-connected clusters.
 */
import { readFile } from 'node:fs/promises';
import type { AgentStatus, ClusterView } from '@argus/contracts';
import { status } from '@grpc/grpc-js';
import type { Logger } from 'pino';
import type { ClusterConnection } from '../clusters/connection.js';
import type { Config } from '../config/load-config.js';
import type { Database } from '../db/types.js';
import { createAgentRouting } from '../replicas/agent-routing.js';
import { replicaName } from '../replicas/replica-name.js';
import { type AgentEnrolment, createAgentEnrolment } from './agent-enrolment.js';
import { type AgentHub, createAgentHub } from './agent-hub.js';
import { type AgentGrpcServer, startAgentGrpcServer } from './grpc-server.js';

/** What the cluster registry needs from the agent feature. */
export interface AgentBridge {
  /** The connection of an agent-connected cluster (fails fast with CLUSTER_UNREACHABLE while its agent is away). */
  connection(clusterId: string): ClusterConnection;
  /** Adds `agent` (connected, last seen, …) to agent clusters' views. */
  describe(views: ClusterView[]): Promise<ClusterView[]>;
  /** The agent's status (connected on whichever replica holds it, version, last seen). */
  status(clusterId: string, lastSeen?: Date): Promise<AgentStatus>;
  /** Drops the cluster's agent wherever its tunnel is (after revocation). */
  disconnect(clusterId: string, reason: string, grpcCode?: number): Promise<void>;
  /** The cluster was deleted: drop its agent. */
  forget(clusterId: string): void;
}

export interface AgentModule {
  enrolment: AgentEnrolment;
  hub: AgentHub;
  bridge: AgentBridge;
  /** The gRPC port once listening (the real one when GRPC_PORT=0). */
  readonly grpcPort: number | undefined;
  readonly tls: boolean;
  listen(host: string): Promise<number>;
  close(): Promise<void>;
}

export interface AgentModuleDeps {
  config: Config;
  db: Database;
  logger: Logger;
  /** With PostgreSQL (replicas may share it): route agent clusters' calls to the replica holding the agent. */
  jwtSecret?: string;
  /** This replica's name in agent routes (default: a fresh one). */
  replica?: string;
}

export function createAgentModule(deps: AgentModuleDeps): AgentModule {
  const { config } = deps;
  const logger = deps.logger.child({ component: 'agents' });
  const enrolment = createAgentEnrolment(deps.db);
  const hub = createAgentHub({ db: deps.db, enrolment, logger });
  const tls = Boolean(config.GRPC_TLS_CERT_FILE && config.GRPC_TLS_KEY_FILE);
  let grpc: AgentGrpcServer | undefined;
  const local: AgentBridge = {
    connection: (id) => hub.connection(id),
    describe: (views) => hub.describe(views),
    status: async (id, lastSeen) => hub.status(id, lastSeen),
    disconnect: async (id, reason, grpcCode) => hub.disconnect(id, reason, grpcCode),
    forget: (id) => hub.disconnect(id, 'the cluster was deleted from Argus', status.UNAUTHENTICATED),
  };
  // The embedded database has one replica by construction: no routing, no internal port.
  const routing =
    deps.db.driver === 'postgres' && deps.jwtSecret
      ? createAgentRouting({
          db: deps.db,
          hub,
          local,
          jwtSecret: deps.jwtSecret,
          logger,
          replica: deps.replica ?? replicaName(),
          port: config.REPLICA_PORT,
          replicaUrl: config.REPLICA_URL,
          podIp: config.POD_IP,
          ttlMs: config.REPLICA_LEASE_TTL_MS,
          requestTimeoutMs: config.KUBE_REQUEST_TIMEOUT_MS,
          bodyLimit: Math.max(config.BODY_LIMIT_BYTES, config.PLUGIN_UPLOAD_LIMIT_BYTES) * 2,
        })
      : undefined;
  return {
    enrolment,
    hub,
    tls,
    bridge: routing?.bridge ?? local,
    get grpcPort() {
      return grpc?.port;
    },
    async listen(host) {
      const certs =
        config.GRPC_TLS_CERT_FILE && config.GRPC_TLS_KEY_FILE
          ? {
              cert: await readFile(config.GRPC_TLS_CERT_FILE, 'utf8'),
              key: await readFile(config.GRPC_TLS_KEY_FILE, 'utf8'),
            }
          : undefined;
      // The internal port first: the routes agents' tunnels record name its address.
      await routing?.listen(host);
      grpc = await startAgentGrpcServer({
        host,
        port: config.GRPC_PORT,
        ...(certs ? { tls: certs } : {}),
        enrolment,
        hub,
        logger,
        windowBytes: config.AGENT_WINDOW_BYTES,
        pingIntervalMs: config.AGENT_PING_INTERVAL_MS,
        pingTimeoutMs: config.AGENT_PING_TIMEOUT_MS,
        requestTimeoutMs: config.KUBE_REQUEST_TIMEOUT_MS,
      });
      return grpc.port;
    },
    async close() {
      await routing?.close();
      await hub.close();
      await grpc?.close();
    },
  };
}
