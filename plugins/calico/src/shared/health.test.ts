/**
 * Calico health by the reference's rules (operators.md §5), table-driven: its example objects as written
 * there, the demo's disabled pool (disabled takes precedence over not allocatable), and one case per rule.
 */
import { describe, expect, it } from 'vitest';
import {
  bgpPeerHealth,
  hostEndpointHealth,
  ipPoolHealth,
  nodeStatusHealth,
  policyHealth,
  selectedCount,
  tigeraStatusHealth,
} from './health.js';
import { poolUsage } from './ipam.js';
import { type Endpoint, type PolicyPlural, podEndpoint, policyEntry } from './policies.js';
import type { CalicoNodeStatus, IPAMBlock, IPPool } from './types.js';

const cond = (type: string, status: string, reason?: string, message?: string) => ({
  type,
  status,
  ...(reason ? { reason } : {}),
  ...(message ? { message } : {}),
});

const pod = (ns: string, name: string, labels: Record<string, string>): Endpoint =>
  podEndpoint({ metadata: { name, namespace: ns, labels } }, { metadata: { name: ns } }, undefined);

const endpoints = [
  pod('shop', 'api-1', { app: 'api' }),
  pod('shop', 'frontend-1', { app: 'frontend' }),
  pod('kube-system', 'coredns-1', { 'k8s-app': 'kube-dns' }),
];
const ctx = { tiers: new Set(['default', 'security']), endpoints };

// The reference's examples, as written there.
const defaultDeny = {
  metadata: { name: 'default-deny' },
  spec: {
    tier: 'default',
    order: 2000,
    selector: "projectcalico.org/namespace not in {'kube-system','calico-system'}",
    types: ['Ingress', 'Egress'],
    egress: [
      { action: 'Allow' as const, protocol: 'UDP', destination: { selector: "k8s-app == 'kube-dns'", ports: [53] } },
    ],
  },
};
const allowFrontendToApi = {
  metadata: { name: 'allow-frontend-to-api', namespace: 'shop' },
  spec: {
    tier: 'default',
    order: 100,
    selector: "app == 'api'",
    types: ['Ingress'],
    ingress: [
      {
        action: 'Allow' as const,
        protocol: 'TCP',
        source: { selector: "app == 'frontend'" },
        destination: { ports: [8080] },
      },
    ],
  },
};

describe('policies', () => {
  const cases: Array<[string, PolicyPlural, object, { status: string; reason: string }]> = [
    ['reference default-deny', 'globalnetworkpolicies', defaultDeny, { status: 'Healthy', reason: 'Enforced' }],
    [
      'reference allow-frontend-to-api',
      'networkpolicies',
      allowFrontendToApi,
      { status: 'Healthy', reason: 'Enforced' },
    ],
    [
      'no order (evaluated last)',
      'networkpolicies',
      { metadata: { name: 'x', namespace: 'shop' }, spec: { selector: "app == 'api'" } },
      { status: 'Degraded', reason: 'Enforced; no order: evaluated last in tier "default"' },
    ],
    [
      'selects no endpoint',
      'networkpolicies',
      { metadata: { name: 'x', namespace: 'analytics' }, spec: { order: 1, selector: "app == 'legacy-batch'" } },
      { status: 'Degraded', reason: 'Enforced; the selector matches no endpoint' },
    ],
    [
      'a missing tier',
      'globalnetworkpolicies',
      { metadata: { name: 'platform.x' }, spec: { tier: 'platform', order: 1, selector: 'all()' } },
      { status: 'Degraded', reason: 'Enforced; tier "platform" does not exist' },
    ],
    [
      'staged',
      'stagednetworkpolicies',
      { metadata: { name: 'x', namespace: 'shop' }, spec: { stagedAction: 'Set', order: 5, selector: "app == 'api'" } },
      { status: 'Healthy', reason: 'Staged: not enforced' },
    ],
    [
      'staged delete (selects nothing by design)',
      'stagedglobalnetworkpolicies',
      { metadata: { name: 'x' }, spec: { stagedAction: 'Delete', order: 5, selector: "app == 'none'" } },
      { status: 'Healthy', reason: 'Staged (Delete): not enforced' },
    ],
    [
      'an invalid selector',
      'networkpolicies',
      { metadata: { name: 'x', namespace: 'shop' }, spec: { order: 1, selector: 'app = api' } },
      { status: 'Failed', reason: 'Invalid selector: unexpected character "=" at 4' },
    ],
    [
      'a Kubernetes NetworkPolicy (order 1000 in the default tier)',
      'kubernetesnetworkpolicies',
      { metadata: { name: 'np', namespace: 'shop' }, spec: { podSelector: { matchLabels: { app: 'frontend' } } } },
      { status: 'Healthy', reason: 'Enforced' },
    ],
  ];
  it.each(cases)('%s', (_title, plural, object, expected) => {
    expect(policyHealth(policyEntry(plural, object as never), ctx)).toEqual(expected);
  });

  it('judges the object alone without a context', () => {
    const e = policyEntry('globalnetworkpolicies', {
      metadata: { name: 'p' },
      spec: { tier: 'gone', order: 1, selector: "a == 'b'" },
    });
    expect(policyHealth(e)).toEqual({ status: 'Healthy', reason: 'Enforced' });
  });

  it('counts what a global policy selects across namespaces, with its namespaceSelector', () => {
    expect(selectedCount(policyEntry('globalnetworkpolicies', defaultDeny), endpoints)).toBe(2);
    const onlyShop = {
      metadata: { name: 'p' },
      spec: { selector: 'all()', namespaceSelector: "projectcalico.org/name == 'shop'" },
    };
    expect(selectedCount(policyEntry('globalnetworkpolicies', onlyShop), endpoints)).toBe(2);
  });
});

const block = (cidr: string, node: string, used: number, size = 64): IPAMBlock => ({
  metadata: { name: cidr.replace(/[./]/g, '-') },
  spec: { cidr, affinity: `host:${node}`, allocations: Array.from({ length: size }, (_, i) => (i < used ? i : null)) },
});

describe('IP pools', () => {
  const reference: IPPool = {
    metadata: { name: 'default-ipv4-ippool' },
    spec: {
      cidr: '10.244.0.0/16',
      blockSize: 26,
      ipipMode: 'Never',
      vxlanMode: 'CrossSubnet',
      natOutgoing: true,
      nodeSelector: 'all()',
    },
    status: { conditions: [cond('Allocatable', 'True', 'OK')] },
  };
  const small: IPPool = {
    metadata: { name: 'small' },
    spec: { cidr: '10.9.0.0/24', blockSize: 26 },
    status: { conditions: [cond('Allocatable', 'True', 'OK')] },
  };
  const cases: Array<[string, IPPool, IPAMBlock[], { status: string; reason: string }]> = [
    [
      'reference default pool',
      reference,
      [block('10.244.0.0/26', 'n1', 3)],
      { status: 'Healthy', reason: 'Allocatable, 1 of 1024 blocks claimed' },
    ],
    [
      'disabled takes precedence over not allocatable (the demo legacy pool)',
      {
        ...reference,
        spec: { ...reference.spec, disabled: true },
        status: { conditions: [cond('Allocatable', 'False', 'PoolDisabled', 'IP pool is disabled')] },
      },
      [],
      { status: 'Paused', reason: 'Disabled: no new addresses are allocated from it (existing ones are kept)' },
    ],
    [
      'not allocatable (overlap)',
      { ...reference, status: { conditions: [cond('Allocatable', 'False', 'CIDROverlap', 'overlaps pool other')] } },
      [],
      { status: 'Degraded', reason: 'Not allocatable: overlaps pool other' },
    ],
    [
      'every block claimed (>90%)',
      small,
      ['10.9.0.0/26', '10.9.0.64/26', '10.9.0.128/26', '10.9.0.192/26'].map((c) => block(c, 'n1', 1)),
      { status: 'Degraded', reason: '4 of 4 blocks claimed (100%)' },
    ],
    [
      'blocks of another pool do not count',
      small,
      [block('10.244.0.0/26', 'n1', 64), block('10.9.0.0/26', 'n2', 64)],
      { status: 'Healthy', reason: 'Allocatable, 1 of 4 blocks claimed' },
    ],
  ];
  it.each(cases)('%s', (_t, pool, blocks, expected) => {
    expect(ipPoolHealth(pool, { blocks })).toEqual(expected);
  });

  it('measures utilisation from the blocks inside the pool', () => {
    const u = poolUsage(reference, [
      block('10.244.0.0/26', 'n1', 3),
      block('10.244.1.0/26', 'n2', 10),
      block('10.245.0.0/26', 'n3', 64),
    ]);
    expect(u).toMatchObject({
      blocks: 1024,
      blocksClaimed: 2,
      addressesInBlocks: 128,
      addressesUsed: 13,
      capacity: 65536,
    });
    expect(u?.nodes).toEqual([
      { node: 'n1', blocks: 1, addressesUsed: 3 },
      { node: 'n2', blocks: 1, addressesUsed: 10 },
    ]);
    const v6 = poolUsage({ metadata: { name: 'v6' }, spec: { cidr: 'fd00:10:244::/64', blockSize: 122 } }, [
      { metadata: { name: 'b' }, spec: { cidr: 'fd00:10:244::40/122', allocations: [1, null] } },
      { metadata: { name: 'c' }, spec: { cidr: 'fd00:10:245::/122', allocations: [1] } },
    ]);
    expect(v6).toMatchObject({ blocksClaimed: 1, addressesUsed: 1, blocks: 2 ** 58 });
  });
});

describe('TigeraStatus', () => {
  it.each([
    [
      'reference calico',
      [cond('Available', 'True', 'AllObjectsAvailable'), cond('Degraded', 'False')],
      { status: 'Healthy', reason: 'AllObjectsAvailable' },
    ],
    [
      'degraded wins',
      [
        cond('Available', 'True'),
        cond('Progressing', 'True'),
        cond('Degraded', 'True', 'PodFailure', 'calico-node crashlooping'),
      ],
      { status: 'Failed', reason: 'calico-node crashlooping' },
    ],
    [
      'progressing',
      [cond('Available', 'True'), cond('Progressing', 'True', 'Upgrading')],
      { status: 'Progressing', reason: 'Upgrading' },
    ],
    [
      'not available',
      [cond('Available', 'False', 'ResourceNotReady')],
      { status: 'Unknown', reason: 'ResourceNotReady' },
    ],
    ['no status', [], { status: 'Unknown', reason: 'No status reported yet' }],
  ])('%s', (_t, conditions, expected) => {
    expect(tigeraStatusHealth({ status: { conditions } })).toEqual(expected);
  });
});

describe('BGP', () => {
  const status = (peers: Array<{ peerIP: string; state: string }>, bird = 'Ready'): CalicoNodeStatus => ({
    metadata: { name: 'n1-status' },
    spec: { node: 'n1' },
    status: { lastUpdated: '2026-01-01T00:00:00Z', agent: { birdV4: { state: bird } }, bgp: { peersV4: peers } },
  });
  it.each([
    [
      'all established',
      status([{ peerIP: '10.0.0.2', state: 'Established' }]),
      { status: 'Healthy', reason: '1 BGP peer established' },
    ],
    [
      'a peer not established',
      status([
        { peerIP: '10.0.0.2', state: 'Established' },
        { peerIP: '10.0.0.3', state: 'Connect' },
      ]),
      { status: 'Degraded', reason: 'peer 10.0.0.3 is Connect' },
    ],
    ['BIRD not ready', status([], 'NotReady'), { status: 'Degraded', reason: 'BIRD is NotReady' }],
    [
      'not reported yet',
      { metadata: { name: 's' }, spec: { node: 'n2' } },
      { status: 'Progressing', reason: 'Waiting for calico-node on n2 to report' },
    ],
  ])('CalicoNodeStatus: %s', (_t, s, expected) => {
    expect(nodeStatusHealth(s as CalicoNodeStatus)).toEqual(expected);
  });

  it('judges a BGPPeer by the sessions the nodes report', () => {
    const statuses = [status([{ peerIP: '192.0.2.1', state: 'Active' }])];
    expect(
      bgpPeerHealth({ metadata: { name: 'tor' }, spec: { peerIP: '192.0.2.1', asNumber: 64512 } }, { statuses }),
    ).toEqual({
      status: 'Degraded',
      reason: 'Session Active on 1 node(s)',
    });
    expect(
      bgpPeerHealth({ metadata: { name: 'x' }, spec: { peerIP: '192.0.2.9', asNumber: 64512 } }, { statuses }).status,
    ).toBe('Healthy');
  });

  it('judges a HostEndpoint by its node', () => {
    const hep = { metadata: { name: 'n1-eth0' }, spec: { node: 'n1', interfaceName: '*' } };
    expect(hostEndpointHealth(hep, { nodes: new Set(['n1']) })).toEqual({
      status: 'Healthy',
      reason: 'n1, all interfaces',
    });
    expect(hostEndpointHealth(hep, { nodes: new Set() })).toEqual({
      status: 'Degraded',
      reason: 'Node n1 does not exist',
    });
  });
});
