/**
 * Calico. On a real cluster `projectcalico.org/v3` is served by the Calico API server (an aggregated
 * APIService, the operator default) or, from 3.32 as a tech preview, by native v3 CRDs; the
 * `crd.projectcalico.org/v1` CRDs are Calico's internal storage. The simulator has no aggregation
 * layer, so it serves `projectcalico.org/v3` through CRDs (group projectcalico.org, version v3) —
 * discovery then looks like the native-v3-CRD mode. Only IPAMBlocks are also offered as
 * `crd.projectcalico.org/v1` (the read-only fallback operators.md mentions).
 */
import type { ScenarioBuilder } from '../builder.js';
import { AGE_COLUMN, addCrd, type FieldType } from './crd.js';

export function addCalicoCrds(b: ScenarioBuilder): void {
  const policy: Record<string, FieldType> = {
    tier: 'string',
    order: 'number',
    selector: 'string',
    types: 'string[]',
    ingress: 'array',
    egress: 'array',
    serviceAccountSelector: 'string',
    performanceHints: 'string[]',
  };
  const global: Record<string, FieldType> = {
    ...policy,
    namespaceSelector: 'string',
    doNotTrack: 'boolean',
    preDNAT: 'boolean',
    applyOnForward: 'boolean',
  };
  const kinds: [string, string, 'Namespaced' | 'Cluster', string[], Record<string, FieldType>][] = [
    ['NetworkPolicy', 'networkpolicies', 'Namespaced', ['cnp', 'caliconetworkpolicy', 'caliconetworkpolicies'], policy],
    ['GlobalNetworkPolicy', 'globalnetworkpolicies', 'Cluster', ['gnp', 'cgnp', 'calicoglobalnetworkpolicies'], global],
    ['StagedNetworkPolicy', 'stagednetworkpolicies', 'Namespaced', [], { ...policy, stagedAction: 'string' }],
    ['StagedGlobalNetworkPolicy', 'stagedglobalnetworkpolicies', 'Cluster', [], { ...global, stagedAction: 'string' }],
    [
      'StagedKubernetesNetworkPolicy',
      'stagedkubernetesnetworkpolicies',
      'Namespaced',
      [],
      { stagedAction: 'string', podSelector: 'object', ingress: 'array', egress: 'array', policyTypes: 'string[]' },
    ],
    ['Tier', 'tiers', 'Cluster', [], { order: 'number', defaultAction: 'string' }],
    [
      'HostEndpoint',
      'hostendpoints',
      'Cluster',
      ['hep', 'heps'],
      { node: 'string', interfaceName: 'string', expectedIPs: 'string[]', profiles: 'string[]', ports: 'array' },
    ],
    [
      'IPPool',
      'ippools',
      'Cluster',
      [],
      {
        cidr: 'string',
        blockSize: 'integer',
        ipipMode: 'string',
        vxlanMode: 'string',
        natOutgoing: 'boolean',
        disabled: 'boolean',
        nodeSelector: 'string',
        allowedUses: 'string[]',
        assignmentMode: 'string',
      },
    ],
    ['GlobalNetworkSet', 'globalnetworksets', 'Cluster', [], { nets: 'string[]', allowedEgressDomains: 'string[]' }],
    ['NetworkSet', 'networksets', 'Namespaced', ['netsets'], { nets: 'string[]', allowedEgressDomains: 'string[]' }],
    [
      'CalicoNodeStatus',
      'caliconodestatuses',
      'Cluster',
      ['caliconodestatus'],
      { node: 'string', classes: 'string[]', updatePeriodSeconds: 'integer' },
    ],
    [
      'BGPConfiguration',
      'bgpconfigurations',
      'Cluster',
      ['bgpconfig', 'bgpconfigs'],
      { asNumber: 'integer', nodeToNodeMeshEnabled: 'boolean', logSeverityScreen: 'string' },
    ],
    [
      'BGPPeer',
      'bgppeers',
      'Cluster',
      [],
      { peerIP: 'string', asNumber: 'integer', node: 'string', nodeSelector: 'string' },
    ],
    [
      'FelixConfiguration',
      'felixconfigurations',
      'Cluster',
      ['felixconfig', 'felixconfigs'],
      { logSeverityScreen: 'string', bpfEnabled: 'boolean', reportingInterval: 'string' },
    ],
  ];
  for (const [kind, plural, scope, shortNames, spec] of kinds) {
    addCrd(b, {
      group: 'projectcalico.org',
      kind,
      plural,
      scope,
      shortNames,
      categories: ['calico'],
      versions: [
        { name: 'v3', statusSubresource: kind === 'IPPool' || kind === 'CalicoNodeStatus', columns: [AGE_COLUMN] },
      ],
      spec,
      status: { conditions: 'array', agent: 'object', bgp: 'object', routes: 'object', lastUpdated: 'date-time' },
      annotations: {
        'argus.dev/sim-note': 'served by the Calico API server (aggregated) on real clusters; a CRD in kube-sim',
      },
    });
  }
  addCrd(b, {
    group: 'crd.projectcalico.org',
    kind: 'IPAMBlock',
    plural: 'ipamblocks',
    scope: 'Cluster',
    versions: [{ name: 'v1', statusSubresource: false }],
    spec: {
      cidr: 'string',
      affinity: 'string',
      allocations: 'array',
      unallocated: 'array',
      attributes: 'array',
      deleted: 'boolean',
      strictAffinity: 'boolean',
    },
  });
  addCrd(b, {
    group: 'operator.tigera.io',
    kind: 'TigeraStatus',
    plural: 'tigerastatuses',
    scope: 'Cluster',
    versions: [
      {
        name: 'v1',
        columns: [
          {
            name: 'Available',
            type: 'string',
            jsonPath: ".status.conditions[?(@.type=='Available')].status",
            description: 'Whether the component running and stable.',
          },
          {
            name: 'Progressing',
            type: 'string',
            jsonPath: ".status.conditions[?(@.type=='Progressing')].status",
            description: 'Whether the component is processing changes.',
          },
          {
            name: 'Degraded',
            type: 'string',
            jsonPath: ".status.conditions[?(@.type=='Degraded')].status",
            description: 'Whether the component is degraded.',
          },
          {
            name: 'Since',
            type: 'date',
            jsonPath: ".status.conditions[?(@.type=='Available')].lastTransitionTime",
            description: "The time the component's Available status last changed.",
          },
        ],
      },
    ],
    spec: {},
    status: { conditions: 'array' },
  });
}
