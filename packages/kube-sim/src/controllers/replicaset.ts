/** ReplicaSet controller: keeps spec.replicas pods, reports status. */
import type { KubeObject } from '../store/types.js';
import { nameSuffix } from './names.js';
import { createPodFromTemplate } from './pod-factory.js';
import { isPodActive, isPodReady } from './pod-status.js';
import { type Json, ownerRef, PODS, REPLICASETS, replicasOf, specOf, statusOf } from './refs.js';
import type { ControllerContext } from './runtime.js';

const SOURCE = { component: 'replicaset-controller' };

/** Deletion order: unscheduled, pending, not ready before ready; then the newest first. */
function deletionRank(pod: KubeObject): number {
  const s = statusOf(pod);
  if (!specOf(pod).nodeName) return 0;
  if (s.phase === 'Pending') return 1;
  if (!isPodReady(pod)) return 2;
  return 3;
}

export function reconcileReplicaSet(ctx: ControllerContext, rs: KubeObject): void {
  if (rs.metadata.deletionTimestamp) return;
  const desired = replicasOf(rs);
  const pods = ctx.owned(rs.metadata.uid as string, PODS);
  const active = pods.filter(isPodActive);
  const name = rs.metadata.name as string;
  const namespace = rs.metadata.namespace as string;

  if (active.length < desired) {
    const template = (specOf(rs).template as Json | undefined) ?? {};
    let attempt = 0;
    for (let i = active.length; i < desired && attempt < desired * 4 + 10; attempt++) {
      const podName = `${name}-${nameSuffix(`${rs.metadata.uid}`, (rs.metadata.generation ?? 0) * 1000 + pods.length + attempt)}`;
      const pod = createPodFromTemplate(ctx, {
        name: podName,
        namespace,
        template,
        owner: ownerRef(rs, 'apps/v1', 'ReplicaSet'),
      });
      if (!pod) continue;
      i++;
      ctx.events.record(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${podName}`, SOURCE);
    }
  } else if (active.length > desired) {
    const victims = [...active]
      .sort((a, b) => {
        const r = deletionRank(a) - deletionRank(b);
        if (r !== 0) return r;
        return (
          String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp)) ||
          String(b.metadata.name).localeCompare(String(a.metadata.name))
        );
      })
      .slice(0, active.length - desired);
    for (const pod of victims) {
      try {
        ctx.store.delete(PODS, namespace, pod.metadata.name as string);
        ctx.events.record(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, SOURCE);
      } catch {
        // already gone
      }
    }
  }

  const live = ctx.owned(rs.metadata.uid as string, PODS).filter(isPodActive);
  const ready = live.filter(isPodReady).length;
  const status: Json = {
    replicas: live.length,
    fullyLabeledReplicas: live.length,
    readyReplicas: ready,
    availableReplicas: ready,
    observedGeneration: rs.metadata.generation ?? 1,
  };
  if (ready === 0) delete status.readyReplicas;
  if (ready === 0) delete status.availableReplicas;
  if (live.length === 0) delete status.fullyLabeledReplicas;
  writeStatus(ctx, REPLICASETS, rs, status);
}

/** Writes a status when it differs (the store ignores identical writes). */
export function writeStatus(
  ctx: ControllerContext,
  ref: Parameters<ControllerContext['store']['update']>[0],
  obj: KubeObject,
  status: Json,
): KubeObject {
  const current = ctx.store.get(ref, obj.metadata.namespace, obj.metadata.name as string) ?? obj;
  const next = { ...current, metadata: { ...current.metadata }, status };
  return ctx.store.update(ref, next, { subresource: 'status' });
}
