/**
 * CloudNativePG instances: the pods `<cluster>-N` and PVCs (`<pod>`, `<pod>-wal`) of a Cluster, their
 * role labels and readiness, and the status fields CNPG derives from them.
 */
import type { KubeObject } from '../store/types.js';
import { rfc3339 } from './clock.js';
import { setCondition } from './operator-conditions.js';
import { createPodFromTemplate } from './pod-factory.js';
import { isPodActive, isPodReady } from './pod-status.js';
import { type Json, ownerRef, PODS, PVCS, specOf } from './refs.js';
import type { ControllerContext } from './runtime.js';

export const CNPG_SOURCE = { component: 'cloudnative-pg' };
export const CLUSTER_LABEL = 'cnpg.io/cluster';
export const ROLE_LABEL = 'cnpg.io/instanceRole';
export const RESTART_ANNOTATION = 'kubectl.kubernetes.io/restartedAt';
const DEFAULT_IMAGE = 'ghcr.io/cloudnative-pg/postgresql:17.5';

export const PHASE = {
  healthy: 'Cluster in healthy state',
  switchover: 'Switchover in progress',
  settingUpPrimary: 'Setting up primary',
  creatingReplica: 'Creating a new replica',
  waiting: 'Waiting for the instances to become active',
  upgrading: 'Upgrading cluster',
} as const;

export type Role = 'primary' | 'replica';

/** The instances named by the `cnpg.io/fencedInstances` annotation (a JSON list; "*" is all). */
export function fencedSet(annotation: string | undefined): Set<string> {
  if (!annotation) return new Set();
  try {
    const list = JSON.parse(annotation) as unknown;
    return new Set(Array.isArray(list) ? list.map(String) : []);
  } catch {
    return new Set();
  }
}

/** RegisterPhase + SetClusterReadyCondition. */
export function setPhase(status: Json, at: string, phase: string, reason?: string): void {
  status.phase = phase;
  if (reason) status.phaseReason = reason;
  else delete status.phaseReason;
  if (phase === PHASE.healthy) setCondition(status, 'Ready', 'True', 'ClusterIsReady', 'Cluster is Ready', at);
  else setCondition(status, 'Ready', 'False', 'ClusterIsNotReady', 'Cluster Is Not Ready', at);
}

/** N of `<cluster>-N` (or -1). */
export function serialOf(cluster: KubeObject, name: string): number {
  const prefix = `${cluster.metadata.name}-`;
  if (!name.startsWith(prefix)) return -1;
  const n = Number(name.slice(prefix.length));
  return Number.isInteger(n) ? n : -1;
}

const bySerial = (cluster: KubeObject) => (a: string, b: string) => serialOf(cluster, a) - serialOf(cluster, b);

/** The cluster's live instance pods, by serial. */
export function instancePods(ctx: ControllerContext, cluster: KubeObject): KubeObject[] {
  return ctx
    .owned(cluster.metadata.uid as string, PODS)
    .filter((p) => isPodActive(p) && serialOf(cluster, String(p.metadata.name)) > 0)
    .sort((a, b) => bySerial(cluster)(String(a.metadata.name), String(b.metadata.name)));
}

export function clusterPvcs(ctx: ControllerContext, cluster: KubeObject): KubeObject[] {
  return ctx.store.list(PVCS, {
    namespace: cluster.metadata.namespace,
    labelSelector: `${CLUSTER_LABEL}=${cluster.metadata.name}`,
  }).items;
}

/** The instances the cluster has: one per data PVC (a hibernated instance keeps its PVCs) or pod. */
export function instanceNames(ctx: ControllerContext, cluster: KubeObject, pods: KubeObject[]): string[] {
  const names = new Set(pods.map((p) => String(p.metadata.name)));
  for (const pvc of clusterPvcs(ctx, cluster)) {
    if (pvc.metadata.deletionTimestamp || pvc.metadata.labels?.['cnpg.io/pvcRole'] === 'PG_WAL') continue;
    const name = pvc.metadata.labels?.['cnpg.io/instanceName'] ?? String(pvc.metadata.name);
    if (serialOf(cluster, name) > 0) names.add(name);
  }
  return [...names].sort(bySerial(cluster));
}

export const roleOf = (pod: KubeObject): string | undefined => pod.metadata.labels?.[ROLE_LABEL];

/** `instances`, `readyInstances` and `instancesStatus` as CNPG computes them from PVCs and pods. */
export function derivedStatus(pods: KubeObject[], names: string[]): Json {
  const healthy: string[] = [];
  const replicating: string[] = [];
  for (const p of pods) (isPodReady(p) ? healthy : replicating).push(String(p.metadata.name));
  const instancesStatus: Json = {};
  if (healthy.length) instancesStatus.healthy = healthy;
  if (replicating.length) instancesStatus.replicating = replicating;
  return { instances: names.length, readyInstances: healthy.length, instancesStatus };
}

function ensurePvc(ctx: ControllerContext, cluster: KubeObject, pod: string, wal: boolean): void {
  const name = wal ? `${pod}-wal` : pod;
  const ns = cluster.metadata.namespace;
  if (ctx.store.get(PVCS, ns, name)) return;
  const storage = (specOf(cluster)[wal ? 'walStorage' : 'storage'] as Json | undefined) ?? {};
  const size = typeof storage.size === 'string' ? storage.size : '1Gi';
  ctx.store.create(PVCS, {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name,
      namespace: ns,
      labels: {
        [CLUSTER_LABEL]: cluster.metadata.name as string,
        'cnpg.io/instanceName': pod,
        'cnpg.io/pvcRole': wal ? 'PG_WAL' : 'PG_DATA',
      },
      annotations: { 'cnpg.io/nodeSerial': String(serialOf(cluster, pod)) },
      ownerReferences: [ownerRef(cluster, 'postgresql.cnpg.io/v1', 'Cluster')],
    },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: size } },
      storageClassName: typeof storage.storageClass === 'string' ? storage.storageClass : 'standard',
      volumeMode: 'Filesystem',
      volumeName: `pvc-${ns}-${name}`,
    },
    status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: size } },
  });
}

/** Creates the instance's PVCs (if missing) and its pod, as a fresh (Pending) pod the kubelet brings up. */
export function createInstance(ctx: ControllerContext, cluster: KubeObject, pod: string, role: Role): void {
  const c = cluster.metadata.name as string;
  const spec = specOf(cluster);
  const wal = spec.walStorage !== undefined;
  ensurePvc(ctx, cluster, pod, false);
  if (wal) ensurePvc(ctx, cluster, pod, true);
  const volumes: Json[] = [{ name: 'pgdata', persistentVolumeClaim: { claimName: pod } }];
  if (wal) volumes.push({ name: 'pg-wal', persistentVolumeClaim: { claimName: `${pod}-wal` } });
  const annotations: Record<string, string> = {
    'cnpg.io/nodeSerial': String(serialOf(cluster, pod)),
    'cnpg.io/operatorVersion': '1.30.0',
  };
  const restartedAt = cluster.metadata.annotations?.[RESTART_ANNOTATION];
  if (restartedAt) annotations[RESTART_ANNOTATION] = restartedAt;
  createPodFromTemplate(ctx, {
    name: pod,
    namespace: cluster.metadata.namespace as string,
    owner: ownerRef(cluster, 'postgresql.cnpg.io/v1', 'Cluster'),
    template: {
      metadata: {
        labels: {
          [CLUSTER_LABEL]: c,
          'cnpg.io/instanceName': pod,
          'cnpg.io/podRole': 'instance',
          [ROLE_LABEL]: role,
          role,
        },
        annotations,
      },
      spec: {
        containers: [
          {
            name: 'postgres',
            image: typeof spec.imageName === 'string' ? spec.imageName : DEFAULT_IMAGE,
            ports: [
              { name: 'postgresql', containerPort: 5432, protocol: 'TCP' },
              { name: 'metrics', containerPort: 9187, protocol: 'TCP' },
              { name: 'status', containerPort: 8000, protocol: 'TCP' },
            ],
            resources: (spec.resources as Json | undefined) ?? {},
          },
        ],
        volumes,
        hostname: pod,
        subdomain: `${c}-any`,
        serviceAccountName: c,
        serviceAccount: c,
      },
    },
  });
  ctx.events.record(cluster, 'Normal', 'CreatingInstance', `Creating instance ${pod}`, CNPG_SOURCE);
}

/** Deletes a pod and creates it again with the same name, labels and volumes (a restart). */
export function recreatePod(ctx: ControllerContext, cluster: KubeObject, pod: KubeObject): void {
  const name = pod.metadata.name as string;
  const spec = structuredClone(specOf(pod));
  delete spec.nodeName;
  const annotations = { ...(pod.metadata.annotations ?? {}) };
  const restartedAt = cluster.metadata.annotations?.[RESTART_ANNOTATION];
  if (restartedAt) annotations[RESTART_ANNOTATION] = restartedAt;
  ctx.store.delete(PODS, pod.metadata.namespace, name);
  createPodFromTemplate(ctx, {
    name,
    namespace: pod.metadata.namespace as string,
    owner: ownerRef(cluster, 'postgresql.cnpg.io/v1', 'Cluster'),
    template: { metadata: { labels: { ...(pod.metadata.labels ?? {}) }, annotations }, spec },
  });
  ctx.events.record(cluster, 'Normal', 'UpgradingInstance', `Upgrading instance ${name}`, CNPG_SOURCE);
}

/** Scale down: the pod and its PVCs go. */
export function deleteInstance(ctx: ControllerContext, cluster: KubeObject, name: string): void {
  const ns = cluster.metadata.namespace;
  ctx.events.record(cluster, 'Normal', 'ScaleDown', `Scaling down - removing instance: ${name}`, CNPG_SOURCE);
  for (const [ref, n] of [
    [PODS, name],
    [PVCS, name],
    [PVCS, `${name}-wal`],
  ] as const) {
    try {
      ctx.store.delete(ref, ns, n);
    } catch {
      // not there
    }
  }
}

/** Sets `cnpg.io/instanceRole` and `role` on an instance pod. */
export function setRole(ctx: ControllerContext, pod: KubeObject, role: Role): void {
  if (roleOf(pod) === role && pod.metadata.labels?.role === role) return;
  const next = structuredClone(pod);
  next.metadata.labels = { ...(next.metadata.labels ?? {}), [ROLE_LABEL]: role, role };
  ctx.store.update(PODS, next);
}

/** Marks a running pod's postgres container ready or not (a fenced instance stops PostgreSQL). */
export function setPodReady(ctx: ControllerContext, pod: KubeObject, ready: boolean): void {
  if (isPodReady(pod) === ready) return;
  const next = structuredClone(pod) as KubeObject & { status: Json };
  const at = rfc3339(ctx.clock.now());
  const names = ((specOf(pod).containers as Json[] | undefined) ?? []).map((c) => c.name).join(' ');
  next.status.conditions = ((next.status.conditions as Json[] | undefined) ?? []).map((c) => {
    if (c.type !== 'Ready' && c.type !== 'ContainersReady') return c;
    const out: Json = { ...c, status: ready ? 'True' : 'False', lastTransitionTime: at };
    delete out.reason;
    delete out.message;
    if (!ready)
      Object.assign(out, { reason: 'ContainersNotReady', message: `containers with unready status: [${names}]` });
    return out;
  });
  next.status.containerStatuses = ((next.status.containerStatuses as Json[] | undefined) ?? []).map((s) => ({
    ...s,
    ready,
  }));
  ctx.store.update(PODS, next, { subresource: 'status' });
}
