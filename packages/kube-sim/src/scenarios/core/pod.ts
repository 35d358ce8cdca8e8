import { meta, ownerRef, type ScenarioBuilder } from '../builder.js';
import type { KubeObject } from '../types.js';

export type PodState =
  | 'running'
  | 'notready'
  | 'crashloop'
  | 'unschedulable'
  | 'containercreating'
  | 'imagepull'
  | 'succeeded'
  | 'failed';

export interface ContainerSpec {
  name: string;
  image: string;
  ports?: { name?: string; containerPort: number; protocol?: string }[];
  requests?: { cpu?: string; memory?: string };
  limits?: { cpu?: string; memory?: string };
  args?: string[];
  env?: { name: string; value: string }[];
}

export interface PodOptions {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  owner?: KubeObject;
  /** Node to run on; ignored for `unschedulable`. */
  node: string;
  containers: ContainerSpec[];
  state?: PodState;
  ageSeconds: number;
  restarts?: number;
  serviceAccount?: string;
  volumes?: Record<string, unknown>[];
  restartPolicy?: 'Always' | 'OnFailure' | 'Never';
  /** Extra spec fields (hostname, subdomain, hostNetwork, priorityClassName…). */
  spec?: Record<string, unknown>;
}

const DEFAULT_TOLERATIONS = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
];

export function qosClass(containers: ContainerSpec[]): string {
  const anyRequest = containers.some((c) => c.requests?.cpu || c.requests?.memory || c.limits?.cpu || c.limits?.memory);
  if (!anyRequest) return 'BestEffort';
  const guaranteed = containers.every(
    (c) =>
      c.limits?.cpu &&
      c.limits.memory &&
      (c.requests?.cpu ?? c.limits.cpu) === c.limits.cpu &&
      (c.requests?.memory ?? c.limits.memory) === c.limits.memory,
  );
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

export function containerSpec(c: ContainerSpec, sa: boolean, volumeName: string): Record<string, unknown> {
  const resources: Record<string, unknown> = {};
  if (c.requests) resources.requests = c.requests;
  if (c.limits) resources.limits = c.limits;
  const out: Record<string, unknown> = {
    name: c.name,
    image: c.image,
    imagePullPolicy: 'IfNotPresent',
    resources,
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
  };
  if (c.args) out.args = c.args;
  if (c.env) out.env = c.env;
  if (c.ports) out.ports = c.ports.map((p) => ({ ...p, protocol: p.protocol ?? 'TCP' }));
  if (sa)
    out.volumeMounts = [
      { name: volumeName, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true },
    ];
  return out;
}

function cond(type: string, status: boolean, time: string, reason?: string, message?: string): Record<string, unknown> {
  const c: Record<string, unknown> = {
    type,
    status: status ? 'True' : 'False',
    lastProbeTime: null,
    lastTransitionTime: time,
  };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return c;
}

export function isReadyState(state: PodState): boolean {
  return state === 'running';
}

/** Builds (and adds) a Pod with a realistic status for its state. */
export function addPod(b: ScenarioBuilder, o: PodOptions): KubeObject {
  const rng = b.rng;
  const state = o.state ?? 'running';
  const restarts = o.restarts ?? (state === 'crashloop' ? rng.int(8, 40) : 0);
  const sa = o.serviceAccount ?? 'default';
  const tokenVolume = `kube-api-access-${rng.suffix(5)}`;
  const m = meta(o.name, o.namespace, o.labels, o.annotations ?? {});
  if (o.owner) m.ownerReferences = [ownerRef(o.owner)];
  const scheduled = state !== 'unschedulable';
  const start = b.ago(o.ageSeconds);
  const spec: Record<string, unknown> = {
    containers: o.containers.map((c) => containerSpec(c, true, tokenVolume)),
    dnsPolicy: 'ClusterFirst',
    enableServiceLinks: true,
    preemptionPolicy: 'PreemptLowerPriority',
    priority: 0,
    restartPolicy: o.restartPolicy ?? 'Always',
    schedulerName: 'default-scheduler',
    securityContext: {},
    serviceAccount: sa,
    serviceAccountName: sa,
    terminationGracePeriodSeconds: 30,
    tolerations: DEFAULT_TOLERATIONS,
    volumes: [...(o.volumes ?? []), serviceAccountVolume(tokenVolume)],
    ...o.spec,
  };
  if (scheduled) spec.nodeName = o.node;
  const status: Record<string, unknown> = { qosClass: qosClass(o.containers) };
  if (!scheduled) {
    status.phase = 'Pending';
    status.conditions = [
      cond(
        'PodScheduled',
        false,
        start,
        'Unschedulable',
        `0/${b.nodes.length} nodes are available: ${b.nodes.length} Insufficient memory. preemption: 0/${b.nodes.length} nodes are available: ${b.nodes.length} No preemption victims found for incoming pod.`,
      ),
    ];
    return b.add({ apiVersion: 'v1', kind: 'Pod', metadata: m, spec, status }, o.ageSeconds);
  }
  const node = b.nodes.find((n) => n.name === o.node);
  const hostIP = node?.ip ?? '10.0.0.1';
  const podIP = spec.hostNetwork ? hostIP : b.podIp(o.node);
  const ready = state === 'running';
  const running = state === 'running' || state === 'notready' || state === 'crashloop';
  const done = state === 'succeeded' || state === 'failed';
  const created = !(state === 'containercreating' || state === 'imagepull');
  const phase = done ? (state === 'succeeded' ? 'Succeeded' : 'Failed') : running ? 'Running' : 'Pending';
  const notReadyNames = `[${o.containers.map((c) => c.name).join(' ')}]`;
  const readyReason = done ? 'PodCompleted' : 'ContainersNotReady';
  const readyMsg = done ? undefined : `containers with unready status: ${notReadyNames}`;
  status.phase = phase;
  status.conditions = [
    cond('PodReadyToStartContainers', created && !done, b.ago(o.ageSeconds - 2)),
    cond('Initialized', true, start),
    cond('Ready', ready, b.ago(o.ageSeconds - 8), ready ? undefined : readyReason, ready ? undefined : readyMsg),
    cond(
      'ContainersReady',
      ready,
      b.ago(o.ageSeconds - 8),
      ready ? undefined : readyReason,
      ready ? undefined : readyMsg,
    ),
    cond('PodScheduled', true, start),
  ];
  status.hostIP = hostIP;
  status.hostIPs = [{ ip: hostIP }];
  if (created) {
    status.podIP = podIP;
    status.podIPs = [{ ip: podIP }];
  }
  status.startTime = start;
  status.containerStatuses = o.containers.map((c, i) => {
    const cs: Record<string, unknown> = {
      name: c.name,
      image: c.image,
      imageID: created ? `${c.image.split(':')[0]}@sha256:${rng.hex(64)}` : '',
      ready,
      restartCount: i === 0 ? restarts : 0,
      started: running && state !== 'crashloop',
    };
    if (created) cs.containerID = `containerd://${rng.hex(64)}`;
    const lastStart = b.ago(Math.max(5, Math.min(o.ageSeconds - 10, 60 + rng.int(0, 3600))));
    if (state === 'crashloop' && i === 0) {
      cs.state = {
        waiting: {
          reason: 'CrashLoopBackOff',
          message: `back-off 5m0s restarting failed container=${c.name} pod=${o.name}_${o.namespace}(${m.uid ?? b.uidFor('Pod', o.namespace, o.name)})`,
        },
      };
    } else if (running) {
      cs.state = { running: { startedAt: restarts > 0 && i === 0 ? lastStart : b.ago(o.ageSeconds - 5) } };
    } else if (done) {
      const exitCode = state === 'succeeded' ? 0 : 1;
      cs.state = {
        terminated: {
          exitCode,
          reason: exitCode === 0 ? 'Completed' : 'Error',
          startedAt: b.ago(o.ageSeconds - 5),
          finishedAt: b.ago(Math.max(0, o.ageSeconds - 65)),
          containerID: cs.containerID,
        },
      };
    } else if (state === 'imagepull') {
      cs.state = {
        waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${c.image}"` },
      };
    } else {
      cs.state = { waiting: { reason: 'ContainerCreating' } };
    }
    cs.lastState =
      restarts > 0 && i === 0
        ? {
            terminated: {
              exitCode: state === 'crashloop' ? 1 : 137,
              reason: state === 'crashloop' ? 'Error' : 'OOMKilled',
              startedAt: b.ago(Math.min(o.ageSeconds, 400)),
              finishedAt: b.ago(Math.min(o.ageSeconds, 120)),
              containerID: `containerd://${rng.hex(64)}`,
            },
          }
        : {};
    return cs;
  });
  return b.add({ apiVersion: 'v1', kind: 'Pod', metadata: m, spec, status }, o.ageSeconds);
}

export function serviceAccountVolume(name: string): Record<string, unknown> {
  return {
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        {
          downwardAPI: {
            items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }],
          },
        },
      ],
    },
  };
}
