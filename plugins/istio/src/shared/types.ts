/** The Istio objects the plugin reads (the fields it shows and checks), and its validation messages. */
import type { OperatorObject } from '@argus/plugin-sdk';

export const NET = 'networking.istio.io';
export const SEC = 'security.istio.io';
/** The preferred version of every kind but EnvoyFilter (served since Istio 1.22; v1beta1 is still served). */
export const V1 = 'v1';
export const ENVOYFILTER_VERSION = 'v1alpha3';
/** Istio's root namespace: policies here without a selector apply mesh-wide. */
export const ROOT_NAMESPACE = 'istio-system';

export type Level = 'ERROR' | 'WARNING' | 'INFO';

/** One validation message: from the object's `status.validationMessages` or from Argus's own offline checks. */
export interface ValidationMessage {
  code: string;
  name: string;
  level: Level;
  message: string;
  source: 'status' | 'argus';
}

export interface PortSelector {
  number?: number;
}
export interface Destination {
  host: string;
  subset?: string;
  port?: PortSelector;
}
export interface RouteDestination {
  destination: Destination;
  weight?: number;
}
export interface HttpRoute {
  name?: string;
  match?: unknown[];
  route?: RouteDestination[];
  timeout?: string;
  retries?: unknown;
}
export interface IstioStatus {
  validationMessages?: Array<{ type?: { code?: string; name?: string }; level?: string; description?: string }>;
  conditions?: Array<{ type: string; status: string; reason?: string; message?: string }>;
  observedGeneration?: number | string;
}

export interface VirtualService extends OperatorObject {
  spec: { hosts?: string[]; gateways?: string[]; http?: HttpRoute[]; tls?: HttpRoute[]; tcp?: HttpRoute[] };
  status?: IstioStatus;
}
export interface DestinationRule extends OperatorObject {
  spec: {
    host?: string;
    subsets?: Array<{ name: string; labels?: Record<string, string> }>;
    trafficPolicy?: { tls?: { mode?: string }; outlierDetection?: unknown };
  };
  status?: IstioStatus;
}
export interface Gateway extends OperatorObject {
  spec: {
    selector?: Record<string, string>;
    servers?: Array<{
      port?: { number?: number; name?: string; protocol?: string };
      hosts?: string[];
      tls?: { mode?: string; credentialName?: string };
    }>;
  };
  status?: IstioStatus;
}
export interface ServiceEntry extends OperatorObject {
  spec: { hosts?: string[]; location?: string; resolution?: string };
  status?: IstioStatus;
}
export interface WorkloadPolicy extends OperatorObject {
  spec: {
    selector?: { matchLabels?: Record<string, string> };
    workloadSelector?: { labels?: Record<string, string> };
    action?: string;
    mtls?: { mode?: string };
    jwtRules?: unknown[];
  };
  status?: IstioStatus;
}

export interface CoreService {
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: { selector?: Record<string, string>; ports?: Array<{ name?: string; port: number }> };
}
export interface CorePod {
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: { containers?: Array<{ name: string }>; initContainers?: Array<{ name: string }> };
  status?: { phase?: string };
}

/** Everything the offline checks look at (one cluster, all namespaces). */
export interface MeshSnapshot {
  virtualServices: VirtualService[];
  destinationRules: DestinationRule[];
  gateways: Gateway[];
  serviceEntries: ServiceEntry[];
  services: CoreService[];
  pods: CorePod[];
}

export const keyOf = (kind: string, o: { metadata: { namespace?: string; name: string } }) =>
  `${kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
