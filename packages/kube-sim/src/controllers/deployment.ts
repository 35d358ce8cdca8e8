/** Deployment controller: ReplicaSets per template revision, rolling updates and status. */
import type { KubeObject } from '../store/types.js';
import { rfc3339 } from './clock.js';
import { templateHash } from './names.js';
import { condition, mergeConditions } from './pod-status.js';
import { DEPLOYMENTS, type Json, ownerRef, REPLICASETS, replicasOf, specOf, statusOf } from './refs.js';
import { writeStatus } from './replicaset.js';
import { HASH_LABEL, REVISION, revisionOf, sameTemplate, surgeAndUnavailable } from './rollout-math.js';
import type { ControllerContext } from './runtime.js';

const SOURCE = { component: 'deployment-controller' };
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

function scale(ctx: ControllerContext, d: KubeObject, rs: KubeObject, to: number, maxReplicas: number): KubeObject {
  const from = replicasOf(rs, 0);
  const next = structuredClone(rs);
  (next.spec as Json).replicas = to;
  next.metadata.annotations = {
    ...(next.metadata.annotations ?? {}),
    'deployment.kubernetes.io/desired-replicas': String(replicasOf(d)),
    'deployment.kubernetes.io/max-replicas': String(maxReplicas),
  };
  const updated = ctx.store.update(REPLICASETS, next);
  if (from !== to) {
    const verb = to > from ? 'up' : 'down';
    ctx.events.record(
      d,
      'Normal',
      'ScalingReplicaSet',
      `Scaled ${verb} replica set ${rs.metadata.name} from ${from} to ${to}`,
      SOURCE,
    );
  }
  return updated;
}

function createReplicaSet(
  ctx: ControllerContext,
  d: KubeObject,
  revision: number,
  replicas: number,
  maxReplicas: number,
) {
  const template = structuredClone((specOf(d).template as Json | undefined) ?? {});
  let collision = num(statusOf(d).collisionCount);
  for (let tries = 0; tries < 5; tries++, collision++) {
    const hash = templateHash(template, collision);
    const name = `${d.metadata.name}-${hash}`;
    const meta = (template.metadata as Json | undefined) ?? {};
    const labels = { ...((meta.labels as Record<string, string>) ?? {}), [HASH_LABEL]: hash };
    const selector = structuredClone((specOf(d).selector as Json | undefined) ?? {});
    selector.matchLabels = { ...((selector.matchLabels as Record<string, string>) ?? {}), [HASH_LABEL]: hash };
    const rs: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name,
        namespace: d.metadata.namespace,
        labels,
        annotations: {
          'deployment.kubernetes.io/desired-replicas': String(replicasOf(d)),
          'deployment.kubernetes.io/max-replicas': String(maxReplicas),
          [REVISION]: String(revision),
        },
        ownerReferences: [ownerRef(d, 'apps/v1', 'Deployment')],
      },
      spec: {
        replicas,
        minReadySeconds: num(specOf(d).minReadySeconds),
        selector,
        template: { ...template, metadata: { ...meta, labels } },
      },
    };
    try {
      const created = ctx.store.create(REPLICASETS, rs);
      ctx.events.record(
        d,
        'Normal',
        'ScalingReplicaSet',
        `Scaled up replica set ${name} from 0 to ${replicas}`,
        SOURCE,
      );
      return created;
    } catch {
      // name taken by another template: try the next collision count
    }
  }
  return undefined;
}

export function reconcileDeployment(ctx: ControllerContext, d: KubeObject): void {
  if (d.metadata.deletionTimestamp) return;
  const desired = replicasOf(d);
  const { surge, unavailable } = surgeAndUnavailable(d, desired);
  const recreate = (specOf(d).strategy as Json | undefined)?.type === 'Recreate';
  const maxReplicas = desired + (recreate ? 0 : surge);
  const all = ctx.owned(d.metadata.uid as string, REPLICASETS).filter((rs) => !rs.metadata.deletionTimestamp);
  // several ReplicaSets may carry the template (loaded data): the newest revision is the current one
  let newRS = all
    .filter((rs) => sameTemplate(specOf(rs).template, specOf(d).template))
    .sort((a, b) => revisionOf(b) - revisionOf(a))[0];
  let old = all.filter((rs) => rs !== newRS).sort((a, b) => revisionOf(a) - revisionOf(b));
  const maxOldRevision = Math.max(0, ...old.map(revisionOf));
  let created = false;
  const paused = specOf(d).paused === true;

  if (!newRS && !paused) {
    const oldTotal = old.reduce((n, rs) => n + replicasOf(rs, 0), 0);
    const initial = recreate
      ? oldTotal > 0
        ? 0
        : desired
      : oldTotal === 0
        ? desired
        : Math.max(0, Math.min(desired, maxReplicas - oldTotal));
    newRS = createReplicaSet(ctx, d, maxOldRevision + 1, initial, maxReplicas);
    created = newRS !== undefined;
  } else if (newRS && revisionOf(newRS) <= maxOldRevision) {
    const next = structuredClone(newRS);
    next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [REVISION]: String(maxOldRevision + 1) };
    newRS = ctx.store.update(REPLICASETS, next);
  }

  if (newRS && !paused) {
    const oldActive = old.filter((rs) => replicasOf(rs, 0) > 0);
    if (oldActive.length === 0) {
      if (replicasOf(newRS, 0) !== desired) newRS = scale(ctx, d, newRS, desired, maxReplicas);
    } else if (recreate) {
      for (const rs of oldActive) scale(ctx, d, rs, 0, maxReplicas);
    } else {
      // scale up the new ReplicaSet within maxSurge
      const total = all.reduce((n, rs) => n + replicasOf(rs, 0), 0);
      const newReplicas = replicasOf(newRS, 0);
      if (newReplicas < desired && total < maxReplicas) {
        newRS = scale(ctx, d, newRS, Math.min(desired, newReplicas + maxReplicas - total), maxReplicas);
      } else if (newReplicas > desired) {
        newRS = scale(ctx, d, newRS, desired, maxReplicas);
      }
      // scale down old ones within maxUnavailable: first their unhealthy pods, then available ones
      const minAvailable = desired - unavailable;
      const newUnavailable = Math.max(0, replicasOf(newRS, 0) - num(statusOf(newRS).availableReplicas));
      const allPods = [newRS, ...oldActive].reduce((n, rs) => n + replicasOf(rs, 0), 0);
      let cleanup = allPods - minAvailable - newUnavailable;
      let available = [newRS, ...oldActive].reduce((n, rs) => n + num(statusOf(rs).availableReplicas), 0);
      for (const rs of oldActive) {
        let target = replicasOf(rs, 0);
        const unhealthy = Math.max(0, target - num(statusOf(rs).availableReplicas));
        const drop = Math.max(0, Math.min(unhealthy, cleanup));
        target -= drop;
        cleanup -= drop;
        const canDown = Math.max(0, Math.min(target, num(statusOf(rs).availableReplicas), available - minAvailable));
        target -= canDown;
        available -= canDown;
        if (target !== replicasOf(rs, 0)) scale(ctx, d, rs, target, maxReplicas);
      }
    }
  }

  // keep revisionHistoryLimit scaled-down old ReplicaSets
  const limit = typeof specOf(d).revisionHistoryLimit === 'number' ? (specOf(d).revisionHistoryLimit as number) : 10;
  old = ctx
    .owned(d.metadata.uid as string, REPLICASETS)
    .filter((rs) => rs !== newRS && rs.metadata.name !== newRS?.metadata.name)
    .sort((a, b) => revisionOf(a) - revisionOf(b));
  const idle = old.filter((rs) => replicasOf(rs, 0) === 0 && num(statusOf(rs).replicas) === 0);
  for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) {
    try {
      ctx.store.delete(REPLICASETS, rs.metadata.namespace, rs.metadata.name as string);
    } catch {
      // gone already
    }
  }

  updateStatus(ctx, d, newRS, desired, unavailable, created);
}

function updateStatus(
  ctx: ControllerContext,
  d: KubeObject,
  newRS: KubeObject | undefined,
  desired: number,
  maxUnavailable: number,
  created: boolean,
): void {
  const all = ctx.owned(d.metadata.uid as string, REPLICASETS).filter((rs) => !rs.metadata.deletionTimestamp);
  const fresh = newRS ? all.find((rs) => rs.metadata.name === newRS.metadata.name) : undefined;
  const sum = (field: string): number => all.reduce((n, rs) => n + num(statusOf(rs)[field]), 0);
  const replicas = sum('replicas');
  const updated = fresh ? num(statusOf(fresh).replicas) : 0;
  const ready = sum('readyReplicas');
  const available = sum('availableReplicas');
  const specTotal = all.reduce((n, rs) => n + replicasOf(rs, 0), 0);
  const now = rfc3339(ctx.clock.now());
  const complete = updated === desired && replicas === desired && available === desired;
  const rsName = fresh?.metadata.name ?? '';
  const progressing = complete
    ? condition(
        'Progressing',
        true,
        now,
        'NewReplicaSetAvailable',
        `ReplicaSet "${rsName}" has successfully progressed.`,
      )
    : created
      ? condition('Progressing', true, now, 'NewReplicaSetCreated', `Created new replica set "${rsName}"`)
      : condition('Progressing', true, now, 'ReplicaSetUpdated', `ReplicaSet "${rsName}" is progressing.`);
  const availableOk = available >= desired - maxUnavailable;
  const availableCond = availableOk
    ? condition('Available', true, now, 'MinimumReplicasAvailable', 'Deployment has minimum availability.')
    : condition(
        'Available',
        false,
        now,
        'MinimumReplicasUnavailable',
        'Deployment does not have minimum availability.',
      );
  for (const c of [availableCond, progressing]) {
    c.lastUpdateTime = now;
    delete c.lastProbeTime;
  }
  const previous = statusOf(d).conditions as Json[] | undefined;
  const conditions = mergeConditions(previous, [availableCond, progressing]).map((c) => {
    const old = previous?.find((p) => p.type === c.type);
    // Progressing keeps its transition time while it stays True (reasons change as it progresses)
    if (old && old.status === c.status && c.type === 'Progressing')
      return { ...c, lastTransitionTime: old.lastTransitionTime };
    return c;
  });
  const status: Json = { observedGeneration: d.metadata.generation ?? 1 };
  if (replicas) status.replicas = replicas;
  if (updated) status.updatedReplicas = updated;
  if (ready) status.readyReplicas = ready;
  if (available) status.availableReplicas = available;
  const unavailableReplicas = Math.max(0, specTotal - available);
  if (unavailableReplicas) status.unavailableReplicas = unavailableReplicas;
  status.conditions = conditions;
  if (statusOf(d).collisionCount !== undefined) status.collisionCount = statusOf(d).collisionCount;
  let current = writeStatus(ctx, DEPLOYMENTS, d, status);
  const revision = fresh?.metadata.annotations?.[REVISION];
  if (revision && current.metadata.annotations?.[REVISION] !== revision) {
    current = structuredClone(current);
    current.metadata.annotations = { ...(current.metadata.annotations ?? {}), [REVISION]: revision };
    ctx.store.update(DEPLOYMENTS, current);
  }
}
