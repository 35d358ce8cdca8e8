import { meta, type ScenarioBuilder } from '../builder.js';
import {
  addBinding,
  addConfigMap,
  addNamespace,
  addNamespaceDefaults,
  addNode,
  addRole,
  addServiceAccount,
} from '../core/basics.js';
import { ctr } from '../core/containers.js';
import { addService } from '../core/network.js';
import { addPod } from '../core/pod.js';
import { addStorageClass } from '../core/storage.js';
import { addDaemonSet, addDeployment } from '../core/workloads.js';

/** Namespaces of the demo cluster with their labels. */
export const DEMO_NAMESPACES: [string, Record<string, string>][] = [
  ['default', {}],
  ['kube-system', {}],
  ['kube-public', {}],
  ['kube-node-lease', {}],
  ['payments', { team: 'payments', 'istio-injection': 'enabled' }],
  ['analytics', { team: 'data' }],
  ['shop', { team: 'storefront' }],
  ['cms', { team: 'storefront' }],
  ['bookinfo', { 'istio-injection': 'enabled' }],
  ['monitoring', { 'pod-security.kubernetes.io/enforce': 'privileged' }],
  ['istio-system', { 'topology.istio.io/network': 'network1' }],
  ['ingress-nginx', { 'app.kubernetes.io/name': 'ingress-nginx' }],
  ['keda', {}],
  ['rook-ceph', { 'pod-security.kubernetes.io/enforce': 'privileged' }],
  ['tigera-operator', { name: 'tigera-operator' }],
  ['calico-system', { name: 'calico-system', 'pod-security.kubernetes.io/enforce': 'privileged' }],
  ['calico-apiserver', { name: 'calico-apiserver' }],
  ['databases', { 'app.kubernetes.io/part-of': 'database-operators' }],
];

export function addNodes(b: ScenarioBuilder): void {
  addNode(b, {
    name: 'prod-cp-1',
    zone: 'eu-west-1a',
    roles: ['control-plane', 'worker'],
    ip: '10.0.1.10',
    podCidrIndex: 0,
    ageSeconds: 180 * 86400,
  });
  addNode(b, {
    name: 'prod-worker-1',
    zone: 'eu-west-1b',
    roles: ['worker'],
    ip: '10.0.2.11',
    podCidrIndex: 1,
    cpu: '16',
    memory: '65843200',
    instanceType: 'm6i.4xlarge',
    ageSeconds: 120 * 86400,
  });
  addNode(b, {
    name: 'prod-worker-2',
    zone: 'eu-west-1c',
    roles: ['worker'],
    ip: '10.0.3.12',
    podCidrIndex: 2,
    cpu: '16',
    memory: '65843200',
    instanceType: 'm6i.4xlarge',
    ageSeconds: 45 * 86400,
  });
}

export function addNamespaces(b: ScenarioBuilder): void {
  for (const [name, labels] of DEMO_NAMESPACES) addNamespace(b, name, labels, 180 * 86400);
  for (const [name] of DEMO_NAMESPACES) addNamespaceDefaults(b, name, 180 * 86400);
}

/** kube-system: control-plane mirror pods, CoreDNS, kube-proxy, metrics-server; the `kubernetes` Service. */
export function addKubeSystem(b: ScenarioBuilder): void {
  const cp = b.get('Node', undefined, 'prod-cp-1');
  if (!cp) throw new Error('nodes first');
  const tier = { tier: 'control-plane' };
  for (const [component, image, port] of [
    ['etcd', 'registry.k8s.io/etcd:3.5.16-0', 2381],
    ['kube-apiserver', 'registry.k8s.io/kube-apiserver:v1.32.3', 6443],
    ['kube-controller-manager', 'registry.k8s.io/kube-controller-manager:v1.32.3', 10257],
    ['kube-scheduler', 'registry.k8s.io/kube-scheduler:v1.32.3', 10259],
  ] as const) {
    addPod(b, {
      name: `${component}-prod-cp-1`,
      namespace: 'kube-system',
      labels: { component, ...tier },
      annotations: {
        'kubernetes.io/config.source': 'file',
        'kubernetes.io/config.mirror': b.rng.hex(32),
        'kubernetes.io/config.hash': b.rng.hex(32),
      },
      owner: cp,
      node: 'prod-cp-1',
      containers: [ctr(component, image, { port, portName: 'probe-port', cpu: '250m', memory: '256Mi' })],
      ageSeconds: 40 * 86400,
      spec: { hostNetwork: true, priorityClassName: 'system-node-critical', priority: 2000001000 },
    });
  }
  addServiceAccount(b, 'kube-system', 'coredns');
  addConfigMap(b, {
    name: 'coredns',
    namespace: 'kube-system',
    data: {
      Corefile:
        '.:53 {\n    errors\n    health {\n       lameduck 5s\n    }\n    ready\n    kubernetes cluster.local in-addr.arpa ip6.arpa {\n       pods insecure\n       fallthrough in-addr.arpa ip6.arpa\n       ttl 30\n    }\n    prometheus :9153\n    forward . /etc/resolv.conf {\n       max_concurrent 1000\n    }\n    cache 30\n    loop\n    reload\n    loadbalance\n}\n',
    },
  });
  addDeployment(b, {
    name: 'coredns',
    namespace: 'kube-system',
    replicas: 2,
    selector: { 'k8s-app': 'kube-dns' },
    containers: [
      {
        ...ctr('coredns', 'registry.k8s.io/coredns/coredns:v1.11.3', {
          cpu: '100m',
          memory: '70Mi',
          limitMemory: '170Mi',
        }),
        ports: [
          { name: 'dns', containerPort: 53, protocol: 'UDP' },
          { name: 'dns-tcp', containerPort: 53 },
          { name: 'metrics', containerPort: 9153 },
        ],
      },
    ],
    serviceAccount: 'coredns',
    ageSeconds: 180 * 86400,
  });
  addService(b, {
    name: 'kube-dns',
    namespace: 'kube-system',
    clusterIP: '10.96.0.10',
    selector: { 'k8s-app': 'kube-dns' },
    labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
    annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
    ports: [
      { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
      { name: 'dns-tcp', port: 53, targetPort: 53 },
      { name: 'metrics', port: 9153, targetPort: 9153 },
    ],
  });
  addServiceAccount(b, 'kube-system', 'kube-proxy');
  addDaemonSet(b, {
    name: 'kube-proxy',
    namespace: 'kube-system',
    containers: [{ name: 'kube-proxy', image: 'registry.k8s.io/kube-proxy:v1.32.3' }],
    serviceAccount: 'kube-proxy',
    podSpec: { hostNetwork: true, priorityClassName: 'system-node-critical' },
  });
  addServiceAccount(b, 'kube-system', 'metrics-server', { 'k8s-app': 'metrics-server' });
  addDeployment(b, {
    name: 'metrics-server',
    namespace: 'kube-system',
    replicas: 1,
    selector: { 'k8s-app': 'metrics-server' },
    containers: [
      ctr('metrics-server', 'registry.k8s.io/metrics-server/metrics-server:v0.7.2', {
        port: 10250,
        portName: 'https',
        cpu: '100m',
        memory: '200Mi',
      }),
    ],
    serviceAccount: 'metrics-server',
    revision: 2,
    nodeOffset: 1,
  });
  addService(b, {
    name: 'metrics-server',
    namespace: 'kube-system',
    selector: { 'k8s-app': 'metrics-server' },
    labels: { 'k8s-app': 'metrics-server' },
    ports: [{ name: 'https', port: 443, targetPort: 'https' }],
  });
  // The apiserver Service (no selector) and its Endpoints.
  b.add(
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta('kubernetes', 'default', { component: 'apiserver', provider: 'kubernetes' }),
      spec: {
        clusterIP: '10.96.0.1',
        clusterIPs: ['10.96.0.1'],
        internalTrafficPolicy: 'Cluster',
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
        sessionAffinity: 'None',
        type: 'ClusterIP',
      },
      status: { loadBalancer: {} },
    },
    180 * 86400,
  );
  b.add(
    {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: meta('kubernetes', 'default', { 'endpointslice.kubernetes.io/skip-mirror': 'true' }),
      subsets: [{ addresses: [{ ip: '10.0.1.10' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
    },
    180 * 86400,
  );
}

export function addClusterRbacAndStorage(b: ScenarioBuilder): void {
  addStorageClass(b, {
    name: 'gp3',
    provisioner: 'ebs.csi.aws.com',
    isDefault: true,
    volumeBindingMode: 'WaitForFirstConsumer',
    parameters: { type: 'gp3', encrypted: 'true' },
  });
  addRole(b, 'cluster-admin', undefined, [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }], {
    'kubernetes.io/bootstrapping': 'rbac-defaults',
  });
  addRole(
    b,
    'view',
    undefined,
    [
      {
        apiGroups: ['', 'apps', 'batch'],
        resources: ['pods', 'services', 'deployments', 'jobs', 'configmaps'],
        verbs: ['get', 'list', 'watch'],
      },
    ],
    { 'kubernetes.io/bootstrapping': 'rbac-defaults' },
  );
  addRole(
    b,
    'edit',
    undefined,
    [
      {
        apiGroups: ['', 'apps', 'batch'],
        resources: ['pods', 'services', 'deployments', 'jobs', 'configmaps', 'secrets'],
        verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
      },
    ],
    { 'kubernetes.io/bootstrapping': 'rbac-defaults' },
  );
  addBinding(b, {
    name: 'cluster-admin',
    roleKind: 'ClusterRole',
    role: 'cluster-admin',
    subjects: [{ kind: 'Group', name: 'system:masters' }],
    labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' },
  });
  addRole(
    b,
    'system:metrics-server',
    undefined,
    [{ apiGroups: [''], resources: ['nodes/metrics', 'pods', 'nodes'], verbs: ['get', 'list', 'watch'] }],
    { 'k8s-app': 'metrics-server' },
  );
  addBinding(b, {
    name: 'system:metrics-server',
    roleKind: 'ClusterRole',
    role: 'system:metrics-server',
    subjects: [{ kind: 'ServiceAccount', name: 'metrics-server', namespace: 'kube-system' }],
    labels: { 'k8s-app': 'metrics-server' },
  });
}
