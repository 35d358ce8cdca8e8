/** StatefulSet controller: pods <name>-N in order, PVCs from volumeClaimTemplates, rolling updates. */
import type { KubeObject } from '../store/types.js';
import { recordControllerRevision } from './controller-revisions.js';
import { createPodFromTemplate } from './pod-factory.js';
import { isPodActive, isPodReady } from './pod-status.js';
import { type Json, ownerRef, PODS, PVCS, replicasOf, STATEFULSETS, specOf, statusOf } from './refs.js';
import { writeStatus } from './replicaset.js';
import type { RevisionTracker } from './revisions.js';
import type { ControllerContext } from './runtime.js';

const SOURCE = { component: 'statefulset-controller' };
const REVISION_LABEL = 'controller-revision-hash';

function ordinal(sts: KubeObject, pod: KubeObject): number {
  const prefix = `${sts.metadata.name}-`;
  const name = String(pod.metadata.name);
  if (!name.startsWith(prefix)) return -1;
  const n = Number(name.slice(prefix.length));
  return Number.isInteger(n) ? n : -1;
}

function ensureClaims(ctx: ControllerContext, sts: KubeObject, podName: string): Json[] {
  const volumes: Json[] = [];
  for (const t of (specOf(sts).volumeClaimTemplates as Json[] | undefined) ?? []) {
    const tName = String((t.metadata as Json | undefined)?.name ?? 'data');
    const claimName = `${tName}-${podName}`;
    volumes.push({ name: tName, persistentVolumeClaim: { claimName } });
    if (ctx.store.get(PVCS, sts.metadata.namespace, claimName)) continue;
    const tSpec = structuredClone((t.spec as Json | undefined) ?? {});
    try {
      ctx.store.create(PVCS, {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: {
          name: claimName,
          namespace: sts.metadata.namespace,
          labels: { ...(((specOf(sts).selector as Json | undefined)?.matchLabels as Record<string, string>) ?? {}) },
        },
        spec: { volumeMode: 'Filesystem', storageClassName: 'standard', ...tSpec, volumeName: `pvc-${claimName}` },
        status: {
          phase: 'Bound',
          accessModes: tSpec.accessModes ?? ['ReadWriteOnce'],
          capacity: {
            storage: ((tSpec.resources as Json | undefined)?.requests as Json | undefined)?.storage ?? '1Gi',
          },
        },
      });
      ctx.events.record(
        sts,
        'Normal',
        'SuccessfulCreate',
        `create Claim ${claimName} Pod ${podName} in StatefulSet ${sts.metadata.name} success`,
        SOURCE,
      );
    } catch {
      // exists, or its namespace is going
    }
  }
  return volumes;
}

export function reconcileStatefulSet(ctx: ControllerContext, sts: KubeObject, tracker: RevisionTracker): void {
  if (sts.metadata.deletionTimestamp) return;
  const name = sts.metadata.name as string;
  const namespace = sts.metadata.namespace as string;
  const desired = replicasOf(sts);
  const updateRevision = tracker.revision(sts, statusOf(sts).updateRevision);
  recordControllerRevision(ctx, sts, updateRevision, 'StatefulSet');
  const ordered = specOf(sts).podManagementPolicy !== 'Parallel';
  const pods = ctx.owned(sts.metadata.uid as string, PODS).filter(isPodActive);
  const byOrdinal = new Map(pods.map((p) => [ordinal(sts, p), p]));
  const revisionOf = (p: KubeObject): string | undefined => p.metadata.labels?.[REVISION_LABEL];

  let blocked = false;
  for (let i = 0; i < desired; i++) {
    const existing = byOrdinal.get(i);
    if (existing) {
      if (ordered && !isPodReady(existing)) blocked = true;
      continue;
    }
    if (blocked) break;
    const podName = `${name}-${i}`;
    const template = structuredClone((specOf(sts).template as Json | undefined) ?? {});
    const tSpec = (template.spec as Json | undefined) ?? {};
    const claims = ensureClaims(ctx, sts, podName);
    const volumes = [...((tSpec.volumes as Json[] | undefined) ?? []), ...claims];
    const pod = createPodFromTemplate(ctx, {
      name: podName,
      namespace,
      template,
      owner: ownerRef(sts, 'apps/v1', 'StatefulSet'),
      extraLabels: {
        [REVISION_LABEL]: updateRevision,
        'statefulset.kubernetes.io/pod-name': podName,
        'apps.kubernetes.io/pod-index': String(i),
      },
      extraSpec: { hostname: podName, subdomain: specOf(sts).serviceName, ...(volumes.length ? { volumes } : {}) },
    });
    if (pod)
      ctx.events.record(
        sts,
        'Normal',
        'SuccessfulCreate',
        `create Pod ${podName} in StatefulSet ${name} successful`,
        SOURCE,
      );
    if (ordered) blocked = true;
  }

  const allReady = pods.length > 0 && pods.every(isPodReady);
  const extra = [...byOrdinal.entries()].filter(([i]) => i >= desired || i < 0).sort(([a], [b]) => b - a);
  const toDelete: KubeObject[] = ordered
    ? allReady || extra.length > 0
      ? extra.slice(0, 1).map(([, p]) => p)
      : []
    : extra.map(([, p]) => p);
  if (extra.length === 0 && allReady && pods.length === desired) {
    // rolling update: replace the highest ordinal still on an old revision
    const stale = [...byOrdinal.entries()]
      .filter(([, p]) => revisionOf(p) !== updateRevision)
      .sort(([a], [b]) => b - a);
    if (stale[0]) toDelete.push(stale[0][1]);
  }
  for (const pod of toDelete) {
    try {
      ctx.store.delete(PODS, namespace, pod.metadata.name as string);
      ctx.events.record(
        sts,
        'Normal',
        'SuccessfulDelete',
        `delete Pod ${pod.metadata.name} in StatefulSet ${name} successful`,
        SOURCE,
      );
    } catch {
      // gone
    }
  }

  const live = ctx.owned(sts.metadata.uid as string, PODS).filter(isPodActive);
  const updated = live.filter((p) => revisionOf(p) === updateRevision).length;
  const prior = statusOf(sts).currentRevision;
  const currentRevision =
    updated === live.length && live.length >= desired
      ? updateRevision
      : typeof prior === 'string'
        ? prior
        : updateRevision;
  const ready = live.filter(isPodReady).length;
  const status: Json = {
    observedGeneration: sts.metadata.generation ?? 1,
    replicas: live.length,
    readyReplicas: ready,
    currentReplicas: live.filter((p) => revisionOf(p) === currentRevision).length,
    updatedReplicas: updated,
    availableReplicas: ready,
    currentRevision,
    updateRevision,
    collisionCount: 0,
  };
  for (const k of ['readyReplicas', 'currentReplicas', 'updatedReplicas']) if (status[k] === 0) delete status[k];
  writeStatus(ctx, STATEFULSETS, sts, status);
}
