/**
 * The alert engine: alert state in PostgreSQL, so the replica that owns a cluster next carries on where the
 * last one stopped. pending → firing after the grace period → resolved; at most one open alert per
 * fingerprint (a partial unique index), so two replicas that both act for a moment raise it once.
 *
 * Notifications go out per group, as Alertmanager does it: a group (cluster + alert type) is told
 * `group_wait` after its first alert fires, then at most every `group_interval` when something changed (an
 * alert fired or resolved), and every `repeat_interval` while it keeps firing. The group's timer is its row's
 * `next_flush_at`; a flush locks the row, enqueues one NotificationEvent (id `group:<key>:<seq>`) in the
 * outbox and records what was told, in one transaction.
 */
import type { Logger } from 'pino';
import type { Database, Queryable } from '../../db/types.js';
import type { Candidate } from '../signals/cluster-signals.js';
import {
  NOTIFICATION_TOPICS,
  type NotificationEvent,
  type NotificationOutbox,
  type ResourceRef,
  type Severity,
} from '../types.js';
import { type FlushedAlert, groupEvent } from './group-event.js';

export interface AlertTimings {
  /** pending → firing after this long (cluster signals; Alertmanager alerts come in firing). */
  graceSeconds: number;
  /**
   * A cluster signal must be absent this long before its alert resolves (Prometheus' `keep_firing_for`): a
   * crash-looping container is Running for a moment between back-offs, which must not resolve and re-raise it.
   */
  resolveDelaySeconds: number;
  groupWaitSeconds: number;
  groupIntervalSeconds: number;
  repeatIntervalSeconds: number;
  /** Resolved alerts are kept this long as history. */
  retentionDays: number;
}

/** Alertmanager's `group_by`: the alert type always (preferences filter by it), the cluster and namespace optionally. */
export interface GroupBy {
  cluster: boolean;
  namespace: boolean;
}

export interface IncomingAlert {
  fingerprint: string;
  source: 'cluster' | 'alertmanager';
  sourceId?: string;
  clusterId: string | null;
  type: string;
  severity: Severity;
  summary: string;
  ref: ResourceRef | null;
  namespace: string | null;
  labels?: Record<string, string>;
  startedAt?: string;
}

/** Where an alert belongs for grouping: its cluster (id, or `label:<cluster label>` for unknown ones) and namespace. */
export interface GroupSubject {
  clusterKey: string;
  clusterId: string | null;
  namespace: string | null;
  type: string;
}

export interface AlertEngine {
  /** Makes a cluster's open alerts match its signals now (the owner calls it every evaluation). */
  reconcileCluster(clusterId: string, candidates: Map<string, Candidate>): Promise<void>;
  /** An alert that arrives firing (Alertmanager; `clusterKey` groups it when it names no registered cluster); true when new. */
  fire(q: Queryable, alert: IncomingAlert, clusterKey: string): Promise<boolean>;
  /** Resolves an open alert by fingerprint; true when it was open. */
  resolve(q: Queryable, fingerprint: string): Promise<boolean>;
  /** Sends every due group of these clusters (and of no cluster); returns the events enqueued. */
  flushDue(clusterIds: readonly string[]): Promise<number>;
  /** Drops resolved alerts older than the retention. */
  prune(): Promise<void>;
}

/** The group an alert is told in: `<cluster>/<type>` by default (`*` when not grouped by cluster). */
export function groupOf(by: GroupBy, a: GroupSubject): { key: string; clusterId: string | null } {
  const parts = [by.cluster ? a.clusterKey : '*', ...(by.namespace ? [a.namespace ?? '-'] : []), a.type];
  return { key: parts.join('/'), clusterId: by.cluster ? a.clusterId : null };
}

const secs = (n: number) => `make_interval(secs => ${Number(n)}::double precision)`;

interface OpenRow {
  id: string;
  fingerprint: string;
  state: 'pending' | 'firing';
  severity: Severity;
  summary: string;
  inhibited: boolean;
  group_key: string;
}

export function createAlertEngine(deps: {
  db: Database;
  outbox: NotificationOutbox;
  timings: AlertTimings;
  logger: Logger;
  groupBy?: GroupBy;
  /** After each group notification is committed (metrics). */
  onNotified?: (event: NotificationEvent) => void;
}): AlertEngine {
  const { db, outbox, timings } = deps;
  const by = deps.groupBy ?? { cluster: true, namespace: false };
  const log = deps.logger.child({ component: 'alerts' });

  /** An alert of the group changed (fired, resolved, no longer muted): schedule the group's next flush. */
  async function touchGroup(q: Queryable, groupKey: string, clusterId: string | null, type: string): Promise<void> {
    await q.query(
      `INSERT INTO alert_groups (group_key, cluster_id, type, next_flush_at)
            VALUES ($1, $2, $3, now() + ${secs(timings.groupWaitSeconds)})
       ON CONFLICT (group_key) DO UPDATE SET next_flush_at = LEAST(
            coalesce(alert_groups.next_flush_at, 'infinity'::timestamptz),
            CASE WHEN alert_groups.last_flush_at IS NULL THEN now() + ${secs(timings.groupWaitSeconds)}
                 ELSE GREATEST(now(), alert_groups.last_flush_at + ${secs(timings.groupIntervalSeconds)}) END)`,
      [groupKey, clusterId, type],
    );
  }

  async function insert(
    q: Queryable,
    a: IncomingAlert,
    state: 'pending' | 'firing',
    groupKey: string,
  ): Promise<boolean> {
    const res = await q.query(
      `INSERT INTO alerts (fingerprint, source, source_id, cluster_id, namespace, type, severity, state, group_key,
                           resource_ref, summary, labels, started_at, fired_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12::jsonb, coalesce($13::timestamptz, now()),
               CASE WHEN $8 = 'firing' THEN now() END)
       ON CONFLICT (fingerprint) WHERE state <> 'resolved' DO NOTHING`,
      [
        a.fingerprint,
        a.source,
        a.sourceId ?? null,
        a.clusterId,
        a.namespace,
        a.type,
        a.severity,
        state,
        groupKey,
        a.ref ? JSON.stringify(a.ref) : null,
        a.summary.slice(0, 2000),
        JSON.stringify(a.labels ?? {}),
        a.startedAt ?? null,
      ],
    );
    return res.rowCount > 0;
  }

  async function resolveRow(q: Queryable, where: string, params: unknown[]): Promise<number> {
    // A pending alert that clears before its grace period never was an alert.
    await q.query(`DELETE FROM alerts WHERE state = 'pending' AND ${where}`, params);
    const res = await q.query<{ group_key: string; cluster_id: string | null; type: string }>(
      `UPDATE alerts SET state = 'resolved', resolved_at = now(), updated_at = now()
        WHERE state = 'firing' AND ${where} RETURNING group_key, cluster_id::text, type`,
      params,
    );
    for (const r of res.rows) await touchGroup(q, r.group_key, by.cluster ? r.cluster_id : null, r.type);
    return res.rowCount;
  }

  async function reconcileCluster(clusterId: string, candidates: Map<string, Candidate>): Promise<void> {
    await db.transaction(async (tx) => {
      const open = await tx.query<OpenRow>(
        `SELECT id::text, fingerprint, state, severity, summary, inhibited, group_key FROM alerts
          WHERE cluster_id = $1 AND source = 'cluster' AND state <> 'resolved'`,
        [clusterId],
      );
      const known = new Map(open.rows.map((r) => [r.fingerprint, r]));
      for (const c of candidates.values()) {
        const row = known.get(c.fingerprint);
        if (!row) {
          const namespace = c.ref.namespace ?? null;
          const group = groupOf(by, { clusterKey: clusterId, clusterId, namespace, type: c.type });
          await insert(
            tx,
            {
              fingerprint: c.fingerprint,
              source: 'cluster',
              clusterId,
              type: c.type,
              severity: c.severity,
              summary: c.summary,
              ref: c.ref,
              namespace,
            },
            'pending',
            group.key,
          );
          if (c.inhibited)
            await tx.query(`UPDATE alerts SET inhibited = true WHERE fingerprint = $1 AND state <> 'resolved'`, [
              c.fingerprint,
            ]);
          continue;
        }
        if (row.severity !== c.severity || row.summary !== c.summary.slice(0, 2000) || row.inhibited !== c.inhibited) {
          await tx.query(
            `UPDATE alerts SET severity = $2, summary = $3, inhibited = $4, updated_at = now() WHERE id = $1`,
            [row.id, c.severity, c.summary.slice(0, 2000), c.inhibited],
          );
          // No longer muted: the group tells it (it was kept out of the group's notifications).
          if (row.inhibited && !c.inhibited && row.state === 'firing')
            await touchGroup(tx, row.group_key, by.cluster ? clusterId : null, c.type);
        }
      }
      const seen = open.rows.filter((r) => candidates.has(r.fingerprint)).map((r) => r.id);
      if (seen.length > 0) await tx.query('UPDATE alerts SET last_seen_at = now() WHERE id = ANY($1::uuid[])', [seen]);
      const gone = open.rows.filter((r) => !candidates.has(r.fingerprint)).map((r) => r.id);
      if (gone.length > 0)
        await resolveRow(tx, `id = ANY($1::uuid[]) AND last_seen_at <= now() - ${secs(timings.resolveDelaySeconds)}`, [
          gone,
        ]);
      // Seen now and past the grace period: firing (judged by the database's clock, as every replica sees it).
      const fired = await tx.query<{ group_key: string; type: string }>(
        `UPDATE alerts SET state = 'firing', fired_at = now(), updated_at = now()
          WHERE cluster_id = $1 AND source = 'cluster' AND state = 'pending'
            AND started_at <= now() - ${secs(timings.graceSeconds)} AND last_seen_at >= now()
        RETURNING group_key, type`,
        [clusterId],
      );
      const groups = new Map(fired.rows.map((r) => [r.group_key, r.type]));
      for (const [key, type] of groups) await touchGroup(tx, key, by.cluster ? clusterId : null, type);
    });
  }

  async function flushGroup(groupKey: string): Promise<NotificationEvent | undefined> {
    return db.transaction(async (tx) => {
      const g = (
        await tx.query<{
          cluster_id: string | null;
          type: string;
          seq: number;
          repeat_due: boolean;
          last_flush_at: string | null;
          cluster_name: string | null;
        }>(
          `SELECT g.cluster_id::text, g.type, g.seq,
                  (g.last_flush_at IS NOT NULL AND g.last_flush_at + ${secs(timings.repeatIntervalSeconds)} <= now()) AS repeat_due,
                  g.last_flush_at::text, c.name AS cluster_name
             FROM alert_groups g LEFT JOIN clusters c ON c.id = g.cluster_id
            WHERE g.group_key = $1 AND g.next_flush_at <= now()
            FOR UPDATE OF g SKIP LOCKED`,
          [groupKey],
        )
      ).rows[0];
      if (!g) return undefined; // another replica has it, or it is not due any more
      const alerts = (
        await tx.query<FlushedAlert & { id: string; notified_state: string | null }>(
          `SELECT id::text, fingerprint, state, severity, summary, resource_ref, notified_state, labels FROM alerts
            WHERE group_key = $1 AND ((state = 'firing' AND NOT inhibited) OR (state = 'resolved' AND notified_state = 'firing'))
            ORDER BY started_at, fingerprint LIMIT 100`,
          [groupKey],
        )
      ).rows;
      const firing = alerts.filter((a) => a.state === 'firing');
      const changed = alerts.some((a) => a.state === 'resolved' || a.notified_state !== 'firing');
      if (!changed && !(g.repeat_due && firing.length > 0)) {
        await tx.query(
          `UPDATE alert_groups SET next_flush_at = CASE WHEN $2 THEN last_flush_at + ${secs(timings.repeatIntervalSeconds)} END
            WHERE group_key = $1`,
          [groupKey, firing.length > 0 && g.last_flush_at !== null],
        );
        return undefined;
      }
      const seq = g.seq + 1;
      const event = groupEvent(groupKey, seq, g, alerts);
      await outbox.enqueue(tx, { topic: NOTIFICATION_TOPICS.events, key: groupKey, value: event });
      await tx.query(`UPDATE alerts SET notified_state = state WHERE id = ANY($1::uuid[])`, [alerts.map((a) => a.id)]);
      await tx.query(
        `UPDATE alert_groups SET seq = $2,
                last_flush_at = CASE WHEN $3 THEN now() END,
                next_flush_at = CASE WHEN $3 THEN now() + ${secs(timings.repeatIntervalSeconds)} END
          WHERE group_key = $1`,
        [groupKey, seq, firing.length > 0],
      );
      log.info(
        { groupKey, seq, firing: firing.length, resolved: alerts.length - firing.length },
        'alert group notified',
      );
      return event;
    });
  }

  return {
    reconcileCluster,
    async fire(q, alert, clusterKey) {
      const group = groupOf(by, {
        clusterKey,
        clusterId: alert.clusterId,
        namespace: alert.namespace,
        type: alert.type,
      });
      const inserted = await insert(q, alert, 'firing', group.key);
      if (inserted) await touchGroup(q, group.key, group.clusterId, alert.type);
      else
        await q.query(
          `UPDATE alerts SET severity = $2, summary = $3, updated_at = now() WHERE fingerprint = $1 AND state <> 'resolved'`,
          [alert.fingerprint, alert.severity, alert.summary.slice(0, 2000)],
        );
      return inserted;
    },
    async resolve(q, fingerprint) {
      return (await resolveRow(q, 'fingerprint = $1', [fingerprint])) > 0;
    },
    async flushDue(clusterIds) {
      const due = await db.query<{ group_key: string }>(
        `SELECT group_key FROM alert_groups
          WHERE next_flush_at <= now() AND (cluster_id IS NULL OR cluster_id = ANY($1::uuid[]))
          ORDER BY next_flush_at LIMIT 200`,
        [clusterIds],
      );
      let sent = 0;
      for (const { group_key } of due.rows) {
        try {
          const event = await flushGroup(group_key);
          if (event) {
            sent++;
            deps.onNotified?.(event);
          }
        } catch (err) {
          log.error({ err, groupKey: group_key }, 'alert group flush failed');
        }
      }
      return sent;
    },
    async prune() {
      await db.query(
        `DELETE FROM alerts WHERE state = 'resolved' AND resolved_at < now() - ${secs(timings.retentionDays * 86_400)}`,
      );
    },
  };
}
