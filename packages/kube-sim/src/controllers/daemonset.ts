/** DaemonSet controller: one pod per eligible node, rolling replacement on template change. */
import type { KubeObject } from '../store/types.js';
import { recordControllerRevision } from './controller-revisions.js';
import { nameSuffix } from './names.js';
import { createPodFromTemplate } from './pod-factory.js';
import { isPodActive, isPodReady } from './pod-status.js';
import { DAEMONSETS, type Json, ownerRef, PODS, specOf, statusOf } from './refs.js';
import { writeStatus } from './replicaset.js';
import type { RevisionTracker } from './revisions.js';
import type { ControllerContext } from './runtime.js';
import type { Scheduler } from './scheduler.js';

const SOURCE = { component: 'daemonset-controller' };
const REVISION_LABEL = 'controller-revision-hash';
const DAEMON_TOLERATIONS = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

export function reconcileDaemonSet(
  ctx: ControllerContext,
  ds: KubeObject,
  scheduler: Scheduler,
  tracker: RevisionTracker,
): void {
  if (ds.metadata.deletionTimestamp) return;
  const name = ds.metadata.name as string;
  const namespace = ds.metadata.namespace as string;
  // a DaemonSet loaded with pods keeps their revision for its first template
  const existingHash = ctx
    .owned(ds.metadata.uid as string, PODS)
    .map((p) => p.metadata.labels?.[REVISION_LABEL])
    .find((h) => h !== undefined);
  const revision = tracker.revision(ds, existingHash ? `${name}-${existingHash}` : undefined);
  const hash = revision.slice(name.length + 1);
  recordControllerRevision(ctx, ds, revision, 'DaemonSet');
  const template = structuredClone((specOf(ds).template as Json | undefined) ?? {});
  const tSpec = (template.spec as Json | undefined) ?? {};
  const tolerations = [...((tSpec.tolerations as Json[] | undefined) ?? []), ...DAEMON_TOLERATIONS];
  const probe: KubeObject = { metadata: {}, spec: { ...tSpec, tolerations } };
  const nodes = scheduler.schedulableNodes(probe).map((n) => n.name);
  const pods = ctx.owned(ds.metadata.uid as string, PODS).filter(isPodActive);
  const byNode = new Map<string, KubeObject[]>();
  for (const p of pods) {
    const node = String(specOf(p).nodeName ?? '');
    byNode.set(node, [...(byNode.get(node) ?? []), p]);
  }
  const hashOf = (p: KubeObject) => p.metadata.labels?.[REVISION_LABEL];
  let counter = pods.length;
  for (const node of nodes) {
    if (byNode.get(node)?.length) continue;
    for (let attempt = 0; attempt < 5; attempt++) {
      const podName = `${name}-${nameSuffix(`${ds.metadata.uid}/${node}`, counter++)}`;
      const pod = createPodFromTemplate(ctx, {
        name: podName,
        namespace,
        template,
        owner: ownerRef(ds, 'apps/v1', 'DaemonSet'),
        extraLabels: { [REVISION_LABEL]: hash, 'pod-template-generation': String(ds.metadata.generation ?? 1) },
        extraSpec: { nodeName: node, tolerations },
      });
      if (pod) {
        ctx.events.record(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${podName}`, SOURCE);
        break;
      }
    }
  }
  const remove = (pod: KubeObject): void => {
    try {
      ctx.store.delete(PODS, namespace, pod.metadata.name as string);
      ctx.events.record(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, SOURCE);
    } catch {
      // gone
    }
  };
  for (const [node, list] of byNode) {
    if (!nodes.includes(node)) list.forEach(remove);
    else list.slice(1).forEach(remove);
  }
  // rolling update, one node at a time once everything is ready
  const current = ctx.owned(ds.metadata.uid as string, PODS).filter(isPodActive);
  if (current.length === nodes.length && current.every(isPodReady)) {
    const stale = current.find((p) => hashOf(p) !== hash);
    if (stale) remove(stale);
  }

  const live = ctx.owned(ds.metadata.uid as string, PODS).filter(isPodActive);
  const ready = live.filter(isPodReady).length;
  const status: Json = {
    currentNumberScheduled: live.length,
    desiredNumberScheduled: nodes.length,
    numberMisscheduled: 0,
    numberReady: ready,
    numberAvailable: ready,
    updatedNumberScheduled: live.filter((p) => hashOf(p) === hash).length,
    observedGeneration: ds.metadata.generation ?? 1,
  };
  if (nodes.length - ready > 0) status.numberUnavailable = nodes.length - ready;
  if (ready === 0) delete status.numberAvailable;
  if (statusOf(ds).collisionCount !== undefined) status.collisionCount = statusOf(ds).collisionCount;
  writeStatus(ctx, DAEMONSETS, ds, status);
}
