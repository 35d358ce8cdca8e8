/**
 * CloudNativePG's Cluster reconciler, simulated: hibernation, fencing, configuration reload,
 * switchover (status.targetPrimary, as `kubectl cnpg promote` sets it), scaling and bootstrap,
 * rolling restart (the `kubectl.kubernetes.io/restartedAt` annotation), then the status fields CNPG
 * derives from its pods. It only writes when something asks it to act, so loaded clusters keep the
 * state they were seeded with.
 */
import type { KubeObject } from '../store/types.js';
import { microTime, rfc3339 } from './clock.js';
import {
  CNPG_SOURCE,
  createInstance,
  deleteInstance,
  derivedStatus,
  fencedSet,
  instanceNames,
  instancePods,
  PHASE,
  RESTART_ANNOTATION,
  recreatePod,
  roleOf,
  serialOf,
  setPhase,
  setPodReady,
  setRole,
} from './cnpg-instances.js';
import { findCondition, removeCondition, sameJson, setCondition } from './operator-conditions.js';
import { isPodReady } from './pod-status.js';
import { CNPG_CLUSTERS, type Json, PODS, specOf, statusOf } from './refs.js';
import { writeStatus } from './replicaset.js';
import type { ControllerContext } from './runtime.js';

const HIBERNATION = 'cnpg.io/hibernation';
const FENCED = 'cnpg.io/fencedInstances';
const RELOADED = 'cnpg.io/reloadedAt';
const IN_PLACE_RESTART = 'Primary instance is being restarted in-place';
/** Phases the operator leaves for "healthy" once every instance is back and ready. */
const TRANSIENT = new Set<string>([
  PHASE.switchover,
  PHASE.settingUpPrimary,
  PHASE.creatingReplica,
  PHASE.waiting,
  PHASE.upgrading,
]);

export interface CnpgClusterController {
  reconcile(cluster: KubeObject): void;
}

export function createCnpgClusterController(ctx: ControllerContext): CnpgClusterController {
  const { timings } = ctx;
  const switchovers = new Map<string, { target: string; since: number }>();
  const inPlaceRestarts = new Map<string, number>();
  const hibernationSteps = new Map<string, number>();
  const fencedByUs = new Map<string, Set<string>>();
  const reloads = new Map<string, string | undefined>();

  return {
    reconcile(c) {
      if (c.metadata.deletionTimestamp) return;
      const uid = c.metadata.uid as string;
      const ns = c.metadata.namespace;
      const name = c.metadata.name as string;
      const now = ctx.clock.now();
      const at = rfc3339(now);
      const later = (time: number) => ctx.at(time, CNPG_CLUSTERS, ns, name);
      const annotations = c.metadata.annotations ?? {};
      const status: Json = structuredClone(statusOf(c));
      const wanted = typeof specOf(c).instances === 'number' ? (specOf(c).instances as number) : 1;
      let pods = instancePods(ctx, c);
      let busy = false;

      // Hibernation: delete the pods (primary first, one per step), keep the PVCs; off brings them back.
      const hibernation = findCondition(status, HIBERNATION);
      if (annotations[HIBERNATION] === 'on') {
        const ongoing = ['DeletingPods', 'WaitingPodsDeletion', 'Hibernated'].includes(String(hibernation?.reason));
        if (status.phase !== PHASE.healthy && !ongoing) {
          setCondition(
            status,
            HIBERNATION,
            'False',
            'WaitingForHealthy',
            'Waiting for the cluster to be healthy before proceeding with hibernation',
            at,
          );
          return write(c, status, pods, ctx);
        }
        const last = hibernationSteps.get(uid);
        if (pods.length > 0 && (last === undefined || now >= last + timings.operatorStepMs)) {
          const victim = pods.find((p) => p.metadata.name === status.currentPrimary) ?? pods[0]!;
          ctx.store.delete(PODS, ns, victim.metadata.name as string);
          ctx.events.record(
            c,
            'Normal',
            'DeletePod',
            `Deleting Pod ${victim.metadata.name} as requested by the hibernation procedure`,
            CNPG_SOURCE,
          );
          hibernationSteps.set(uid, now);
          pods = instancePods(ctx, c);
        }
        if (pods.length > 0) {
          later((hibernationSteps.get(uid) ?? now) + timings.operatorStepMs);
          setCondition(status, HIBERNATION, 'False', 'DeletingPods', 'Hibernation is in progress', at);
        } else setCondition(status, HIBERNATION, 'True', 'Hibernated', 'Cluster has been hibernated', at);
        return write(c, status, pods, ctx);
      }
      if (hibernation) {
        removeCondition(status, HIBERNATION);
        hibernationSteps.delete(uid);
      }

      // Fencing: PostgreSQL stops on fenced instances, so their pods are no longer ready.
      const fenced = fencedSet(annotations[FENCED]);
      const isFenced = (pod: string) => fenced.has('*') || fenced.has(pod);
      const ours = fencedByUs.get(uid) ?? new Set<string>();
      fencedByUs.set(uid, ours);
      for (const pod of pods) {
        const podName = pod.metadata.name as string;
        if (isFenced(podName) && statusOf(pod).phase === 'Running' && isPodReady(pod)) {
          setPodReady(ctx, pod, false);
          ours.add(podName);
        } else if (!isFenced(podName) && ours.delete(podName)) setPodReady(ctx, pod, true);
      }
      pods = instancePods(ctx, c);

      // Configuration reload: acknowledged with an event (PostgreSQL reloads in place).
      const reloaded = annotations[RELOADED];
      if (reloads.has(uid) && reloads.get(uid) !== reloaded && reloaded)
        ctx.events.record(
          c,
          'Normal',
          'ReloadConfiguration',
          `Reloaded the PostgreSQL configuration on ${pods.length} instance(s) (requested at ${reloaded})`,
          CNPG_SOURCE,
        );
      reloads.set(uid, reloaded);

      // Switchover: targetPrimary differs from currentPrimary.
      const current = typeof status.currentPrimary === 'string' ? status.currentPrimary : '';
      const target = typeof status.targetPrimary === 'string' ? status.targetPrimary : '';
      if (current && target && target !== current) {
        const targetPod = pods.find((p) => p.metadata.name === target);
        if (!targetPod || statusOf(targetPod).phase !== 'Running') {
          // "Wrong target primary, the chosen one is not active or not present"
          status.targetPrimary = current;
          status.targetPrimaryTimestamp = microTime(now);
          switchovers.delete(uid);
        } else if (!isFenced(current)) {
          let so = switchovers.get(uid);
          if (!so || so.target !== target) {
            so = { target, since: now };
            switchovers.set(uid, so);
          }
          if (status.phase !== PHASE.switchover) setPhase(status, at, PHASE.switchover, `Switching over to ${target}`);
          if (now >= so.since + timings.operatorStepMs) {
            for (const pod of pods) setRole(ctx, pod, pod.metadata.name === target ? 'primary' : 'replica');
            status.currentPrimary = target;
            status.currentPrimaryTimestamp = microTime(now);
            status.timelineID = (typeof status.timelineID === 'number' ? status.timelineID : 1) + 1;
            switchovers.delete(uid);
            ctx.events.record(c, 'Normal', 'Switchover', `Switched over from ${current} to ${target}`, CNPG_SOURCE);
            setPhase(status, at, PHASE.waiting);
            pods = instancePods(ctx, c);
          } else {
            later(so.since + timings.operatorStepMs);
            busy = true;
          }
        } else busy = true;
      } else switchovers.delete(uid);

      // Restart of the primary in place (status phase set by `kubectl cnpg restart CLUSTER PRIMARY`).
      if (status.phase === IN_PLACE_RESTART) {
        const since = inPlaceRestarts.get(uid) ?? now;
        inPlaceRestarts.set(uid, since);
        if (now >= since + timings.operatorStepMs) {
          inPlaceRestarts.delete(uid);
          setPhase(status, at, PHASE.waiting);
        } else {
          later(since + timings.operatorStepMs);
          busy = true;
        }
      } else inPlaceRestarts.delete(uid);

      // Instances: bootstrap, scale up and down, pods for PVCs left without one (after hibernation).
      const names = instanceNames(ctx, c, pods);
      const podNames = new Set(pods.map((p) => String(p.metadata.name)));
      const allUp = pods.every((p) => isPodReady(p) || isFenced(String(p.metadata.name)));
      const missing = names.filter((n) => !podNames.has(n));
      if (!busy && missing.length > 0) {
        busy = true;
        if (allUp) {
          const primary = current && missing.includes(current) ? current : undefined;
          const next = primary ?? missing[0]!;
          createInstance(ctx, c, next, primary || (!current && pods.length === 0) ? 'primary' : 'replica');
          setPhase(status, at, PHASE.waiting);
        }
      } else if (!busy && names.length < wanted) {
        busy = true;
        if (allUp) {
          const latest = typeof status.latestGeneratedNode === 'number' ? status.latestGeneratedNode : 0;
          const serial = Math.max(latest, ...names.map((n) => serialOf(c, n))) + 1;
          const pod = `${name}-${serial}`;
          status.latestGeneratedNode = serial;
          if (names.length === 0) {
            createInstance(ctx, c, pod, 'primary');
            Object.assign(status, {
              currentPrimary: pod,
              targetPrimary: pod,
              currentPrimaryTimestamp: microTime(now),
              targetPrimaryTimestamp: microTime(now),
              timelineID: 1,
              writeService: `${name}-rw`,
              readService: `${name}-r`,
            });
            setPhase(status, at, PHASE.settingUpPrimary, 'Creating primary instance');
          } else {
            createInstance(ctx, c, pod, 'replica');
            setPhase(status, at, PHASE.creatingReplica, `Creating replica ${pod}`);
          }
        }
      } else if (!busy && names.length > wanted && pods.length > 0) {
        const sacrificable = names
          .filter((n) => n !== current && n !== status.targetPrimary)
          .sort((a, b) => {
            const ready = (n: string) => pods.some((p) => p.metadata.name === n && isPodReady(p));
            return Number(ready(a)) - Number(ready(b)) || serialOf(c, b) - serialOf(c, a);
          });
        if (sacrificable[0]) deleteInstance(ctx, c, sacrificable[0]);
      }
      pods = instancePods(ctx, c);

      // Rolling restart: pods whose restartedAt differs are recreated one at a time, primary last.
      const restartedAt = annotations[RESTART_ANNOTATION];
      if (!busy && restartedAt) {
        const restarted = (p: KubeObject) => p.metadata.annotations?.[RESTART_ANNOTATION] === restartedAt;
        const stale = pods.filter((p) => !restarted(p));
        if (stale.length > 0) {
          busy = true;
          const inFlight = pods.some((p) => restarted(p) && !isPodReady(p) && !isFenced(String(p.metadata.name)));
          if (!inFlight) {
            const victim =
              stale
                .filter((p) => roleOf(p) !== 'primary' && p.metadata.name !== current)
                .sort((a, b) => serialOf(c, String(b.metadata.name)) - serialOf(c, String(a.metadata.name)))[0] ??
              stale[0]!;
            recreatePod(ctx, c, victim);
            setPhase(
              status,
              at,
              PHASE.upgrading,
              `Restarting instance ${victim.metadata.name}, because: cluster has been explicitly restarted via annotation`,
            );
            pods = instancePods(ctx, c);
          }
        }
      }

      // Back to healthy once every instance is there and ready (fenced ones excepted).
      if (!busy && TRANSIENT.has(String(status.phase))) {
        const settled =
          pods.length === wanted &&
          instanceNames(ctx, c, pods).length === wanted &&
          pods.every((p) => isPodReady(p) || isFenced(String(p.metadata.name)));
        if (settled) setPhase(status, at, PHASE.healthy);
        else if (status.phase === PHASE.switchover) setPhase(status, at, PHASE.waiting);
      }
      write(c, status, pods, ctx);
    },
  };
}

/** Writes the pod-derived fields when they changed materially, and the status when anything did. */
function write(c: KubeObject, status: Json, pods: KubeObject[], ctx: ControllerContext): void {
  const names = instanceNames(ctx, c, pods);
  const d = derivedStatus(pods, names);
  if (status.instances !== d.instances) status.instances = d.instances;
  if (status.readyInstances !== d.readyInstances) status.readyInstances = d.readyInstances;
  // only a change of who is healthy, or of the set of instances, rewrites instancesStatus
  const byState = (s: Json | undefined) => (s as Record<string, string[]> | undefined) ?? {};
  const listed = (s: Json | undefined) => Object.values(byState(s)).flat().sort();
  const healthy = (s: Json | undefined) => [...(byState(s).healthy ?? [])].sort();
  const before = status.instancesStatus as Json | undefined;
  const after = d.instancesStatus as Json;
  if (!sameJson(listed(before), listed(after)) || !sameJson(healthy(before), healthy(after)))
    status.instancesStatus = after;
  if (!sameJson(status, statusOf(c))) writeStatus(ctx, CNPG_CLUSTERS, c, status);
}
