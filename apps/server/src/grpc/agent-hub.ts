/**
 * Which agents are connected: one live tunnel session per agent cluster (a newer one replaces an older
 * one), a stable ClusterConnection per cluster that uses whichever session is live and fails fast with
 * CLUSTER_UNREACHABLE when none is, and the cluster's status in the database (connected/disconnected).
 */
import { type AgentStatus, AppError, type ClusterView } from '@argus/contracts';
import type { Logger } from 'pino';
import type { ClusterConnection } from '../clusters/connection.js';
import type { Database } from '../db/types.js';
import type { AgentEnrolment } from './agent-enrolment.js';
import type { TunnelSession } from './tunnel-session.js';

export interface AgentHub {
  attach(session: TunnelSession): void;
  session(clusterId: string): TunnelSession | undefined;
  /** The cluster's connection through its agent; stable across reconnects. */
  connection(clusterId: string): ClusterConnection;
  /** Drops the cluster's live session (after revocation or deletion). */
  disconnect(clusterId: string, reason: string, grpcCode?: number): void;
  status(clusterId: string, lastSeen?: Date): AgentStatus;
  /** Adds `agent` (status and last seen) to agent clusters' views. */
  describe(views: ClusterView[]): Promise<ClusterView[]>;
  connectedCount(): number;
  /**
   * `attached`: a session became the cluster's live one; `detached`: the cluster's live session ended (not
   * fired for a session replaced by a newer one on this server). Returns the removal.
   */
  on(event: 'attached' | 'detached', listener: (session: TunnelSession) => void): () => void;
  /** Drops every session and waits until their clusters are recorded as disconnected. */
  close(): Promise<void>;
}

export function createAgentHub(deps: { db: Database; enrolment: AgentEnrolment; logger: Logger }): AgentHub {
  const log = deps.logger.child({ component: 'agent-hub' });
  const sessions = new Map<string, TunnelSession>();
  const facades = new Map<string, ClusterConnection>();
  const marking = new Set<Promise<void>>();
  const listeners = {
    attached: new Set<(s: TunnelSession) => void>(),
    detached: new Set<(s: TunnelSession) => void>(),
  };
  const emit = (event: 'attached' | 'detached', s: TunnelSession) => {
    for (const l of listeners[event]) {
      try {
        l(s);
      } catch (err) {
        log.warn({ err, event }, 'agent hub listener failed');
      }
    }
  };
  const track = (p: Promise<void>) => {
    const t = p.catch((err) => log.warn({ err }, 'cannot record agent status')).finally(() => marking.delete(t));
    marking.add(t);
  };

  async function mark(clusterId: string, s: TunnelSession | undefined, reason?: string): Promise<void> {
    if (s) {
      await deps.db.query(
        `UPDATE clusters SET status = 'connected', status_message = NULL, server_url = $2,
           kubernetes_version = coalesce(nullif($3, ''), kubernetes_version), last_checked_at = now(), updated_at = now()
         WHERE id = $1`,
        [clusterId, s.hello.apiServer || null, s.hello.kubernetesVersion],
      );
    } else {
      await deps.db.query(
        `UPDATE clusters SET status = 'disconnected', status_message = $2, last_checked_at = now() WHERE id = $1 AND connection_type = 'agent'`,
        [clusterId, `Agent disconnected: ${reason ?? 'unknown reason'}`],
      );
    }
  }

  const unreachable = (clusterId: string) =>
    new AppError('CLUSTER_UNREACHABLE', `The agent of cluster ${clusterId} is not connected`, {
      details: { reason: 'agent-disconnected' },
    });

  const hub: AgentHub = {
    attach(session) {
      const previous = sessions.get(session.clusterId);
      sessions.set(session.clusterId, session);
      if (previous && previous !== session) previous.close('replaced by a newer connection of the agent');
      log.info(
        { clusterId: session.clusterId, agentId: session.agentId, apiServer: session.hello.apiServer },
        'agent connected',
      );
      track(mark(session.clusterId, session));
      emit('attached', session);
      void deps.enrolment.touch(session.agentId).catch(() => undefined);
      void session.ended.then((reason) => {
        if (sessions.get(session.clusterId) !== session) return;
        sessions.delete(session.clusterId);
        emit('detached', session);
        log.warn({ clusterId: session.clusterId, agentId: session.agentId, reason }, 'agent disconnected');
        void deps.enrolment.touch(session.agentId).catch(() => undefined);
        track(mark(session.clusterId, undefined, reason));
      });
    },
    session(clusterId) {
      const s = sessions.get(clusterId);
      return s?.isOpen ? s : undefined;
    },
    connection(clusterId) {
      let f = facades.get(clusterId);
      if (!f) {
        const live = () => {
          const s = hub.session(clusterId);
          if (!s) throw unreachable(clusterId);
          return s;
        };
        f = {
          transport: 'agent',
          get server() {
            return hub.session(clusterId)?.server ?? `agent:${clusterId}`;
          },
          request: async (req) => live().request(req),
          stream: async (req) => live().stream(req),
          upgrade: async (req) => live().upgrade(req),
          close: () => facades.delete(clusterId),
        };
        facades.set(clusterId, f);
      }
      return f;
    },
    disconnect(clusterId, reason, grpcCode) {
      sessions.get(clusterId)?.close(reason, grpcCode);
    },
    status(clusterId, lastSeen) {
      const s = hub.session(clusterId);
      return {
        connected: Boolean(s),
        agent_name: s?.hello.agentName || null,
        agent_version: s?.hello.agentVersion || null,
        api_server: s?.hello.apiServer || null,
        connected_at: s ? s.connectedAt.toISOString() : null,
        last_seen_at: s ? new Date().toISOString() : (lastSeen?.toISOString() ?? null),
        rtt_ms: s?.lastRttMs() ?? null,
      };
    },
    async describe(views) {
      const agentIds = views.filter((v) => v.connection_type === 'agent').map((v) => v.id);
      if (agentIds.length === 0) return views;
      const seen = await deps.enrolment.lastSeen(agentIds);
      // The live session is the truth for this server (the stored status may predate a restart).
      return views.map((v) => {
        if (v.connection_type !== 'agent') return v;
        const agent = hub.status(v.id, seen.get(v.id));
        const status = agent.connected ? (v.status === 'error' ? 'error' : 'connected') : 'disconnected';
        return { ...v, status, agent };
      });
    },
    connectedCount: () => sessions.size,
    on(event, listener) {
      listeners[event].add(listener);
      return () => void listeners[event].delete(listener);
    },
    async close() {
      for (const s of [...sessions.values()]) s.close('server shutting down');
      await new Promise((r) => setImmediate(r));
      await Promise.all([...marking]);
      sessions.clear();
    },
  };
  return hub;
}
