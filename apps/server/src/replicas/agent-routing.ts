/**
 * Agent routing across replicas sharing one PostgreSQL: this replica records the agents whose tunnel it holds
 * (claim on attach, renewal every third of the TTL, release on detach), serves other replicas' forwarded calls for
 * them on its internal port, and forwards its own callers' calls for agents held elsewhere (routed-bridge.ts).
 * A renewal that finds its row taken by a newer connection elsewhere drops the stale local tunnel; one that finds
 * the row gone with its cluster (deleted) drops the agent too.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { status } from '@grpc/grpc-js';
import type { Logger } from 'pino';
import type { Database } from '../db/types.js';
import type { AgentHub } from '../grpc/agent-hub.js';
import type { AgentBridge } from '../grpc/agent-module.js';
import type { TunnelSession } from '../grpc/tunnel-session.js';
import { createAgentRouteStore } from './agent-routes.js';
import { createForwardSigner } from './forward-auth.js';
import { createForwardServer } from './forward-server.js';
import { replicaUrl } from './replica-name.js';
import { createRoutedBridge } from './routed-bridge.js';

export interface AgentRouting {
  bridge: AgentBridge;
  /** The internal URL other replicas forward to, once listening. */
  readonly url: string | undefined;
  listen(host: string): Promise<void>;
  close(): Promise<void>;
}

export interface AgentRoutingDeps {
  db: Database;
  hub: AgentHub;
  local: AgentBridge;
  jwtSecret: string;
  logger: Logger;
  replica: string;
  port: number;
  replicaUrl?: string | undefined;
  podIp?: string | undefined;
  ttlMs: number;
  requestTimeoutMs: number;
  bodyLimit: number;
}

export function createAgentRouting(deps: AgentRoutingDeps): AgentRouting {
  const log = deps.logger.child({ component: 'agent-routing', replica: deps.replica });
  const routes = createAgentRouteStore(deps.db);
  const signer = createForwardSigner(deps.jwtSecret);
  /** Live local sessions: cluster id → [session, its route's session id]. */
  const held = new Map<string, { session: TunnelSession; id: string }>();
  let url: string | undefined;
  let server: Server | undefined;
  let timer: NodeJS.Timeout | undefined;
  let renewing: Promise<void> | undefined;

  async function claim(session: TunnelSession, id: string): Promise<void> {
    if (!url) return;
    await routes.claim(
      {
        clusterId: session.clusterId,
        replica: deps.replica,
        replicaUrl: url,
        sessionId: id,
        agentName: session.hello.agentName,
        agentVersion: session.hello.agentVersion,
        apiServer: session.hello.apiServer,
      },
      deps.ttlMs,
    );
  }

  async function renew(): Promise<void> {
    if (held.size === 0) return;
    const ids = new Map([...held].map(([clusterId, h]) => [clusterId, h.id]));
    const mine = new Set(await routes.renew(deps.replica, ids, deps.ttlMs));
    // The replica the agent left may record "disconnected" after this one recorded "connected": set it right.
    if (mine.size > 0)
      await deps.db.query(
        `UPDATE clusters SET status = 'connected', status_message = NULL, last_checked_at = now()
          WHERE id = ANY($1::uuid[]) AND connection_type = 'agent' AND status = 'disconnected'`,
        [[...mine]],
      );
    for (const [clusterId, h] of held) {
      if (mine.has(clusterId) || held.get(clusterId) !== h) continue;
      const route = await routes.lookup(clusterId);
      if (route && route.sessionId !== h.id) {
        log.warn(
          { clusterId, holder: route.replica },
          'the agent connected to another replica: dropping the stale tunnel',
        );
        h.session.close('the agent connected to another replica');
        continue;
      }
      // The row expired (this replica paused) or went with its cluster: claim again, or drop a deleted cluster's agent.
      await claim(h.session, h.id).catch((err) => {
        log.warn({ clusterId, err: (err as Error).message }, 'cannot record the agent route: dropping the tunnel');
        h.session.close('the cluster is gone', status.UNAUTHENTICATED);
      });
    }
  }

  const offAttached = deps.hub.on('attached', (session) => {
    const h = { session, id: randomUUID() };
    held.set(session.clusterId, h);
    claim(session, h.id).catch((err) =>
      log.error({ clusterId: session.clusterId, err: (err as Error).message }, 'cannot record the agent route'),
    );
  });
  const offDetached = deps.hub.on('detached', (session) => {
    const h = held.get(session.clusterId);
    if (h?.session !== session) return;
    held.delete(session.clusterId);
    routes.release(session.clusterId, h.id).catch(() => undefined);
  });

  return {
    bridge: createRoutedBridge({
      hub: deps.hub,
      local: deps.local,
      routes,
      signer,
      replica: deps.replica,
      waitMs: deps.ttlMs,
      requestTimeoutMs: deps.requestTimeoutMs,
      logger: deps.logger,
    }),
    get url() {
      return url;
    },
    async listen(host) {
      const s = createForwardServer({ hub: deps.hub, signer, logger: deps.logger, bodyLimit: deps.bodyLimit });
      try {
        await new Promise<void>((resolve, reject) => {
          s.once('error', reject);
          s.listen(deps.port, host, () => resolve());
        });
      } catch (err) {
        log.error({ err, port: deps.port }, 'replica port unavailable: agents on this replica serve only it');
        return;
      }
      server = s;
      url = replicaUrl({
        replicaUrl: deps.replicaUrl,
        podIp: deps.podIp,
        host,
        port: (s.address() as AddressInfo).port,
      });
      log.info({ url }, 'replica port listening');
      for (const h of held.values()) await claim(h.session, h.id).catch(() => undefined);
      timer = setInterval(
        () => {
          renewing ??= renew()
            .catch((err) => log.warn({ err: (err as Error).message }, 'renewing agent routes failed'))
            .finally(() => {
              renewing = undefined;
            });
        },
        Math.max(200, Math.floor(deps.ttlMs / 3)),
      );
      timer.unref();
    },
    async close() {
      if (timer) clearInterval(timer);
      offAttached();
      offDetached();
      await renewing;
      // The routes stay: the agents reconnect to another replica, which overwrites them, and until then other
      // replicas' calls wait for the move instead of failing (a route left by a crash expires after the TTL).
      held.clear();
      if (server) {
        server.closeAllConnections();
        await new Promise((r) => server?.close(r));
      }
    },
  };
}
