/**
 * Calico's kinds as the operator toolkit serves them (all `projectcalico.org/v3`, plus the operator's
 * TigeraStatus): health by the reference's rules with the context they need (tiers and endpoints for
 * policies, IPAM blocks for pools, nodes' BGP sessions for peers), a table summary, and the actions.
 */
import { defineOperatorKind, health, type KindContextLoad, type OperatorObject } from '@argus/plugin-sdk';
import {
  bgpPeerHealth,
  hostEndpointHealth,
  ipPoolHealth,
  nodeStatusHealth,
  type PolicyContext,
  policyHealth,
  selectedCount,
  tigeraStatusHealth,
} from '../shared/health.js';
import { poolUsage } from '../shared/ipam.js';
import { type PolicyPlural, policyEntry } from '../shared/policies.js';
import {
  type BGPConfiguration,
  type BGPPeer,
  CALICO_CRD_GROUP,
  CALICO_GROUP,
  CALICO_VERSION,
  type CalicoNodeStatus,
  type CalicoPolicy,
  type HostEndpoint,
  type IPAMBlock,
  type IPPool,
  type NetworkSet,
  TIGERA_GROUP,
  type Tier,
} from '../shared/types.js';
import { disablePool, enablePool, promoteStaged, stageCopy, stageDelete } from './actions.js';
import { calicoRef, loadEndpoints, loadTiers } from './cluster-state.js';

const base = { group: CALICO_GROUP, version: CALICO_VERSION } as const;

async function policyContext({ cache, clusterId }: KindContextLoad): Promise<PolicyContext> {
  const [tiers, endpoints] = await Promise.all([loadTiers(cache, clusterId), loadEndpoints(cache, clusterId)]);
  return { tiers: new Set(tiers.map((t) => t.metadata.name)), endpoints };
}

function policyKind(plural: Exclude<PolicyPlural, 'kubernetesnetworkpolicies'>, kind: string, namespaced: boolean) {
  const staged = plural.startsWith('staged');
  return defineOperatorKind<CalicoPolicy, PolicyContext>({
    ...base,
    plural,
    kind,
    namespaced,
    context: policyContext,
    health: (o, ctx) => policyHealth(policyEntry(plural, o), ctx),
    summary: (o, ctx) => {
      const e = policyEntry(plural, o);
      return {
        calicoName: e.calicoName,
        tier: e.tier,
        order: e.order,
        selector: e.selector,
        types: e.types,
        stagedAction: e.stagedAction,
        ingressRules: e.ingress.length,
        egressRules: e.egress.length,
        selected: ctx ? selectedCount(e, ctx.endpoints) : null,
      };
    },
    actions: staged ? { promote: promoteStaged } : { stage: stageCopy, 'stage-delete': stageDelete },
  });
}

export const networkPolicies = policyKind('networkpolicies', 'NetworkPolicy', true);
export const globalNetworkPolicies = policyKind('globalnetworkpolicies', 'GlobalNetworkPolicy', false);
export const stagedNetworkPolicies = policyKind('stagednetworkpolicies', 'StagedNetworkPolicy', true);
export const stagedGlobalNetworkPolicies = policyKind(
  'stagedglobalnetworkpolicies',
  'StagedGlobalNetworkPolicy',
  false,
);
export const stagedKubernetesNetworkPolicies = policyKind(
  'stagedkubernetesnetworkpolicies',
  'StagedKubernetesNetworkPolicy',
  true,
);

export const tiers = defineOperatorKind<Tier>({
  ...base,
  plural: 'tiers',
  kind: 'Tier',
  namespaced: false,
  health: (t) =>
    health('Healthy', `Order ${t.spec?.order ?? 'unset (last)'}, default action ${t.spec?.defaultAction ?? 'Deny'}`),
  summary: (t) => ({ order: t.spec?.order ?? null, defaultAction: t.spec?.defaultAction ?? 'Deny' }),
});

const netSet = (plural: string, kind: string, namespaced: boolean) =>
  defineOperatorKind<NetworkSet>({
    ...base,
    plural,
    kind,
    namespaced,
    health: (s) =>
      (s.spec?.nets?.length ?? 0) + (s.spec?.allowedEgressDomains?.length ?? 0) > 0
        ? health('Healthy', `${s.spec?.nets?.length ?? 0} nets`)
        : health('Degraded', 'No nets and no domains: matches nothing'),
    summary: (s) => ({ nets: s.spec?.nets ?? [], domains: s.spec?.allowedEgressDomains ?? [] }),
  });
export const networkSets = netSet('networksets', 'NetworkSet', true);
export const globalNetworkSets = netSet('globalnetworksets', 'GlobalNetworkSet', false);

export const hostEndpoints = defineOperatorKind<HostEndpoint, { nodes: Set<string> }>({
  ...base,
  plural: 'hostendpoints',
  kind: 'HostEndpoint',
  namespaced: false,
  context: async ({ cache, clusterId }) => ({
    nodes: new Set((await cache.list(clusterId, { group: '', version: 'v1', resource: 'nodes' })).map((n) => n.name)),
  }),
  health: hostEndpointHealth,
  summary: (h) => ({
    node: h.spec?.node ?? null,
    interfaceName: h.spec?.interfaceName ?? null,
    expectedIPs: h.spec?.expectedIPs ?? [],
  }),
});

const IPAM_BLOCKS = { group: CALICO_CRD_GROUP, version: 'v1', resource: 'ipamblocks' };

export const ipPools = defineOperatorKind<IPPool, { blocks: IPAMBlock[] }>({
  ...base,
  plural: 'ippools',
  kind: 'IPPool',
  namespaced: false,
  // IPAM blocks exist only in Calico's storage group: read-only, as operators.md §5 allows.
  context: async ({ cache, clusterId }) => ({
    blocks: (await cache.list(clusterId, IPAM_BLOCKS)).map((b) => b.object() as IPAMBlock),
  }),
  health: ipPoolHealth,
  summary: (p, ctx) => ({
    cidr: p.spec?.cidr ?? null,
    blockSize: p.spec?.blockSize ?? null,
    encapsulation:
      p.spec?.vxlanMode && p.spec.vxlanMode !== 'Never'
        ? `VXLAN ${p.spec.vxlanMode}`
        : p.spec?.ipipMode && p.spec.ipipMode !== 'Never'
          ? `IPIP ${p.spec.ipipMode}`
          : 'None',
    natOutgoing: p.spec?.natOutgoing ?? false,
    disabled: p.spec?.disabled ?? false,
    nodeSelector: p.spec?.nodeSelector ?? 'all()',
    usage: ctx ? poolUsage(p, ctx.blocks) : null,
  }),
  actions: { disable: disablePool, enable: enablePool },
});

export const nodeStatuses = defineOperatorKind<CalicoNodeStatus>({
  ...base,
  plural: 'caliconodestatuses',
  kind: 'CalicoNodeStatus',
  namespaced: false,
  health: nodeStatusHealth,
  summary: (s) => ({
    node: s.spec?.node ?? null,
    bird: s.status?.agent?.birdV4?.state ?? null,
    established: s.status?.bgp?.numberEstablishedV4 ?? null,
    notEstablished: s.status?.bgp?.numberNotEstablishedV4 ?? null,
    peers: [...(s.status?.bgp?.peersV4 ?? []), ...(s.status?.bgp?.peersV6 ?? [])],
    lastUpdated: s.status?.lastUpdated ?? null,
  }),
});

export const bgpConfigurations = defineOperatorKind<BGPConfiguration>({
  ...base,
  plural: 'bgpconfigurations',
  kind: 'BGPConfiguration',
  namespaced: false,
  health: (c) =>
    health(
      'Healthy',
      `AS ${c.spec?.asNumber ?? 64512}, node-to-node mesh ${c.spec?.nodeToNodeMeshEnabled === false ? 'off' : 'on'}`,
    ),
  summary: (c) => ({
    asNumber: c.spec?.asNumber ?? 64512,
    nodeToNodeMesh: c.spec?.nodeToNodeMeshEnabled !== false,
    serviceClusterIPs: (c.spec?.serviceClusterIPs ?? []).map((s) => s.cidr),
  }),
});

export const bgpPeers = defineOperatorKind<BGPPeer, { statuses: CalicoNodeStatus[] }>({
  ...base,
  plural: 'bgppeers',
  kind: 'BGPPeer',
  namespaced: false,
  context: async ({ cache, clusterId }) => ({
    statuses: (await cache.list(clusterId, calicoRef('caliconodestatuses'))).map((s) => s.object() as CalicoNodeStatus),
  }),
  health: bgpPeerHealth,
  summary: (p) => ({
    peerIP: p.spec?.peerIP ?? null,
    asNumber: p.spec?.asNumber ?? null,
    node: p.spec?.node ?? null,
    nodeSelector: p.spec?.nodeSelector ?? null,
  }),
});

export const felixConfigurations = defineOperatorKind<OperatorObject>({
  ...base,
  plural: 'felixconfigurations',
  kind: 'FelixConfiguration',
  namespaced: false,
  health: (f) => health('Healthy', f.spec?.bpfEnabled ? 'eBPF data plane' : 'iptables/nftables data plane'),
  summary: (f) => ({ bpfEnabled: f.spec?.bpfEnabled ?? false, logSeverityScreen: f.spec?.logSeverityScreen ?? 'Info' }),
});

export const tigeraStatuses = defineOperatorKind<OperatorObject>({
  group: TIGERA_GROUP,
  version: 'v1',
  plural: 'tigerastatuses',
  kind: 'TigeraStatus',
  namespaced: false,
  health: tigeraStatusHealth,
});

export const CALICO_KINDS = [
  tiers,
  networkPolicies,
  globalNetworkPolicies,
  stagedNetworkPolicies,
  stagedGlobalNetworkPolicies,
  stagedKubernetesNetworkPolicies,
  networkSets,
  globalNetworkSets,
  hostEndpoints,
  ipPools,
  nodeStatuses,
  bgpConfigurations,
  bgpPeers,
  felixConfigurations,
  tigeraStatuses,
];
