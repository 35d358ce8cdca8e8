/**
 * Istio's nine kinds as the operator toolkit serves them. Each is read at its preferred version (v1; EnvoyFilter
 * exists only as v1alpha3), so an object served under several versions is one row. Health: the status's
 * validation messages plus Argus's offline checks (for VirtualServices and DestinationRules, which the checks
 * cover); the summary carries the merged messages for the tables and the problems list.
 */
import { defineOperatorKind, type OperatorObject } from '@argus/plugin-sdk';
import { istioHealth, mergeMessages } from '../shared/health.js';
import {
  type DestinationRule,
  ENVOYFILTER_VERSION,
  type Gateway,
  type IstioStatus,
  keyOf,
  NET,
  SEC,
  type ServiceEntry,
  V1,
  type ValidationMessage,
  type VirtualService,
  type WorkloadPolicy,
} from '../shared/types.js';
import { setMtlsMode, setWeights } from './actions.js';
import { type CheckContext, loadChecks } from './snapshot.js';

interface IstioObject extends OperatorObject {
  status?: IstioStatus;
}

const messagesOf = (kind: string, o: IstioObject, ctx?: CheckContext): ValidationMessage[] =>
  mergeMessages(o.status, ctx?.messages.get(keyOf(kind, o)) ?? []);

const base = <T extends IstioObject>(
  group: string,
  plural: string,
  kind: string,
  summary: (o: T) => Record<string, unknown>,
  checked = false,
) =>
  defineOperatorKind<T, CheckContext>({
    group,
    version: kind === 'EnvoyFilter' ? ENVOYFILTER_VERSION : V1,
    plural,
    kind,
    namespaced: true,
    ...(checked ? { context: ({ cache, clusterId }) => loadChecks(cache, clusterId) } : {}),
    health: (o, ctx) => istioHealth(o.status, messagesOf(kind, o, ctx)),
    summary: (o, ctx) => ({ ...summary(o), messages: messagesOf(kind, o, ctx) }),
  });

const selectorText = (o: WorkloadPolicy) => {
  const labels = o.spec?.selector?.matchLabels ?? o.spec?.workloadSelector?.labels;
  return labels
    ? Object.entries(labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(',')
    : '';
};

export const virtualServices = {
  ...base<VirtualService>(
    NET,
    'virtualservices',
    'VirtualService',
    (vs) => ({
      hosts: vs.spec?.hosts ?? [],
      gateways: vs.spec?.gateways?.length ? vs.spec.gateways : ['mesh'],
      destinations: (vs.spec?.http ?? []).flatMap((r) =>
        (r.route ?? []).map(
          (d) =>
            `${d.destination.host}${d.destination.subset ? `/${d.destination.subset}` : ''}${d.weight !== undefined ? ` ${d.weight}%` : ''}`,
        ),
      ),
    }),
    true,
  ),
  actions: { 'set-weights': setWeights },
};

export const destinationRules = base<DestinationRule>(
  NET,
  'destinationrules',
  'DestinationRule',
  (dr) => ({
    host: dr.spec?.host ?? '',
    subsets: (dr.spec?.subsets ?? []).map((s) => s.name),
    tls: dr.spec?.trafficPolicy?.tls?.mode ?? '',
    outlierDetection: dr.spec?.trafficPolicy?.outlierDetection !== undefined,
  }),
  true,
);

export const gateways = base<Gateway>(NET, 'gateways', 'Gateway', (g) => ({
  selector: Object.entries(g.spec?.selector ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(','),
  servers: (g.spec?.servers ?? []).map((s) =>
    `${s.port?.protocol ?? ''} ${s.port?.number ?? ''} ${(s.hosts ?? []).join(',')}`.trim(),
  ),
  credentials: (g.spec?.servers ?? []).map((s) => s.tls?.credentialName).filter(Boolean),
}));

export const serviceEntries = base<ServiceEntry>(NET, 'serviceentries', 'ServiceEntry', (se) => ({
  hosts: se.spec?.hosts ?? [],
  location: se.spec?.location ?? '',
  resolution: se.spec?.resolution ?? '',
}));

export const sidecars = base<WorkloadPolicy>(NET, 'sidecars', 'Sidecar', (o) => ({ selector: selectorText(o) }));

export const envoyFilters = base<WorkloadPolicy>(NET, 'envoyfilters', 'EnvoyFilter', (o) => ({
  selector: selectorText(o),
}));

export const peerAuthentications = {
  ...base<WorkloadPolicy>(SEC, 'peerauthentications', 'PeerAuthentication', (o) => ({
    mode: o.spec?.mtls?.mode ?? 'UNSET',
    selector: selectorText(o),
  })),
  actions: { 'set-mtls-mode': setMtlsMode },
};

export const authorizationPolicies = base<WorkloadPolicy>(SEC, 'authorizationpolicies', 'AuthorizationPolicy', (o) => ({
  action: o.spec?.action ?? 'ALLOW',
  selector: selectorText(o),
}));

export const requestAuthentications = base<WorkloadPolicy>(
  SEC,
  'requestauthentications',
  'RequestAuthentication',
  (o) => ({ selector: selectorText(o), jwtRules: o.spec?.jwtRules?.length ?? 0 }),
);

export const ISTIO_KINDS = [
  virtualServices,
  destinationRules,
  gateways,
  serviceEntries,
  sidecars,
  peerAuthentications,
  authorizationPolicies,
  requestAuthentications,
  envoyFilters,
];
