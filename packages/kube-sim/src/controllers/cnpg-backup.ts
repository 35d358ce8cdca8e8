/**
 * CloudNativePG's Backup and ScheduledBackup reconcilers, simulated. A new Backup goes pending →
 * running (on a ready standby, else the primary) → completed, and its cluster's
 * LastBackupSucceeded condition, lastSuccessfulBackup and firstRecoverabilityPoint follow. A
 * ScheduledBackup that is not suspended creates Backups on its 6-field (seconds first) schedule.
 * Finished Backups are never touched.
 */
import type { KubeObject } from '../store/types.js';
import { rfc3339 } from './clock.js';
import { CNPG_SOURCE, instancePods, roleOf } from './cnpg-instances.js';
import { nextScheduledSecond, parseSecondsCron } from './cron.js';
import { sameJson, setCondition } from './operator-conditions.js';
import { isPodReady } from './pod-status.js';
import { CNPG_BACKUPS, CNPG_CLUSTERS, CNPG_SCHEDULED_BACKUPS, type Json, ownerRef, specOf, statusOf } from './refs.js';
import { writeStatus } from './replicaset.js';
import type { ControllerContext } from './runtime.js';

const FINISHED = new Set(['completed', 'failed', 'walArchivingFailing', 'invalid backup definition']);

/** 20260820T020000 */
const compact = (ms: number, sep = 'T'): string =>
  new Date(ms).toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', sep);

export interface CnpgBackupControllers {
  reconcileBackup(backup: KubeObject): void;
  reconcileScheduledBackup(scheduled: KubeObject): void;
}

export function createCnpgBackupControllers(ctx: ControllerContext): CnpgBackupControllers {
  const { store, timings } = ctx;
  const pendingSince = new Map<string, number>();
  const runningSince = new Map<string, number>();
  const scheduleSeen = new Map<string, number>();

  const updateCluster = (cluster: KubeObject, mutate: (status: Json) => void): void => {
    const current = store.get(CNPG_CLUSTERS, cluster.metadata.namespace, cluster.metadata.name as string);
    if (!current) return;
    const status = structuredClone(statusOf(current));
    mutate(status);
    writeStatus(ctx, CNPG_CLUSTERS, current, status);
  };

  const fail = (backup: KubeObject, cluster: KubeObject, error: string): void => {
    const now = ctx.clock.now();
    writeStatus(ctx, CNPG_BACKUPS, backup, {
      ...statusOf(backup),
      phase: 'failed',
      error,
      method: specOf(backup).method ?? 'barmanObjectStore',
      startedAt: statusOf(backup).startedAt ?? rfc3339(now),
      stoppedAt: rfc3339(now),
    });
    ctx.events.record(backup, 'Warning', 'Error', `Backup exit with error ${error}`, CNPG_SOURCE);
    updateCluster(cluster, (s) =>
      setCondition(s, 'LastBackupSucceeded', 'False', 'LastBackupFailed', error, rfc3339(now)),
    );
  };

  return {
    reconcileBackup(backup) {
      const uid = backup.metadata.uid as string;
      const phase = String(statusOf(backup).phase ?? '');
      if (backup.metadata.deletionTimestamp || FINISHED.has(phase)) {
        pendingSince.delete(uid);
        runningSince.delete(uid);
        return;
      }
      const ns = backup.metadata.namespace;
      const name = backup.metadata.name as string;
      const now = ctx.clock.now();
      const at = rfc3339(now);
      const later = (time: number) => ctx.at(time, CNPG_BACKUPS, ns, name);
      const spec = specOf(backup);
      const clusterName = String((spec.cluster as Json | undefined)?.name ?? '');
      const cluster = store.get(CNPG_CLUSTERS, ns, clusterName);
      const method = typeof spec.method === 'string' ? spec.method : 'barmanObjectStore';
      if (!cluster) {
        if (phase !== 'pending') {
          writeStatus(ctx, CNPG_BACKUPS, backup, { ...statusOf(backup), phase: 'pending' });
          ctx.events.record(
            backup,
            'Warning',
            'FindingCluster',
            `Unknown cluster ${clusterName}, will retry in 30 seconds`,
            CNPG_SOURCE,
          );
        }
        return later(now + 30_000);
      }
      if (method === 'barmanObjectStore' && !(specOf(cluster).backup as Json | undefined)?.barmanObjectStore)
        return fail(backup, cluster, 'no barmanObjectStore section defined on the target cluster');

      if (phase === '') {
        pendingSince.set(uid, now);
        writeStatus(ctx, CNPG_BACKUPS, backup, { ...statusOf(backup), phase: 'pending', method });
        return later(now + timings.operatorStepMs);
      }
      if (phase === 'pending') {
        const since = pendingSince.get(uid) ?? now;
        pendingSince.set(uid, since);
        if (now < since + timings.operatorStepMs) return later(since + timings.operatorStepMs);
        // target: prefer-standby (the default) takes a ready replica, else the primary
        const ready = instancePods(ctx, cluster).filter(isPodReady);
        const target = String(spec.target ?? (specOf(cluster).backup as Json | undefined)?.target ?? 'prefer-standby');
        const pod =
          (target === 'primary' ? undefined : ready.find((p) => roleOf(p) === 'replica')) ??
          ready.find((p) => p.metadata.name === statusOf(cluster).currentPrimary) ??
          ready[0];
        if (!pod) {
          ctx.events.record(
            backup,
            'Warning',
            'BackupPending',
            `Backup target pod not ready: no ready instance in cluster ${clusterName}`,
            CNPG_SOURCE,
          );
          return later(now + timings.retryMs);
        }
        pendingSince.delete(uid);
        runningSince.set(uid, now);
        const containerID = ((statusOf(pod).containerStatuses as Json[] | undefined) ?? [])[0]?.containerID;
        writeStatus(ctx, CNPG_BACKUPS, backup, {
          ...statusOf(backup),
          phase: 'running',
          method,
          startedAt: at,
          instanceID: { podName: pod.metadata.name, ...(containerID ? { containerID } : {}) },
        });
        ctx.events.record(backup, 'Normal', 'Starting', `Starting backup for cluster ${clusterName}`, CNPG_SOURCE);
        updateCluster(cluster, (s) =>
          setCondition(s, 'LastBackupSucceeded', 'False', 'BackupStarted', 'New Backup starting up', at),
        );
        return later(now + timings.backupRunMs);
      }
      // started / running / finalizing
      const started = Date.parse(String(statusOf(backup).startedAt ?? ''));
      const since = runningSince.get(uid) ?? (Number.isNaN(started) ? now : started);
      runningSince.set(uid, since);
      if (now < since + timings.backupRunMs) return later(since + timings.backupRunMs);
      runningSince.delete(uid);
      const timeline = typeof statusOf(cluster).timelineID === 'number' ? (statusOf(cluster).timelineID as number) : 1;
      const wal = (n: number) =>
        `${timeline.toString(16).toUpperCase().padStart(8, '0')}${n.toString(16).toUpperCase().padStart(16, '0')}`;
      const segment = Math.floor(since / 60_000) % 0xffff;
      writeStatus(ctx, CNPG_BACKUPS, backup, {
        ...statusOf(backup),
        phase: 'completed',
        method,
        backupId: compact(since),
        beginWal: wal(segment),
        endWal: wal(segment + 1),
        stoppedAt: at,
      });
      ctx.events.record(backup, 'Normal', 'Completed', 'Backup completed', CNPG_SOURCE);
      const completedStops = store
        .list(CNPG_BACKUPS, { namespace: ns })
        .items.filter(
          (b) => (specOf(b).cluster as Json | undefined)?.name === clusterName && statusOf(b).phase === 'completed',
        )
        .map((b) => String(statusOf(b).stoppedAt ?? ''))
        .filter(Boolean)
        .sort();
      updateCluster(cluster, (s) => {
        setCondition(s, 'LastBackupSucceeded', 'True', 'LastBackupSucceeded', 'Backup was successful', at);
        s.lastSuccessfulBackup = at;
        if (!s.firstRecoverabilityPoint) s.firstRecoverabilityPoint = completedStops[0] ?? at;
      });
    },

    reconcileScheduledBackup(sb) {
      if (sb.metadata.deletionTimestamp) return;
      const uid = sb.metadata.uid as string;
      const spec = specOf(sb);
      const now = ctx.clock.now();
      // runs missed before the simulation started (or while suspended before it) are not caught up
      const seen = scheduleSeen.get(uid) ?? now;
      scheduleSeen.set(uid, seen);
      const schedule = parseSecondsCron(String(spec.schedule ?? ''));
      if (spec.suspend === true || !schedule) return;
      const status: Json = { ...statusOf(sb) };
      const lastCheck = Date.parse(String(status.lastCheckTime ?? ''));
      const from = Math.max(Number.isNaN(lastCheck) ? now : lastCheck, seen);
      const immediate = Number.isNaN(lastCheck) && spec.immediate === true;
      let due: number | undefined;
      if (immediate) due = now;
      else {
        const next = nextScheduledSecond(schedule, from);
        if (next !== undefined && next <= now) due = next;
      }
      if (due !== undefined) {
        const cluster = String((spec.cluster as Json | undefined)?.name ?? '');
        const labels = {
          'cnpg.io/cluster': cluster,
          'cnpg.io/immediateBackup': String(immediate),
          'cnpg.io/scheduled-backup': sb.metadata.name as string,
        };
        const owner =
          spec.backupOwnerReference === 'self'
            ? [ownerRef(sb, 'postgresql.cnpg.io/v1', 'ScheduledBackup')]
            : spec.backupOwnerReference === 'cluster'
              ? (() => {
                  const c = store.get(CNPG_CLUSTERS, sb.metadata.namespace, cluster);
                  return c ? [ownerRef(c, 'postgresql.cnpg.io/v1', 'Cluster')] : undefined;
                })()
              : undefined;
        const backupSpec: Json = { cluster: { name: cluster } };
        for (const k of ['method', 'pluginConfiguration', 'target', 'online', 'onlineConfiguration'])
          if (spec[k] !== undefined) backupSpec[k] = structuredClone(spec[k]);
        try {
          store.create(CNPG_BACKUPS, {
            apiVersion: 'postgresql.cnpg.io/v1',
            kind: 'Backup',
            metadata: {
              name: `${sb.metadata.name}-${compact(due, '')}`,
              namespace: sb.metadata.namespace,
              labels,
              ...(owner ? { ownerReferences: owner } : {}),
            },
            spec: backupSpec,
          });
        } catch {
          // created by an earlier round
        }
        status.lastScheduleTime = rfc3339(due);
        status.lastCheckTime = rfc3339(now);
      } else if (Number.isNaN(lastCheck)) status.lastCheckTime = rfc3339(now);
      const next = nextScheduledSecond(schedule, Math.max(now, due ?? now));
      if (next !== undefined) {
        if (due !== undefined || Number.isNaN(lastCheck)) status.nextScheduleTime = rfc3339(next);
        ctx.at(next, CNPG_SCHEDULED_BACKUPS, sb.metadata.namespace, sb.metadata.name as string);
      }
      if (!sameJson(status, statusOf(sb))) writeStatus(ctx, CNPG_SCHEDULED_BACKUPS, sb, status);
    },
  };
}
