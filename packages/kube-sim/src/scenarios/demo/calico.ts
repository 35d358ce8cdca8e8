/**
 * Calico. On a real cluster `projectcalico.org/v3` is served by the Calico API server (an aggregated
 * APIService, the operator default) or, from 3.32 as a tech preview, by native v3 CRDs; the
 * `crd.projectcalico.org/v1` CRDs are Calico's internal storage. The simulator has no aggregation
 * layer, so it serves `projectcalico.org/v3` through CRDs (group projectcalico.org, version v3) —
 * discovery then looks like the native-v3-CRD mode. Only IPAMBlocks are also offered as
 * `crd.projectcalico.org/v1` (the read-only fallback operators.md mentions).
 */
import type { ScenarioBuilder } from '../builder.js';
import { addServiceAccount } from '../core/basics.js';
import { ctr } from '../core/containers.js';
import { addService } from '../core/network.js';
import { addDaemonSet, addDeployment } from '../core/workloads.js';
import { addCustom, condition } from './crd.js';

const V3 = 'projectcalico.org/v3';

export function addCalicoObjects(b: ScenarioBuilder): void {
  addServiceAccount(b, 'tigera-operator', 'tigera-operator');
  addDeployment(b, {
    name: 'tigera-operator',
    namespace: 'tigera-operator',
    replicas: 1,
    selector: { name: 'tigera-operator' },
    containers: [ctr('tigera-operator', 'quay.io/tigera/operator:v1.38.3', { cpu: '100m', memory: '128Mi' })],
    serviceAccount: 'tigera-operator',
    podSpec: { hostNetwork: true },
    ageSeconds: 180 * 86400,
  });
  const ns = 'calico-system';
  for (const sa of ['calico-node', 'calico-kube-controllers', 'calico-typha']) addServiceAccount(b, ns, sa);
  addDaemonSet(b, {
    name: 'calico-node',
    namespace: ns,
    selector: { 'k8s-app': 'calico-node' },
    labels: { 'app.kubernetes.io/name': 'calico-node' },
    containers: [ctr('calico-node', 'quay.io/calico/node:v3.32.0', { cpu: '250m', memory: '256Mi' })],
    serviceAccount: 'calico-node',
    podSpec: { hostNetwork: true, priorityClassName: 'system-node-critical' },
    ageSeconds: 180 * 86400,
  });
  addDeployment(b, {
    name: 'calico-kube-controllers',
    namespace: ns,
    replicas: 1,
    selector: { 'k8s-app': 'calico-kube-controllers' },
    containers: [
      ctr('calico-kube-controllers', 'quay.io/calico/kube-controllers:v3.32.0', { cpu: '50m', memory: '64Mi' }),
    ],
    serviceAccount: 'calico-kube-controllers',
    ageSeconds: 180 * 86400,
  });
  addDeployment(b, {
    name: 'calico-typha',
    namespace: ns,
    replicas: 2,
    selector: { 'k8s-app': 'calico-typha' },
    containers: [
      ctr('calico-typha', 'quay.io/calico/typha:v3.32.0', {
        port: 5473,
        portName: 'calico-typha',
        cpu: '50m',
        memory: '64Mi',
      }),
    ],
    serviceAccount: 'calico-typha',
    podSpec: { hostNetwork: true },
    ageSeconds: 180 * 86400,
  });
  addService(b, {
    name: 'calico-typha',
    namespace: ns,
    selector: { 'k8s-app': 'calico-typha' },
    ports: [{ name: 'calico-typha', port: 5473, targetPort: 'calico-typha' }],
  });
  addServiceAccount(b, 'calico-apiserver', 'calico-apiserver');
  addDeployment(b, {
    name: 'calico-apiserver',
    namespace: 'calico-apiserver',
    replicas: 2,
    selector: { 'k8s-app': 'calico-apiserver', apiserver: 'true' },
    containers: [
      ctr('calico-apiserver', 'quay.io/calico/apiserver:v3.32.0', {
        port: 5443,
        portName: 'apiserver',
        cpu: '50m',
        memory: '128Mi',
      }),
    ],
    serviceAccount: 'calico-apiserver',
    ageSeconds: 180 * 86400,
  });
  addService(b, {
    name: 'calico-api',
    namespace: 'calico-apiserver',
    selector: { apiserver: 'true' },
    ports: [{ name: 'apiserver', port: 443, targetPort: 5443 }],
  });

  addCustom(b, { apiVersion: V3, kind: 'Tier', name: 'default', spec: { order: 1000000, defaultAction: 'Deny' } });
  addCustom(b, { apiVersion: V3, kind: 'Tier', name: 'security', spec: { order: 100, defaultAction: 'Pass' } });
  addCustom(b, {
    apiVersion: V3,
    kind: 'GlobalNetworkPolicy',
    name: 'default-deny',
    spec: {
      tier: 'default',
      order: 2000,
      selector: "projectcalico.org/namespace not in {'kube-system','calico-system'}",
      types: ['Ingress', 'Egress'],
      egress: [{ action: 'Allow', protocol: 'UDP', destination: { selector: "k8s-app == 'kube-dns'", ports: [53] } }],
    },
  });
  addCustom(b, {
    apiVersion: V3,
    kind: 'GlobalNetworkPolicy',
    name: 'security.block-known-bad',
    spec: {
      tier: 'security',
      order: 10,
      selector: 'all()',
      types: ['Egress'],
      egress: [{ action: 'Deny', destination: { selector: "threatfeed == 'feodo'" } }, { action: 'Pass' }],
    },
  });
  addCustom(b, {
    apiVersion: V3,
    kind: 'GlobalNetworkSet',
    name: 'threatfeed-feodo',
    labels: { threatfeed: 'feodo' },
    spec: { nets: ['198.51.100.0/24', '192.0.2.64/26'] },
  });
  addCustom(b, {
    apiVersion: V3,
    kind: 'NetworkPolicy',
    name: 'allow-frontend-to-api',
    namespace: 'shop',
    spec: {
      tier: 'default',
      order: 100,
      selector: "app == 'api'",
      types: ['Ingress'],
      ingress: [
        { action: 'Allow', protocol: 'TCP', source: { selector: "app == 'frontend'" }, destination: { ports: [8080] } },
      ],
    },
  });
  addCustom(b, {
    apiVersion: V3,
    kind: 'StagedNetworkPolicy',
    name: 'restrict-rabbitmq',
    namespace: 'shop',
    spec: {
      stagedAction: 'Set',
      tier: 'default',
      order: 200,
      selector: "app == 'rabbitmq'",
      types: ['Ingress'],
      ingress: [
        {
          action: 'Allow',
          protocol: 'TCP',
          source: { selector: "app in {'orders-consumer', 'api'}" },
          destination: { ports: [5672] },
        },
      ],
    },
  });
  addCustom(b, {
    apiVersion: V3,
    kind: 'NetworkPolicy',
    name: 'allow-legacy-batch',
    namespace: 'analytics',
    spec: {
      tier: 'default',
      selector: "app == 'legacy-batch'",
      types: ['Ingress'],
      ingress: [{ action: 'Allow', source: { namespaceSelector: "team == 'data'" } }],
    },
  });
  addCustom(b, {
    apiVersion: V3,
    kind: 'IPPool',
    name: 'default-ipv4-ippool',
    spec: {
      cidr: '10.244.0.0/16',
      blockSize: 26,
      ipipMode: 'Never',
      vxlanMode: 'CrossSubnet',
      natOutgoing: true,
      nodeSelector: 'all()',
      allowedUses: ['Workload', 'Tunnel'],
    },
    status: { conditions: [condition(b, 'Allocatable', 'True', 'OK', 'IP pool is allocatable')] },
  });
  addCustom(b, {
    apiVersion: V3,
    kind: 'IPPool',
    name: 'legacy-ipv4-ippool',
    spec: {
      cidr: '10.245.0.0/16',
      blockSize: 26,
      ipipMode: 'Always',
      vxlanMode: 'Never',
      natOutgoing: true,
      disabled: true,
      nodeSelector: 'all()',
    },
    status: { conditions: [condition(b, 'Allocatable', 'False', 'PoolDisabled', 'IP pool is disabled')] },
  });
  for (const [i, node] of b.nodes.entries()) {
    addCustom(b, {
      apiVersion: V3,
      kind: 'HostEndpoint',
      name: `${node.name}-eth0`,
      labels: { 'kubernetes-host': '', 'projectcalico.org/created-by': 'calico-kube-controllers' },
      spec: { node: node.name, interfaceName: '*', expectedIPs: [node.ip] },
    });
    addCustom(b, {
      apiVersion: 'crd.projectcalico.org/v1',
      kind: 'IPAMBlock',
      name: `10-244-${i}-0-26`,
      spec: {
        cidr: `10.244.${i}.0/26`,
        affinity: `host:${node.name}`,
        allocations: [0, 1, null, 2, null],
        unallocated: [2, 4],
        attributes: [
          { handle_id: `ipip-tunnel-addr-${node.name}` },
          { handle_id: `k8s-pod-network.${b.rng.hex(64)}` },
          { handle_id: `k8s-pod-network.${b.rng.hex(64)}` },
        ],
        deleted: false,
      },
    });
  }
  const peers = b.nodes
    .slice(1)
    .map((n) => ({ peerIP: n.ip, type: 'NodeMesh', state: 'Established', since: b.ago(86400) }));
  const broken = peers[1];
  if (broken) broken.state = 'Connect';
  addCustom(b, {
    apiVersion: V3,
    kind: 'CalicoNodeStatus',
    name: `${b.node(0).name}-status`,
    spec: { node: b.node(0).name, classes: ['Agent', 'BGP', 'Routes'], updatePeriodSeconds: 10 },
    status: {
      lastUpdated: b.ago(5),
      agent: {
        birdV4: {
          state: 'Ready',
          version: 'v0.3.3+birdv1.6.8',
          routerID: b.node(0).ip,
          lastBootTime: b.ago(3 * 86400),
          lastReconfigurationTime: b.ago(3600),
        },
      },
      bgp: {
        numberEstablishedV4: peers.filter((p) => p.state === 'Established').length,
        numberNotEstablishedV4: peers.filter((p) => p.state !== 'Established').length,
        numberEstablishedV6: 0,
        numberNotEstablishedV6: 0,
        peersV4: peers,
      },
      routes: {
        routesV4: b.nodes.slice(1).map((n, i) => ({
          type: 'FIB',
          destination: `10.244.${i + 1}.0/26`,
          gateway: n.ip,
          interface: 'eth0',
          learnedFrom: { sourceType: 'NodeMesh', peerIP: n.ip },
        })),
      },
    },
  });
  addCalicoConfiguration(b);
  addCustom(b, {
    apiVersion: 'operator.tigera.io/v1',
    kind: 'TigeraStatus',
    name: 'calico',
    status: {
      conditions: [
        condition(b, 'Available', 'True', 'AllObjectsAvailable', 'All Objects Available'),
        condition(b, 'Progressing', 'False', 'AllObjectsAvailable', 'All objects available'),
        condition(b, 'Degraded', 'False', 'AllObjectsAvailable', 'All objects available'),
      ],
    },
  });
  addCustom(b, {
    apiVersion: 'operator.tigera.io/v1',
    kind: 'TigeraStatus',
    name: 'apiserver',
    status: {
      conditions: [
        condition(b, 'Available', 'True', 'AllObjectsAvailable', 'All Objects Available'),
        condition(b, 'Progressing', 'False', 'AllObjectsAvailable', 'All objects available'),
        condition(b, 'Degraded', 'False', 'AllObjectsAvailable', 'All objects available'),
      ],
    },
  });
}

/**
 * What the reference names beyond the policies: BGP configuration and a peer (a top-of-rack router), Felix's
 * configuration, a namespaced NetworkSet, and staged policies of the other two kinds — a staged change of
 * `default-deny` (would also exempt `monitoring`) and a staged Kubernetes NetworkPolicy (would be created).
 */
function addCalicoConfiguration(b: ScenarioBuilder): void {
  addCustom(b, {
    apiVersion: V3,
    kind: 'BGPConfiguration',
    name: 'default',
    spec: {
      asNumber: 64512,
      nodeToNodeMeshEnabled: true,
      logSeverityScreen: 'Info',
      listenPort: 179,
      serviceClusterIPs: [{ cidr: '10.96.0.0/12' }],
    },
  });
  addCustom(b, {
    apiVersion: V3,
    kind: 'BGPPeer',
    name: 'rack1-tor',
    spec: { peerIP: '10.0.0.1', asNumber: 64513, nodeSelector: "topology.kubernetes.io/zone == 'eu-west-1a'" },
  });
  addCustom(b, {
    apiVersion: V3,
    kind: 'FelixConfiguration',
    name: 'default',
    spec: {
      logSeverityScreen: 'Info',
      reportingInterval: '0s',
      bpfEnabled: false,
      floatingIPs: 'Disabled',
      healthPort: 9099,
    },
  });
  addCustom(b, {
    apiVersion: V3,
    kind: 'NetworkSet',
    name: 'payment-providers',
    namespace: 'shop',
    labels: { role: 'payment-provider' },
    spec: { nets: ['203.0.113.0/25'], allowedEgressDomains: ['api.stripe.example'] },
  });
  addCustom(b, {
    apiVersion: V3,
    kind: 'StagedGlobalNetworkPolicy',
    name: 'default-deny',
    spec: {
      stagedAction: 'Set',
      tier: 'default',
      order: 2000,
      selector: "projectcalico.org/namespace not in {'kube-system','calico-system','monitoring'}",
      types: ['Ingress', 'Egress'],
      egress: [{ action: 'Allow', protocol: 'UDP', destination: { selector: "k8s-app == 'kube-dns'", ports: [53] } }],
    },
  });
  addCustom(b, {
    apiVersion: V3,
    kind: 'StagedKubernetesNetworkPolicy',
    name: 'allow-monitoring-scrape',
    namespace: 'shop',
    spec: {
      stagedAction: 'Set',
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }] }],
    },
  });
}
