import { meta, ownerRef, type ScenarioBuilder } from '../builder.js';
import type { KubeObject } from '../types.js';
import { addPod, type ContainerSpec, containerSpec, isReadyState, type PodState } from './pod.js';
import { addPvc } from './storage.js';

export interface WorkloadOptions {
  name: string;
  namespace: string;
  replicas: number;
  containers: ContainerSpec[];
  /** Selector labels, also on the pods. Default `{app: name}`. */
  selector?: Record<string, string>;
  /** Extra labels on the workload object and its pod template. */
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  podAnnotations?: Record<string, string>;
  owner?: KubeObject;
  ageSeconds?: number;
  /** Per-pod state (index → state); default running. */
  states?: PodState[];
  restarts?: number[];
  serviceAccount?: string;
  nodeOffset?: number;
  podSpec?: Record<string, unknown>;
}

function template(o: WorkloadOptions, podLabels: Record<string, string>): Record<string, unknown> {
  const tmeta: Record<string, unknown> = { labels: podLabels };
  if (o.podAnnotations) tmeta.annotations = o.podAnnotations;
  return {
    metadata: tmeta,
    spec: {
      containers: o.containers.map((c) => {
        const s = containerSpec(c, false, '');
        return s;
      }),
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      serviceAccountName: o.serviceAccount ?? 'default',
      terminationGracePeriodSeconds: 30,
      ...o.podSpec,
    },
  };
}

function readyCount(o: WorkloadOptions, n: number): number {
  let ready = 0;
  for (let i = 0; i < n; i++) if (isReadyState(o.states?.[i] ?? 'running')) ready++;
  return ready;
}

function depCond(type: string, ok: boolean, reason: string, message: string, time: string): Record<string, unknown> {
  return { type, status: ok ? 'True' : 'False', lastUpdateTime: time, lastTransitionTime: time, reason, message };
}

export interface DeploymentResult {
  deployment: KubeObject;
  replicaSet: KubeObject;
  pods: KubeObject[];
}

/** A Deployment, its current ReplicaSet (and an old scaled-down one when revision > 1), and pods. */
export function addDeployment(
  b: ScenarioBuilder,
  o: WorkloadOptions & {
    revision?: number;
    /** The old ReplicaSet's images by container name (revision > 1): a rollback then changes something. */
    previousImages?: Record<string, string>;
  },
): DeploymentResult {
  const age = o.ageSeconds ?? 30 * 86400;
  const selector = o.selector ?? { app: o.name };
  const labels = { ...selector, ...o.labels };
  const revision = o.revision ?? 1;
  const ready = readyCount(o, o.replicas);
  const now = b.ago(Math.min(age, 3600));
  const dm = meta(o.name, o.namespace, labels, {
    'deployment.kubernetes.io/revision': String(revision),
    ...o.annotations,
  });
  if (o.owner) dm.ownerReferences = [ownerRef(o.owner)];
  dm.generation = revision;
  const deployment = b.add(
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: dm,
      spec: {
        replicas: o.replicas,
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
        selector: { matchLabels: selector },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
        template: template(o, labels),
      },
      status: {
        observedGeneration: revision,
        replicas: o.replicas,
        updatedReplicas: o.replicas,
        readyReplicas: ready,
        availableReplicas: ready,
        ...(o.replicas > ready ? { unavailableReplicas: o.replicas - ready } : {}),
        conditions: [
          ready >= o.replicas
            ? depCond('Available', true, 'MinimumReplicasAvailable', 'Deployment has minimum availability.', now)
            : depCond(
                'Available',
                false,
                'MinimumReplicasUnavailable',
                'Deployment does not have minimum availability.',
                now,
              ),
          depCond(
            'Progressing',
            true,
            'NewReplicaSetAvailable',
            `ReplicaSet "${o.name}" has successfully progressed.`,
            now,
          ),
        ],
      },
    },
    age,
  );
  const makeRs = (rev: number, replicas: number, rsReady: number, rsAge: number): KubeObject => {
    const hash = b.rng.suffix(10);
    const rsLabels = { ...labels, 'pod-template-hash': hash };
    const rm = meta(`${o.name}-${hash}`, o.namespace, rsLabels, {
      'deployment.kubernetes.io/desired-replicas': String(o.replicas),
      'deployment.kubernetes.io/max-replicas': String(o.replicas + Math.ceil(o.replicas / 4)),
      'deployment.kubernetes.io/revision': String(rev),
    });
    rm.ownerReferences = [ownerRef(deployment)];
    rm.generation = rev === revision ? 1 : 2;
    const tpl = template(o, rsLabels);
    if (rev !== revision && o.previousImages)
      for (const c of (tpl.spec as { containers?: Array<{ name: string; image?: string }> }).containers ?? [])
        c.image = o.previousImages[c.name] ?? c.image;
    return b.add(
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: rm,
        spec: { replicas, selector: { matchLabels: { ...selector, 'pod-template-hash': hash } }, template: tpl },
        status: {
          replicas,
          fullyLabeledReplicas: replicas,
          readyReplicas: rsReady,
          availableReplicas: rsReady,
          observedGeneration: rm.generation,
        },
      },
      rsAge,
    );
  };
  if (revision > 1) makeRs(revision - 1, 0, 0, age);
  const rsAge = revision > 1 ? Math.floor(age / 3) : age;
  const replicaSet = makeRs(revision, o.replicas, ready, rsAge);
  const progressing = ((deployment.status?.conditions ?? []) as Record<string, unknown>[])[1];
  if (progressing) progressing.message = `ReplicaSet "${replicaSet.metadata.name}" has successfully progressed.`;
  const podLabels = replicaSet.metadata.labels ?? {};
  const pods: KubeObject[] = [];
  for (let i = 0; i < o.replicas; i++) {
    const podAge = Math.max(30, rsAge - b.rng.int(0, 120));
    pods.push(
      addPod(b, {
        name: `${replicaSet.metadata.name}-${b.rng.suffix(5)}`,
        namespace: o.namespace,
        labels: { ...podLabels },
        ...(o.podAnnotations ? { annotations: { ...o.podAnnotations } } : {}),
        owner: replicaSet,
        node: b.node(i + (o.nodeOffset ?? 0)).name,
        containers: o.containers,
        state: o.states?.[i] ?? 'running',
        ...(o.restarts?.[i] !== undefined ? { restarts: o.restarts[i] } : {}),
        ageSeconds: podAge,
        ...(o.serviceAccount ? { serviceAccount: o.serviceAccount } : {}),
        ...(o.podSpec ? { spec: o.podSpec } : {}),
      }),
    );
  }
  return { deployment, replicaSet, pods };
}

export interface StatefulSetOptions extends WorkloadOptions {
  serviceName?: string;
  volumeClaims?: { name: string; size: string; storageClass: string }[];
}

export function addStatefulSet(
  b: ScenarioBuilder,
  o: StatefulSetOptions,
): { statefulSet: KubeObject; pods: KubeObject[] } {
  const age = o.ageSeconds ?? 30 * 86400;
  const selector = o.selector ?? { app: o.name };
  const labels = { ...selector, ...o.labels };
  const ready = readyCount(o, o.replicas);
  const revisionHash = `${o.name}-${b.rng.suffix(10)}`;
  const sm = meta(o.name, o.namespace, labels, o.annotations ?? {});
  if (o.owner) sm.ownerReferences = [ownerRef(o.owner)];
  sm.generation = 1;
  const vcts = (o.volumeClaims ?? []).map((v) => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: v.name },
    spec: {
      accessModes: ['ReadWriteOnce'],
      storageClassName: v.storageClass,
      resources: { requests: { storage: v.size } },
      volumeMode: 'Filesystem',
    },
  }));
  const statefulSet = b.add(
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: sm,
      spec: {
        replicas: o.replicas,
        serviceName: o.serviceName ?? o.name,
        podManagementPolicy: 'OrderedReady',
        revisionHistoryLimit: 10,
        selector: { matchLabels: selector },
        template: template(o, labels),
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
        ...(vcts.length ? { volumeClaimTemplates: vcts } : {}),
      },
      status: {
        observedGeneration: 1,
        replicas: o.replicas,
        readyReplicas: ready,
        currentReplicas: o.replicas,
        updatedReplicas: o.replicas,
        availableReplicas: ready,
        currentRevision: revisionHash,
        updateRevision: revisionHash,
        collisionCount: 0,
      },
    },
    age,
  );
  const pods: KubeObject[] = [];
  for (let i = 0; i < o.replicas; i++) {
    const podName = `${o.name}-${i}`;
    const volumes: Record<string, unknown>[] = [];
    for (const v of o.volumeClaims ?? []) {
      const claim = `${v.name}-${podName}`;
      addPvc(b, {
        name: claim,
        namespace: o.namespace,
        size: v.size,
        storageClass: v.storageClass,
        labels: selector,
        ageSeconds: age - i * 30,
      });
      volumes.push({ name: v.name, persistentVolumeClaim: { claimName: claim } });
    }
    pods.push(
      addPod(b, {
        name: podName,
        namespace: o.namespace,
        labels: {
          ...labels,
          'apps.kubernetes.io/pod-index': String(i),
          'controller-revision-hash': revisionHash,
          'statefulset.kubernetes.io/pod-name': podName,
        },
        ...(o.podAnnotations ? { annotations: { ...o.podAnnotations } } : {}),
        owner: statefulSet,
        node: b.node(i + (o.nodeOffset ?? 0)).name,
        containers: o.containers,
        state: o.states?.[i] ?? 'running',
        ...(o.restarts?.[i] !== undefined ? { restarts: o.restarts[i] } : {}),
        ageSeconds: Math.max(60, age - i * 40),
        volumes,
        ...(o.serviceAccount ? { serviceAccount: o.serviceAccount } : {}),
        spec: { hostname: podName, subdomain: o.serviceName ?? o.name, ...o.podSpec },
      }),
    );
  }
  return { statefulSet, pods };
}

/** A DaemonSet with one pod per node. */
export function addDaemonSet(
  b: ScenarioBuilder,
  o: Omit<WorkloadOptions, 'replicas'>,
): { daemonSet: KubeObject; pods: KubeObject[] } {
  const age = o.ageSeconds ?? 30 * 86400;
  const selector = o.selector ?? { 'k8s-app': o.name };
  const labels = { ...selector, ...o.labels };
  const n = b.nodes.length;
  const ready = readyCount({ ...o, replicas: n }, n);
  const dm = meta(o.name, o.namespace, labels, { 'deprecated.daemonset.template.generation': '1', ...o.annotations });
  if (o.owner) dm.ownerReferences = [ownerRef(o.owner)];
  dm.generation = 1;
  const daemonSet = b.add(
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: dm,
      spec: {
        selector: { matchLabels: selector },
        template: template({ ...o, replicas: n }, labels),
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } },
        revisionHistoryLimit: 10,
      },
      status: {
        currentNumberScheduled: n,
        desiredNumberScheduled: n,
        numberAvailable: ready,
        numberMisscheduled: 0,
        numberReady: ready,
        ...(n > ready ? { numberUnavailable: n - ready } : {}),
        observedGeneration: 1,
        updatedNumberScheduled: n,
      },
    },
    age,
  );
  const hash = b.rng.suffix(10);
  const pods = b.nodes.map((node, i) =>
    addPod(b, {
      name: `${o.name}-${b.rng.suffix(5)}`,
      namespace: o.namespace,
      labels: { ...labels, 'controller-revision-hash': hash, 'pod-template-generation': '1' },
      owner: daemonSet,
      node: node.name,
      containers: o.containers,
      state: o.states?.[i] ?? 'running',
      ...(o.restarts?.[i] !== undefined ? { restarts: o.restarts[i] } : {}),
      ageSeconds: age - 20,
      ...(o.serviceAccount ? { serviceAccount: o.serviceAccount } : {}),
      ...(o.podSpec ? { spec: o.podSpec } : {}),
    }),
  );
  return { daemonSet, pods };
}
