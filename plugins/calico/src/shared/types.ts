/** Calico's objects (projectcalico.org/v3, operators.md §5) as the plugin reads them: only the fields it uses. */
import type { OperatorObject } from '@argus/plugin-sdk';

export const CALICO_GROUP = 'projectcalico.org';
export const CALICO_VERSION = 'v3';
/** Calico's internal storage group: read-only, and only for IPAMBlocks (operators.md §5). */
export const CALICO_CRD_GROUP = 'crd.projectcalico.org';
export const TIGERA_GROUP = 'operator.tigera.io';

export type RuleAction = 'Allow' | 'Deny' | 'Log' | 'Pass';

export interface EntityRule {
  selector?: string;
  namespaceSelector?: string;
  serviceAccounts?: { names?: string[]; selector?: string };
  nets?: string[];
  notNets?: string[];
  ports?: Array<number | string>;
  notPorts?: Array<number | string>;
}

export interface PolicyRule {
  action: RuleAction;
  protocol?: string;
  source?: EntityRule;
  destination?: EntityRule;
}

export interface PolicySpec {
  tier?: string;
  order?: number;
  selector?: string;
  namespaceSelector?: string;
  serviceAccountSelector?: string;
  types?: string[];
  ingress?: PolicyRule[];
  egress?: PolicyRule[];
  doNotTrack?: boolean;
  preDNAT?: boolean;
  applyOnForward?: boolean;
  stagedAction?: 'Set' | 'Delete';
}

export interface CalicoPolicy extends OperatorObject {
  spec?: PolicySpec;
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }>;
}

/** A Kubernetes NetworkPolicy (networking.k8s.io/v1), or the spec of a StagedKubernetesNetworkPolicy. */
export interface KubePolicySpec {
  podSelector?: LabelSelector;
  policyTypes?: string[];
  ingress?: unknown[];
  egress?: unknown[];
  stagedAction?: 'Set' | 'Delete';
}

export interface KubePolicy extends OperatorObject {
  spec?: KubePolicySpec;
}

export interface Tier extends OperatorObject {
  spec?: { order?: number; defaultAction?: 'Deny' | 'Pass' };
}

export interface IPPool extends OperatorObject {
  spec?: {
    cidr?: string;
    blockSize?: number;
    ipipMode?: string;
    vxlanMode?: string;
    natOutgoing?: boolean;
    disabled?: boolean;
    nodeSelector?: string;
    allowedUses?: string[];
  };
}

export interface IPAMBlock extends OperatorObject {
  spec?: { cidr?: string; affinity?: string; allocations?: Array<number | null>; deleted?: boolean };
}

export interface HostEndpoint extends OperatorObject {
  spec?: { node?: string; interfaceName?: string; expectedIPs?: string[]; profiles?: string[] };
}

export interface NetworkSet extends OperatorObject {
  spec?: { nets?: string[]; allowedEgressDomains?: string[] };
}

export interface BgpPeerStatus {
  peerIP?: string;
  type?: string;
  state?: string;
  since?: string;
}

export interface CalicoNodeStatus extends OperatorObject {
  spec?: { node?: string; classes?: string[]; updatePeriodSeconds?: number };
  status?: {
    lastUpdated?: string;
    agent?: { birdV4?: { state?: string; version?: string; routerID?: string } };
    bgp?: {
      numberEstablishedV4?: number;
      numberNotEstablishedV4?: number;
      peersV4?: BgpPeerStatus[];
      peersV6?: BgpPeerStatus[];
    };
    routes?: { routesV4?: unknown[] };
  };
}

export interface BGPConfiguration extends OperatorObject {
  spec?: {
    asNumber?: number;
    nodeToNodeMeshEnabled?: boolean;
    logSeverityScreen?: string;
    serviceClusterIPs?: Array<{ cidr: string }>;
    serviceExternalIPs?: Array<{ cidr: string }>;
    listenPort?: number;
  };
}

export interface BGPPeer extends OperatorObject {
  spec?: { peerIP?: string; asNumber?: number; node?: string; nodeSelector?: string; peerSelector?: string };
}

export interface FelixConfiguration extends OperatorObject {
  spec?: Record<string, unknown>;
}

export interface PodLike {
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: { serviceAccountName?: string; nodeName?: string; hostNetwork?: boolean };
  status?: { podIP?: string; phase?: string };
}

export interface NamedLabels {
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
}

export interface OperatorCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}
