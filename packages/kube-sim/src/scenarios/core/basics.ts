import { b64, meta, ownerRef, type ScenarioBuilder } from '../builder.js';
import type { KubeObject } from '../types.js';

export interface NodeOptions {
  name: string;
  zone: string;
  roles: string[];
  ip: string;
  podCidrIndex: number;
  cpu?: string;
  memory?: string;
  ageSeconds?: number;
  instanceType?: string;
}

export function addNode(b: ScenarioBuilder, o: NodeOptions): KubeObject {
  const age = o.ageSeconds ?? 90 * 86400;
  const cpu = o.cpu ?? '8';
  const memKi = Number.parseInt(o.memory ?? '32865800', 10);
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': o.name,
    'kubernetes.io/os': 'linux',
    'node.kubernetes.io/instance-type': o.instanceType ?? 'm6i.2xlarge',
    'topology.kubernetes.io/region': 'eu-west-1',
    'topology.kubernetes.io/zone': o.zone,
  };
  for (const role of o.roles) labels[`node-role.kubernetes.io/${role}`] = '';
  const heartbeat = b.ago(20 + b.rng.int(0, 30));
  const since = b.ago(age - 60);
  const c = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    lastHeartbeatTime: heartbeat,
    lastTransitionTime: since,
    reason,
    message,
  });
  const podCidr = `10.244.${o.podCidrIndex}.0/24`;
  b.nodes.push({ name: o.name, ip: o.ip, zone: o.zone, podCidrBase: `10.244.${o.podCidrIndex}`, nextPodIp: 2 });
  return b.add(
    {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: meta(o.name, undefined, labels, {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'projectcalico.org/IPv4Address': `${o.ip}/24`,
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      }),
      spec: {
        podCIDR: podCidr,
        podCIDRs: [podCidr],
        providerID: `aws:///${o.zone}/i-0${b.rng.hex(16)}`,
      },
      status: {
        addresses: [
          { type: 'InternalIP', address: o.ip },
          { type: 'Hostname', address: o.name },
        ],
        allocatable: {
          cpu: `${Number(cpu) * 1000 - 100}m`,
          'ephemeral-storage': '95491281146',
          'hugepages-1Gi': '0',
          'hugepages-2Mi': '0',
          memory: `${memKi - 102400}Ki`,
          pods: '110',
        },
        capacity: {
          cpu,
          'ephemeral-storage': '103615468Ki',
          'hugepages-1Gi': '0',
          'hugepages-2Mi': '0',
          memory: `${memKi}Ki`,
          pods: '110',
        },
        conditions: [
          c('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
          c('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
          c('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
          c('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
        ],
        daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
        nodeInfo: {
          architecture: 'amd64',
          bootID: b.rng.uuid(),
          containerRuntimeVersion: 'containerd://1.7.27',
          kernelVersion: '6.1.0-37-cloud-amd64',
          kubeProxyVersion: 'v1.32.3',
          kubeletVersion: 'v1.32.3',
          machineID: b.rng.hex(32),
          operatingSystem: 'linux',
          osImage: 'Debian GNU/Linux 12 (bookworm)',
          systemUUID: b.rng.uuid(),
        },
      },
    },
    age,
  );
}

export function addNamespace(
  b: ScenarioBuilder,
  name: string,
  labels: Record<string, string> = {},
  ageSeconds?: number,
): KubeObject {
  return b.add(
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: meta(name, undefined, { 'kubernetes.io/metadata.name': name, ...labels }),
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    },
    ageSeconds,
  );
}

/** The objects every namespace gets: the `default` ServiceAccount and the `kube-root-ca.crt` ConfigMap. */
export function addNamespaceDefaults(b: ScenarioBuilder, ns: string, ageSeconds?: number): void {
  addServiceAccount(b, ns, 'default', {}, ageSeconds);
  addConfigMap(
    b,
    {
      name: 'kube-root-ca.crt',
      namespace: ns,
      data: { 'ca.crt': FAKE_CA },
      annotations: {
        'kubernetes.io/description':
          'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.',
      },
    },
    ageSeconds,
  );
}

export const FAKE_CA =
  '-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIQXJndXNTaW0wDQYJKoZIhvcNAQELBQAwFTETMBEGA1UE\nAxMKa3ViZXJuZXRlczAeFw0yNjA1MjIxMDE1MDBaFw0zNjA1MjAxMDE1MDBaMBUx\n-----END CERTIFICATE-----\n';

export function addServiceAccount(
  b: ScenarioBuilder,
  namespace: string,
  name: string,
  labels: Record<string, string> = {},
  ageSeconds?: number,
): KubeObject {
  return b.add({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(name, namespace, labels) }, ageSeconds);
}

export function addConfigMap(
  b: ScenarioBuilder,
  o: {
    name: string;
    namespace: string;
    data: Record<string, string>;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    owner?: KubeObject;
  },
  ageSeconds?: number,
): KubeObject {
  const m = meta(o.name, o.namespace, o.labels ?? {}, o.annotations ?? {});
  if (o.owner) m.ownerReferences = [ownerRef(o.owner)];
  return b.add({ apiVersion: 'v1', kind: 'ConfigMap', metadata: m, data: o.data }, ageSeconds);
}

/** A Secret; `data` values are given in clear text and stored base64-encoded. */
export function addSecret(
  b: ScenarioBuilder,
  o: {
    name: string;
    namespace: string;
    type?: string;
    data: Record<string, string>;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    owner?: KubeObject;
  },
  ageSeconds?: number,
): KubeObject {
  const m = meta(o.name, o.namespace, o.labels ?? {}, o.annotations ?? {});
  if (o.owner) m.ownerReferences = [ownerRef(o.owner)];
  const data: Record<string, string> = {};
  for (const [k, v] of Object.entries(o.data)) data[k] = b64(v);
  return b.add({ apiVersion: 'v1', kind: 'Secret', metadata: m, type: o.type ?? 'Opaque', data }, ageSeconds);
}

export interface Rule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

export function addRole(
  b: ScenarioBuilder,
  name: string,
  namespace: string | undefined,
  rules: Rule[],
  labels: Record<string, string> = {},
): KubeObject {
  return b.add({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: namespace ? 'Role' : 'ClusterRole',
    metadata: meta(name, namespace, labels),
    rules,
  });
}

export function addBinding(
  b: ScenarioBuilder,
  o: {
    name: string;
    namespace?: string;
    roleKind: 'Role' | 'ClusterRole';
    role: string;
    subjects: { kind: string; name: string; namespace?: string }[];
    labels?: Record<string, string>;
  },
): KubeObject {
  return b.add({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: o.namespace ? 'RoleBinding' : 'ClusterRoleBinding',
    metadata: meta(o.name, o.namespace, o.labels ?? {}),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: o.roleKind, name: o.role },
    subjects: o.subjects.map((s) =>
      s.kind === 'ServiceAccount' ? s : { apiGroup: 'rbac.authorization.k8s.io', ...s },
    ),
  });
}

export function addHpa(
  b: ScenarioBuilder,
  o: {
    name: string;
    namespace: string;
    target: KubeObject;
    min: number;
    max: number;
    current: number;
    desired: number;
    cpuPercent: number;
    cpuCurrent: number;
    labels?: Record<string, string>;
    owner?: KubeObject;
    ableToScale?: boolean;
  },
): KubeObject {
  const m = meta(o.name, o.namespace, o.labels ?? {}, {});
  if (o.owner) m.ownerReferences = [ownerRef(o.owner)];
  const t = b.ago(3600);
  const limited = o.desired >= o.max;
  return b.add({
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: m,
    spec: {
      scaleTargetRef: { apiVersion: o.target.apiVersion, kind: o.target.kind, name: o.target.metadata.name },
      minReplicas: o.min,
      maxReplicas: o.max,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: o.cpuPercent } },
        },
      ],
    },
    status: {
      currentReplicas: o.current,
      desiredReplicas: o.desired,
      lastScaleTime: b.ago(1800),
      currentMetrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            current: { averageUtilization: o.cpuCurrent, averageValue: `${o.cpuCurrent * 2}m` },
          },
        },
      ],
      conditions: [
        {
          type: 'AbleToScale',
          status: 'True',
          lastTransitionTime: t,
          reason: 'ReadyForNewScale',
          message: 'recommended size matches current size',
        },
        {
          type: 'ScalingActive',
          status: 'True',
          lastTransitionTime: t,
          reason: 'ValidMetricFound',
          message:
            'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
        },
        limited
          ? {
              type: 'ScalingLimited',
              status: 'True',
              lastTransitionTime: t,
              reason: 'TooManyReplicas',
              message: 'the desired replica count is more than the maximum replica count',
            }
          : {
              type: 'ScalingLimited',
              status: 'False',
              lastTransitionTime: t,
              reason: 'DesiredWithinRange',
              message: 'the desired count is within the acceptable range',
            },
      ],
    },
  });
}

export function addEvent(
  b: ScenarioBuilder,
  o: {
    involved: KubeObject;
    type: 'Normal' | 'Warning';
    reason: string;
    message: string;
    component: string;
    count?: number;
    agoSeconds: number;
    firstAgoSeconds?: number;
    host?: string;
  },
): KubeObject {
  const ns = o.involved.metadata.namespace ?? 'default';
  const name = `${o.involved.metadata.name}.${b.rng.hex(16)}`;
  const last = b.ago(o.agoSeconds);
  const first = b.ago(o.firstAgoSeconds ?? o.agoSeconds);
  return b.add(
    {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: meta(name, ns),
      involvedObject: {
        apiVersion: o.involved.apiVersion,
        kind: o.involved.kind,
        name: o.involved.metadata.name,
        ...(o.involved.metadata.namespace ? { namespace: o.involved.metadata.namespace } : {}),
        uid: o.involved.metadata.uid,
        ...(o.involved.kind === 'Pod'
          ? {
              fieldPath: `spec.containers{${((o.involved.spec?.containers as { name: string }[]) ?? [])[0]?.name ?? ''}}`,
            }
          : {}),
      },
      reason: o.reason,
      message: o.message,
      type: o.type,
      count: o.count ?? 1,
      firstTimestamp: first,
      lastTimestamp: last,
      source: { component: o.component, ...(o.host ? { host: o.host } : {}) },
      reportingComponent: o.component,
      reportingInstance: o.host ?? '',
      eventTime: null,
    },
    o.firstAgoSeconds ?? o.agoSeconds,
  );
}

export function addNetworkPolicy(
  b: ScenarioBuilder,
  o: {
    name: string;
    namespace: string;
    podSelector: Record<string, string>;
    ingressFrom?: Record<string, unknown>[];
    ports?: number[];
    policyTypes?: string[];
  },
): KubeObject {
  const spec: Record<string, unknown> = {
    podSelector: Object.keys(o.podSelector).length ? { matchLabels: o.podSelector } : {},
    policyTypes: o.policyTypes ?? ['Ingress'],
  };
  if (o.ingressFrom)
    spec.ingress = [
      { from: o.ingressFrom, ...(o.ports ? { ports: o.ports.map((port) => ({ protocol: 'TCP', port })) } : {}) },
    ];
  return b.add({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: meta(o.name, o.namespace),
    spec,
  });
}
