import { DEFAULT_NOW } from './builder.js';
import { Rng } from './rng.js';
import type { KubeObject, ScaleOptions, Scenario } from './types.js';

export interface ResolvedScaleOptions {
  seed: number;
  now: Date;
  nodes: number;
  namespaces: number;
  deployments: number;
  pods: number;
  related: boolean;
}

export function resolveScaleOptions(o: ScaleOptions = {}): ResolvedScaleOptions {
  const pods = Math.max(0, Math.floor(o.pods ?? 1000));
  const deployments = Math.max(1, Math.floor(o.deployments ?? Math.ceil(pods / 10)));
  return {
    seed: o.seed ?? 1,
    now: o.now ?? DEFAULT_NOW,
    pods,
    deployments,
    related: o.related ?? false,
    namespaces: Math.max(1, Math.floor(o.namespaces ?? Math.min(50, Math.max(4, Math.ceil(deployments / 25))))),
    nodes: Math.max(1, Math.floor(o.nodes ?? Math.max(3, Math.ceil(pods / 100)))),
  };
}

const IMAGES = [
  'ghcr.io/acme/api:1.8.2',
  'ghcr.io/acme/worker:3.1.0',
  'docker.io/library/nginx:1.27',
  'ghcr.io/acme/cache:7.2.4',
];

function ts(now: Date, agoSeconds: number): string {
  return new Date(now.getTime() - agoSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function podIp(i: number): string {
  return `10.${128 + ((i >> 16) & 127)}.${(i >> 8) & 255}.${i & 255 || 1}`;
}

/**
 * Yields the scale scenario's objects one at a time, in load order: Namespaces, Nodes, then per
 * Deployment its ReplicaSet and pods. Nothing is kept besides the current object, so a store can
 * stream 50,000 pods without a second copy. Uids come from the seeded stream (deterministic).
 */
export function* generateScaleObjects(opts: ScaleOptions = {}): Generator<KubeObject> {
  const o = resolveScaleOptions(opts);
  const rng = new Rng(o.seed);
  const old = ts(o.now, 30 * 86400);
  const startTimes = Array.from({ length: 3600 }, (_, i) => ts(o.now, 86400 + i));
  const nsNames = Array.from({ length: o.namespaces }, (_, i) => `scale-${String(i).padStart(3, '0')}`);
  for (const name of ['default', 'kube-system', ...nsNames]) {
    yield {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name,
        uid: rng.uuid(),
        creationTimestamp: old,
        labels: { 'kubernetes.io/metadata.name': name },
        annotations: {},
      },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    };
  }
  const nodeNames: string[] = [];
  const nodeIps: string[] = [];
  for (let n = 0; n < o.nodes; n++) {
    const name = `scale-node-${String(n).padStart(4, '0')}`;
    const ip = `10.1.${(n >> 8) & 255}.${n & 255 || 1}`;
    nodeNames.push(name);
    nodeIps.push(ip);
    const zone = `zone-${'abc'[n % 3]}`;
    yield {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name,
        uid: rng.uuid(),
        creationTimestamp: old,
        labels: {
          'kubernetes.io/hostname': name,
          'kubernetes.io/os': 'linux',
          'kubernetes.io/arch': 'amd64',
          'topology.kubernetes.io/zone': zone,
          'node-role.kubernetes.io/worker': '',
        },
        annotations: {},
      },
      spec: { podCIDR: `10.${128 + (n >> 8)}.${n & 255}.0/24` },
      status: {
        capacity: { cpu: '32', memory: '131902464Ki', pods: '1000', 'ephemeral-storage': '203615468Ki' },
        allocatable: { cpu: '31900m', memory: '131800064Ki', pods: '1000', 'ephemeral-storage': '187651849498' },
        conditions: [
          {
            type: 'Ready',
            status: 'True',
            reason: 'KubeletReady',
            message: 'kubelet is posting ready status',
            lastHeartbeatTime: ts(o.now, 10),
            lastTransitionTime: old,
          },
        ],
        addresses: [
          { type: 'InternalIP', address: ip },
          { type: 'Hostname', address: name },
        ],
        nodeInfo: {
          kubeletVersion: 'v1.32.3',
          kubeProxyVersion: 'v1.32.3',
          containerRuntimeVersion: 'containerd://1.7.27',
          osImage: 'Debian GNU/Linux 12 (bookworm)',
          operatingSystem: 'linux',
          architecture: 'amd64',
          kernelVersion: '6.1.0-37-cloud-amd64',
          machineID: rng.hex(32),
          systemUUID: rng.uuid(),
          bootID: rng.uuid(),
        },
      },
    };
  }
  const base = Math.floor(o.pods / o.deployments);
  const extra = o.pods % o.deployments;
  let podIndex = 0;
  for (let d = 0; d < o.deployments; d++) {
    const ns = nsNames[d % nsNames.length] ?? 'default';
    const app = `app-${String(d).padStart(5, '0')}`;
    const replicas = base + (d < extra ? 1 : 0);
    const image = IMAGES[d % IMAGES.length] ?? 'nginx';
    const hash = rng.suffix(10);
    const depUid = rng.uuid();
    const rsUid = rng.uuid();
    const rsName = `${app}-${hash}`;
    const container = () => ({
      name: 'app',
      image,
      ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
      resources: { requests: { cpu: '10m', memory: '32Mi' } },
      imagePullPolicy: 'IfNotPresent',
    });
    yield {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: app,
        namespace: ns,
        uid: depUid,
        generation: 1,
        creationTimestamp: old,
        labels: { app },
        annotations: { 'deployment.kubernetes.io/revision': '1' },
      },
      spec: {
        replicas,
        selector: { matchLabels: { app } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
        template: { metadata: { labels: { app } }, spec: { containers: [container()], restartPolicy: 'Always' } },
      },
      status: {
        observedGeneration: 1,
        replicas,
        updatedReplicas: replicas,
        readyReplicas: replicas,
        availableReplicas: replicas,
        conditions: [
          {
            type: 'Available',
            status: 'True',
            reason: 'MinimumReplicasAvailable',
            message: 'Deployment has minimum availability.',
            lastUpdateTime: old,
            lastTransitionTime: old,
          },
        ],
      },
    };
    yield {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: rsName,
        namespace: ns,
        uid: rsUid,
        generation: 1,
        creationTimestamp: old,
        labels: { app, 'pod-template-hash': hash },
        annotations: {
          'deployment.kubernetes.io/revision': '1',
          'deployment.kubernetes.io/desired-replicas': String(replicas),
        },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: app,
            uid: depUid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {
        replicas,
        selector: { matchLabels: { app, 'pod-template-hash': hash } },
        template: {
          metadata: { labels: { app, 'pod-template-hash': hash } },
          spec: { containers: [container()], restartPolicy: 'Always' },
        },
      },
      status: {
        replicas,
        fullyLabeledReplicas: replicas,
        readyReplicas: replicas,
        availableReplicas: replicas,
        observedGeneration: 1,
      },
    };
    if (o.related) yield* relatedObjects({ app, ns, depUid, rsName, replicas, created: old, index: d });
    for (let r = 0; r < replicas; r++, podIndex++) {
      const node = podIndex % o.nodes;
      const start = startTimes[podIndex % 3600] ?? old;
      const ip = podIp(podIndex);
      const restarts = rng.chance(0.02) ? rng.int(1, 5) : 0;
      yield {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: `${rsName}-${rng.suffix(5)}`,
          namespace: ns,
          uid: rng.uuid(),
          creationTimestamp: start,
          labels: { app, 'pod-template-hash': hash },
          annotations: {},
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: 'ReplicaSet',
              name: rsName,
              uid: rsUid,
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
        },
        spec: {
          containers: [container()],
          nodeName: nodeNames[node],
          restartPolicy: 'Always',
          schedulerName: 'default-scheduler',
          serviceAccountName: 'default',
          terminationGracePeriodSeconds: 30,
          dnsPolicy: 'ClusterFirst',
        },
        status: {
          phase: 'Running',
          qosClass: 'Burstable',
          hostIP: nodeIps[node],
          hostIPs: [{ ip: nodeIps[node] }],
          podIP: ip,
          podIPs: [{ ip }],
          startTime: start,
          conditions: [
            { type: 'Initialized', status: 'True', lastTransitionTime: start },
            { type: 'Ready', status: 'True', lastTransitionTime: start },
            { type: 'ContainersReady', status: 'True', lastTransitionTime: start },
            { type: 'PodScheduled', status: 'True', lastTransitionTime: start },
          ],
          containerStatuses: [
            {
              name: 'app',
              image,
              imageID: '',
              containerID: `containerd://${rng.hex(16)}`,
              ready: true,
              started: true,
              restartCount: restarts,
              state: { running: { startedAt: start } },
              lastState: {},
            },
          ],
        },
      };
    }
  }
}

/**
 * A Deployment's Service and its latest Event (a scaling record), with uids derived from the Deployment's
 * (the seeded stream is not consumed, so the rest of the scenario is the same with or without them).
 */
function* relatedObjects(d: {
  app: string;
  ns: string;
  depUid: string;
  rsName: string;
  replicas: number;
  created: string;
  index: number;
}): Generator<KubeObject> {
  const derived = (suffix: string) => `${d.depUid.slice(0, 24)}${suffix}`;
  yield {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: d.app,
      namespace: d.ns,
      uid: derived('5e2c0e000001'),
      creationTimestamp: d.created,
      labels: { app: d.app },
    },
    spec: {
      type: 'ClusterIP',
      selector: { app: d.app },
      clusterIP: `10.96.${(d.index >> 8) & 255}.${d.index & 255 || 1}`,
      ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
    },
    status: { loadBalancer: {} },
  };
  yield {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name: `${d.app}.1800000000000000`,
      namespace: d.ns,
      uid: derived('e7e700000001'),
      creationTimestamp: d.created,
    },
    involvedObject: { apiVersion: 'apps/v1', kind: 'Deployment', name: d.app, namespace: d.ns, uid: d.depUid },
    reason: 'ScalingReplicaSet',
    message: `Scaled up replica set ${d.rsName} from 0 to ${d.replicas}`,
    source: { component: 'deployment-controller' },
    firstTimestamp: d.created,
    lastTimestamp: d.created,
    count: 1,
    type: 'Normal',
    reportingComponent: 'deployment-controller',
  };
}

/** The scale scenario as arrays (built once from the generator). No CRDs. */
export function buildScaleScenario(opts: ScaleOptions = {}): Scenario {
  return { crds: [], objects: Array.from(generateScaleObjects(opts)) };
}
