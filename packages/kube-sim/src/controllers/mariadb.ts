/**
 * The mariadb-operator (26.6), simulated for what Argus's MariaDB plugin asks of it:
 * - `spec.suspend: true` skips the reconciliation; Ready turns False with reason `Suspended`. Nothing else
 *   happens (a switchover or restart waits) until it is resumed.
 * - Primary switchover: `spec.replication.primary.podIndex` (or `spec.galera.primary.podIndex`) differing from
 *   `status.currentPrimaryPodIndex` sets Ready False, reason `SwitchPrimary` ("Switching primary to 'POD'").
 *   The operator waits while the target pod is not ready (the demo's Galera cluster stays so); once it is,
 *   one step later the target is the primary: currentPrimary, roles, replica threads, the `<m>-primary`
 *   Service's selector, an event, Ready True again. Setting the old index back cancels it.
 * - Restart (a changed `spec.podMetadata.annotations`, e.g. `kubectl.kubernetes.io/restartedAt`): copied to
 *   the StatefulSet's pod template, whose rolling update replaces the pods; Ready False `Updating` meanwhile.
 * - A one-shot Backup or a Restore (no `schedule`): a Job named after it (owned by it) runs; its outcome sets
 *   `Complete` (JobRunning → JobComplete or JobFailed).
 * Objects nobody asks to act keep the state they were seeded with.
 */
import type { KubeObject, ResourceRef } from '../store/types.js';
import { rfc3339 } from './clock.js';
import { MARIADB_API_VERSION, MARIADB_BACKUPS, MARIADB_MARIADBS, MARIADB_MAXSCALES } from './mariadb-refs.js';
import { findCondition, sameJson, setCondition } from './operator-conditions.js';
import { isPodReady } from './pod-status.js';
import { JOBS, type Json, ownerRef, PODS, STATEFULSETS, specOf, statusOf } from './refs.js';
import { writeStatus } from './replicaset.js';
import type { ControllerContext } from './runtime.js';

const SOURCE = { component: 'mariadb-operator' };
const SERVICES: ResourceRef = { group: '', version: 'v1', resource: 'services', kind: 'Service' };
const IMAGE = 'docker-registry1.mariadb.com/library/mariadb:11.8.2';
/** Ready reasons this controller sets for a procedure, and leaves once it is over. */
const TRANSIENT = new Set(['Suspended', 'SwitchPrimary', 'Updating']);

export interface MariadbControllers {
  reconcileMariaDB(m: KubeObject): void;
  /** A Backup or Restore: one Job per one-shot object. */
  reconcileJobResource(ref: ResourceRef, o: KubeObject): void;
}

type Topology = 'replication' | 'galera';

function topologyOf(m: KubeObject): Topology | undefined {
  const spec = specOf(m);
  if ((spec.galera as Json | undefined)?.enabled === true) return 'galera';
  if ((spec.replication as Json | undefined)?.enabled === true) return 'replication';
  return undefined;
}

function wantedPrimary(m: KubeObject, t: Topology): number {
  const idx = ((specOf(m)[t] as Json | undefined)?.primary as Json | undefined)?.podIndex;
  return typeof idx === 'number' ? idx : 0;
}

const replicasWanted = (m: KubeObject): number =>
  typeof specOf(m).replicas === 'number' ? (specOf(m).replicas as number) : 1;

export function createMariadbControllers(ctx: ControllerContext): MariadbControllers {
  const { timings } = ctx;
  const switches = new Map<string, { target: number; since: number }>();

  function pods(m: KubeObject): (KubeObject | undefined)[] {
    const name = m.metadata.name as string;
    return Array.from({ length: replicasWanted(m) }, (_, i) =>
      ctx.store.get(PODS, m.metadata.namespace, `${name}-${i}`),
    );
  }

  /** The primary is `pod`: roles, replica threads and the primary Service follow. */
  function promote(m: KubeObject, status: Json, t: Topology, index: number): void {
    const name = m.metadata.name as string;
    const target = `${name}-${index}`;
    const from = String(status.currentPrimary ?? '');
    status.currentPrimary = target;
    status.currentPrimaryPodIndex = index;
    if (t === 'replication') {
      const roles: Record<string, string> = {};
      const replicas: Record<string, Json> = {};
      for (let i = 0; i < replicasWanted(m); i++) {
        const pod = `${name}-${i}`;
        roles[pod] = i === index ? 'Primary' : 'Replica';
        if (i !== index) replicas[pod] = { slaveIORunning: true, slaveSQLRunning: true, secondsBehindMaster: 0 };
      }
      status.replication = { ...((status.replication as Json | undefined) ?? {}), roles, replicas };
    }
    const svc = ctx.store.get(SERVICES, m.metadata.namespace, `${name}-primary`);
    if (svc) {
      const next = structuredClone(svc);
      const spec = (next.spec as Json | undefined) ?? {};
      spec.selector = { ...((spec.selector as Json | undefined) ?? {}), 'statefulset.kubernetes.io/pod-name': target };
      next.spec = spec;
      ctx.store.update(SERVICES, next);
    }
    // MaxScale's monitor sees the new primary.
    for (const mxs of ctx.store.list(MARIADB_MAXSCALES, { namespace: m.metadata.namespace }).items) {
      if ((specOf(mxs).mariaDbRef as Json | undefined)?.name !== name) continue;
      const st: Json = structuredClone(statusOf(mxs));
      st.primaryServer = target;
      st.servers = ((st.servers as Json[] | undefined) ?? []).map((srv) => ({
        ...srv,
        state: srv.name === target ? 'Master, Running' : 'Slave, Running',
      }));
      writeStatus(ctx, MARIADB_MAXSCALES, mxs, st);
    }
    ctx.events.record(m, 'Normal', 'PrimarySwitched', `Primary switched from '${from}' to '${target}'`, SOURCE);
  }

  /** Pod-template annotations asked for by `spec.podMetadata.annotations`, carried to the StatefulSet. */
  function rollOut(m: KubeObject, updating: boolean): 'done' | 'rolling' | 'none' {
    const wanted =
      ((specOf(m).podMetadata as Json | undefined)?.annotations as Record<string, string> | undefined) ?? {};
    const sts = ctx.store.get(STATEFULSETS, m.metadata.namespace, m.metadata.name as string);
    if (!sts) return 'none';
    const template = ((specOf(sts).template as Json | undefined) ?? {}) as Json;
    const meta = (template.metadata as Json | undefined) ?? {};
    const have = (meta.annotations as Record<string, string> | undefined) ?? {};
    if (Object.entries(wanted).some(([k, v]) => have[k] !== v)) {
      const next = structuredClone(sts);
      const tpl = ((next.spec as Json).template as Json | undefined) ?? {};
      const md = (tpl.metadata as Json | undefined) ?? {};
      md.annotations = { ...have, ...wanted };
      tpl.metadata = md;
      (next.spec as Json).template = tpl;
      ctx.store.update(STATEFULSETS, next);
      ctx.events.record(m, 'Normal', 'Updating', 'Rolling out the updated Pod template', SOURCE);
      return 'rolling';
    }
    if (!updating) return 'none';
    const s = statusOf(sts);
    const want = replicasWanted(m);
    const settled =
      s.updateRevision === s.currentRevision && s.readyReplicas === want && (s.updatedReplicas ?? want) === want;
    return settled ? 'done' : 'rolling';
  }

  return {
    reconcileMariaDB(m) {
      if (m.metadata.deletionTimestamp) return;
      const ns = m.metadata.namespace;
      const name = m.metadata.name as string;
      const uid = m.metadata.uid as string;
      const now = ctx.clock.now();
      const at = rfc3339(now);
      const later = (time: number) => ctx.at(time, MARIADB_MARIADBS, ns, name);
      const status: Json = structuredClone(statusOf(m));
      const ready = findCondition(status, 'Ready');
      const write = () => {
        if (!sameJson(status, statusOf(m))) writeStatus(ctx, MARIADB_MARIADBS, m, status);
      };

      if (specOf(m).suspend === true) {
        switches.delete(uid);
        if (ready?.reason !== 'Suspended')
          ctx.events.record(m, 'Normal', 'Suspended', 'Reconciliation suspended', SOURCE);
        setCondition(status, 'Ready', 'False', 'Suspended', 'Suspended', at);
        return write();
      }

      let busy = false;
      const t = topologyOf(m);
      const current = typeof status.currentPrimaryPodIndex === 'number' ? status.currentPrimaryPodIndex : undefined;
      if (t && current !== undefined) {
        const wanted = wantedPrimary(m, t);
        if (wanted !== current) {
          busy = true;
          const target = `${name}-${wanted}`;
          if (ready?.reason !== 'SwitchPrimary')
            ctx.events.record(m, 'Normal', 'SwitchPrimary', `Switching primary to '${target}'`, SOURCE);
          setCondition(status, 'Ready', 'False', 'SwitchPrimary', `Switching primary to '${target}'`, at);
          const pod = ctx.store.get(PODS, ns, target);
          if (!pod || !isPodReady(pod)) {
            // the operator waits for the new primary's pod to be ready
            switches.delete(uid);
            later(now + timings.retryMs);
          } else {
            let s = switches.get(uid);
            if (!s || s.target !== wanted) {
              s = { target: wanted, since: now };
              switches.set(uid, s);
            }
            if (now >= s.since + timings.operatorStepMs) {
              switches.delete(uid);
              promote(m, status, t, wanted);
              busy = false;
            } else later(s.since + timings.operatorStepMs);
          }
        } else switches.delete(uid);
      }

      if (!busy) {
        const roll = rollOut(m, ready?.reason === 'Updating');
        if (roll === 'rolling') {
          busy = true;
          setCondition(status, 'Ready', 'False', 'Updating', 'Updating', at);
          later(now + 1000);
        }
      }

      // Back to ready once a procedure is over and every pod is.
      if (!busy && ready && TRANSIENT.has(String(ready.reason))) {
        const all = pods(m);
        if (all.every((p) => p && isPodReady(p))) {
          setCondition(status, 'Ready', 'True', 'StatefulSetReady', 'Running', at);
          status.replicas = all.length;
        } else {
          setCondition(status, 'Ready', 'False', 'StatefulSetNotReady', 'Not ready', at);
          later(now + timings.retryMs);
        }
      } else if (!busy && ready?.reason === 'StatefulSetNotReady') {
        const all = pods(m);
        if (all.every((p) => p && isPodReady(p)))
          setCondition(status, 'Ready', 'True', 'StatefulSetReady', 'Running', at);
        else later(now + timings.retryMs);
      }
      write();
    },

    reconcileJobResource(ref, o) {
      if (o.metadata.deletionTimestamp || specOf(o).schedule) return;
      const ns = o.metadata.namespace;
      const name = o.metadata.name as string;
      const now = ctx.clock.now();
      const at = rfc3339(now);
      const status: Json = structuredClone(statusOf(o));
      const complete = findCondition(status, 'Complete');
      // Finished (or seeded finished): nothing to do.
      if (complete && complete.reason !== 'JobRunning') return;
      const mariadb = String(((specOf(o).mariaDbRef as Json | undefined)?.name as string | undefined) ?? '');
      let job = ctx.store.get(JOBS, ns, name);
      if (!job && !complete) {
        const isBackup = ref.resource === MARIADB_BACKUPS.resource;
        const args = isBackup
          ? ['mariadb-dump', `--host=${mariadb}-primary`, '--all-databases', '--single-transaction']
          : ['mariadb', `--host=${mariadb}-primary`, '<', '/backup/backup.sql'];
        job = ctx.store.create(JOBS, {
          apiVersion: 'batch/v1',
          kind: 'Job',
          metadata: {
            name,
            namespace: ns,
            labels: { 'app.kubernetes.io/name': 'mariadb', 'app.kubernetes.io/instance': mariadb },
            ownerReferences: [ownerRef(o, MARIADB_API_VERSION, String(o.kind ?? ref.kind))],
          },
          spec: {
            backoffLimit: 5,
            template: {
              metadata: { labels: { 'app.kubernetes.io/name': 'mariadb', 'app.kubernetes.io/instance': mariadb } },
              spec: {
                restartPolicy: 'OnFailure',
                containers: [{ name: 'mariadb', image: IMAGE, args }],
              },
            },
          },
        });
        ctx.events.record(o, 'Normal', 'JobCreated', `Job ${name} created`, SOURCE);
      }
      const jobConds = (statusOf(job ?? o).conditions as Json[] | undefined) ?? [];
      const done = (type: string) => job && jobConds.some((c) => c.type === type && c.status === 'True');
      if (done('Complete')) {
        setCondition(status, 'Complete', 'True', 'JobComplete', 'Success', at);
        ctx.events.record(o, 'Normal', 'JobComplete', 'Success', SOURCE);
      } else if (done('Failed')) {
        setCondition(status, 'Complete', 'False', 'JobFailed', 'Failed', at);
        ctx.events.record(o, 'Warning', 'JobFailed', `Job ${name} failed`, SOURCE);
      } else {
        setCondition(status, 'Complete', 'False', 'JobRunning', 'Running', at);
        ctx.at(now + 1000, ref, ns, name);
      }
      if (!sameJson(status, statusOf(o))) writeStatus(ctx, ref, o, status);
    },
  };
}
