/** The shapes the frontend reads (the backend's schemas, as plain types: no runtime import). */
import type { OperatorActionInfo } from '@argus/plugin-sdk/frontend';
import type { Health } from '@argus/ui';
import type { MeshView, ServiceRouting, Topology, TrafficGraph } from '../backend/schemas';
import type { ValidationMessage } from '../shared/types';

export type { MeshView, ServiceRouting, Topology, TrafficGraph, ValidationMessage };

export interface Item {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; namespace?: string; resourceVersion?: string; generation?: number };
  // biome-ignore lint/suspicious/noExplicitAny: Istio specs are free-form
  spec?: any;
  health: Health;
  summary?: Record<string, unknown> & { messages?: ValidationMessage[] };
}

export interface Detail extends Item {
  actions: OperatorActionInfo[];
}

export interface Problem extends ValidationMessage {
  kind: string;
  plural: string;
  namespace: string;
  object: string;
}

export const keyOf = (i: Item) => `${i.metadata.namespace ?? ''}/${i.metadata.name}`;

/** The kinds with their pages, group and version (EnvoyFilter is v1alpha3 only). */
export const KINDS = [
  { plural: 'virtualservices', title: 'Virtual services', group: 'networking.istio.io', version: 'v1' },
  { plural: 'destinationrules', title: 'Destination rules', group: 'networking.istio.io', version: 'v1' },
  { plural: 'gateways', title: 'Gateways', group: 'networking.istio.io', version: 'v1' },
  { plural: 'serviceentries', title: 'Service entries', group: 'networking.istio.io', version: 'v1' },
  { plural: 'sidecars', title: 'Sidecars', group: 'networking.istio.io', version: 'v1' },
  { plural: 'peerauthentications', title: 'Peer authentications', group: 'security.istio.io', version: 'v1' },
  { plural: 'authorizationpolicies', title: 'Authorization policies', group: 'security.istio.io', version: 'v1' },
  { plural: 'requestauthentications', title: 'Request authentications', group: 'security.istio.io', version: 'v1' },
  { plural: 'envoyfilters', title: 'Envoy filters', group: 'networking.istio.io', version: 'v1alpha3' },
] as const;

export type KindInfo = (typeof KINDS)[number];

export const text = (v: unknown): string =>
  Array.isArray(v) ? v.map(String).join(', ') : v === undefined || v === null ? '' : String(v);
