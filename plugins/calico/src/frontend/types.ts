/** What the Calico pages read: the toolkit's items and the plugin's own routes' answers (types only). */
import type { OperatorActionInfo } from '@argus/plugin-sdk/frontend';
import type { Health } from '@argus/ui';
import type { PodPolicies, PolicyView, StagedList, TierView } from '../backend/schemas';
import type { PoolUsage } from '../shared/ipam';

export type { PodPolicies, PolicyView, PoolUsage, StagedList, TierView };
export type ActionInfo = OperatorActionInfo;

export const CALICO = { group: 'projectcalico.org', version: 'v3' } as const;

export interface Item<S = Record<string, unknown>> {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; creationTimestamp?: string };
  // biome-ignore lint/suspicious/noExplicitAny: Calico's specs are shown as they are
  spec?: any;
  // biome-ignore lint/suspicious/noExplicitAny: likewise for status
  status?: any;
  health: Health;
  summary: S;
}

export interface Detail<S = Record<string, unknown>> extends Item<S> {
  actions: ActionInfo[];
}

export interface PoolSummary {
  cidr: string | null;
  blockSize: number | null;
  encapsulation: string;
  natOutgoing: boolean;
  disabled: boolean;
  nodeSelector: string;
  usage: PoolUsage | null;
}

export interface NodeStatusSummary {
  node: string | null;
  bird: string | null;
  established: number | null;
  notEstablished: number | null;
  peers: Array<{ peerIP?: string; type?: string; state?: string; since?: string }>;
  lastUpdated: string | null;
}

export const objectKey = (o: { metadata: { name: string; namespace?: string } }) =>
  `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
