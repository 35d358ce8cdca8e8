/**
 * The agent bridge across replicas: a cluster whose agent holds its tunnel on this replica is served by the local
 * hub; otherwise its route (agent-routes.ts) names the replica that holds it and the call is forwarded there.
 * While a route points at a replica that cannot be reached or no longer holds the agent (it died, the agent is
 * reconnecting elsewhere), the call waits — up to the route's TTL — for the route to move, so only the calls
 * that were in flight on a dying replica fail. No live route at all fails fast with CLUSTER_UNREACHABLE.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { type AgentStatus, AppError, type ClusterView } from '@argus/contracts';
import { status } from '@grpc/grpc-js';
import type { Logger } from 'pino';
import type { ClusterConnection, KubeRequest } from '../clusters/connection.js';
import type { AgentHub } from '../grpc/agent-hub.js';
import type { AgentBridge } from '../grpc/agent-module.js';
import type { AgentRoute, AgentRouteStore } from './agent-routes.js';
import type { ForwardSigner } from './forward-auth.js';
import { createForwardClient, forwardDisconnect, ReplicaUnreachable } from './forward-client.js';

export interface RoutedBridgeDeps {
  hub: AgentHub;
  /** The hub's own bridge (describe, status and forget for local sessions). */
  local: AgentBridge;
  routes: AgentRouteStore;
  signer: ForwardSigner;
  /** This replica's name in the routes. */
  replica: string;
  /** How long a call waits for a route to move off an unreachable replica (the route TTL). */
  waitMs: number;
  requestTimeoutMs: number;
  logger: Logger;
  /** How often a waiting call looks the route up again (default 250 ms). */
  pollMs?: number;
}

const agentAway = (clusterId: string) =>
  new AppError('CLUSTER_UNREACHABLE', `The agent of cluster ${clusterId} is not connected`, {
    details: { reason: 'agent-disconnected' },
  });

export function createRoutedBridge(deps: RoutedBridgeDeps): AgentBridge {
  const log = deps.logger.child({ component: 'agent-routing' });
  const facades = new Map<string, ClusterConnection>();
  const clients = new Map<string, { url: string; conn: ClusterConnection }>();

  const remote = (route: AgentRoute): ClusterConnection => {
    const cached = clients.get(route.clusterId);
    if (cached?.url === route.replicaUrl) return cached.conn;
    const conn = createForwardClient({
      clusterId: route.clusterId,
      replicaUrl: route.replicaUrl,
      signer: deps.signer,
      requestTimeoutMs: deps.requestTimeoutMs,
    });
    clients.set(route.clusterId, { url: route.replicaUrl, conn });
    return conn;
  };

  /**
   * Routes read within the last second (a busy cluster's calls do not each read the table); a cached route that
   * turns out stale (its replica is gone or no longer holds the agent) is dropped and read again.
   */
  const cached = new Map<string, { route: AgentRoute | undefined; at: number }>();
  async function lookup(clusterId: string, fresh: boolean): Promise<AgentRoute | undefined> {
    const hit = cached.get(clusterId);
    if (!fresh && hit && Date.now() - hit.at < 1_000) return hit.route;
    const route = await deps.routes.lookup(clusterId);
    if (route) cached.set(clusterId, { route, at: Date.now() });
    else cached.delete(clusterId);
    return route;
  }

  /** Runs the call on whichever replica holds the agent, following the route while it moves. */
  async function routed<T>(clusterId: string, req: KubeRequest, call: (c: ClusterConnection) => Promise<T>) {
    const deadline = Date.now() + deps.waitMs;
    let last: AppError | undefined;
    for (;;) {
      if (deps.hub.session(clusterId)) return call(deps.hub.connection(clusterId));
      const route = await lookup(clusterId, last !== undefined);
      // No live route: the agent is away (or did not come back within the TTL after its replica died).
      if (!route) throw agentAway(clusterId);
      if (route.replica !== deps.replica) {
        try {
          return await call(remote(route));
        } catch (err) {
          if (!(err instanceof ReplicaUnreachable)) throw err;
          cached.delete(clusterId);
          last = err.appError;
          log.debug({ clusterId, replica: route.replica, err: err.message }, 'agent route is moving; waiting');
        }
      }
      // Our own row without a session: the stream just ended here and the agent is reconnecting.
      if (route.replica === deps.replica) last ??= agentAway(clusterId);
      if (Date.now() >= deadline || req.signal?.aborted) {
        if (last) log.warn({ clusterId, err: last.message }, 'the replica holding the agent stayed unreachable');
        throw last ?? agentAway(clusterId);
      }
      await sleep(deps.pollMs ?? 250);
    }
  }

  function connection(clusterId: string): ClusterConnection {
    let f = facades.get(clusterId);
    if (!f) {
      f = {
        transport: 'agent',
        get server() {
          return deps.hub.connection(clusterId).server;
        },
        request: (req) => routed(clusterId, req, (c) => c.request(req)),
        stream: (req) => routed(clusterId, req, (c) => c.stream(req)),
        upgrade: (req) => routed(clusterId, req, (c) => c.upgrade(req)),
        close: () => {
          facades.delete(clusterId);
          clients.delete(clusterId);
        },
      };
      facades.set(clusterId, f);
    }
    return f;
  }

  const remoteStatus = (route: AgentRoute): AgentStatus => ({
    connected: true,
    agent_name: route.agentName,
    agent_version: route.agentVersion,
    api_server: route.apiServer,
    connected_at: route.connectedAt.toISOString(),
    last_seen_at: new Date().toISOString(),
    rtt_ms: null,
  });

  return {
    connection,
    async describe(views: ClusterView[]) {
      const stored = new Map(views.map((v) => [v.id, v.status]));
      const described = await deps.local.describe(views);
      const away = described.filter((v) => v.connection_type === 'agent' && !v.agent?.connected).map((v) => v.id);
      const routes = await deps.routes.lookupMany(away);
      return described.map((v) => {
        const route = routes.get(v.id);
        if (!route || route.replica === deps.replica) return v;
        return { ...v, status: stored.get(v.id) === 'error' ? 'error' : 'connected', agent: remoteStatus(route) };
      });
    },
    async status(clusterId, lastSeen) {
      const here = await deps.local.status(clusterId, lastSeen);
      if (here.connected) return here;
      const route = await deps.routes.lookup(clusterId);
      return route && route.replica !== deps.replica ? remoteStatus(route) : here;
    },
    async disconnect(clusterId, reason, grpcCode) {
      await deps.local.disconnect(clusterId, reason, grpcCode);
      const route = await deps.routes.lookup(clusterId);
      if (!route || route.replica === deps.replica) return;
      await forwardDisconnect({ route, signer: deps.signer, reason, grpcCode }).catch((err) =>
        log.warn(
          { clusterId, replica: route.replica, err: (err as Error).message },
          'cannot drop the agent on its replica',
        ),
      );
    },
    forget(clusterId) {
      // The route row went with the cluster (ON DELETE CASCADE): the holder drops the agent on its next renewal.
      void deps.local.disconnect(clusterId, 'the cluster was deleted from Argus', status.UNAUTHENTICATED);
    },
  };
}
