/**
 * The agent feature for the app: enrolment, the hub of live tunnels, the gRPC endpoint (started when the
 * server listens), and the bridge the cluster registry uses for agent-connected clusters.
 */
import { readFile } from 'node:fs/promises';
import type { ClusterView } from '@argus/contracts';
import { status } from '@grpc/grpc-js';
import type { Logger } from 'pino';
import type { ClusterConnection } from '../clusters/connection.js';
import type { Config } from '../config/load-config.js';
import type { Database } from '../db/types.js';
import { type AgentEnrolment, createAgentEnrolment } from './agent-enrolment.js';
import { type AgentHub, createAgentHub } from './agent-hub.js';
import { type AgentGrpcServer, startAgentGrpcServer } from './grpc-server.js';

/** What the cluster registry needs from the agent feature. */
export interface AgentBridge {
  /** The connection of an agent-connected cluster (fails fast with CLUSTER_UNREACHABLE while its agent is away). */
  connection(clusterId: string): ClusterConnection;
  /** Adds `agent` (connected, last seen, …) to agent clusters' views. */
  describe(views: ClusterView[]): Promise<ClusterView[]>;
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

export function createAgentModule(deps: { config: Config; db: Database; logger: Logger }): AgentModule {
  const { config } = deps;
  const logger = deps.logger.child({ component: 'agents' });
  const enrolment = createAgentEnrolment(deps.db);
  const hub = createAgentHub({ db: deps.db, enrolment, logger });
  const tls = Boolean(config.GRPC_TLS_CERT_FILE && config.GRPC_TLS_KEY_FILE);
  let grpc: AgentGrpcServer | undefined;
  return {
    enrolment,
    hub,
    tls,
    bridge: {
      connection: (id) => hub.connection(id),
      describe: (views) => hub.describe(views),
      forget: (id) => hub.disconnect(id, 'the cluster was deleted from Argus', status.UNAUTHENTICATED),
    },
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
      await hub.close();
      await grpc?.close();
    },
  };
}
