/** Discovery as the UI uses it: what a cluster serves, grouped for the sidebar, and URL segments. */
import type { PrinterColumn } from '@argus/contracts';
import { isBuiltinGroup, resourceSegment } from '@argus/plugin-sdk/frontend';
import { groupPath } from './well-known';

export { groupPath, WELL_KNOWN } from './well-known';
// Shared with the plugins (links to the generic pages): one rule for URL segments.
export { isBuiltinGroup, resourceSegment };

export interface ApiResource {
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
  shortNames?: string[];
  preferred?: boolean;
  /** A custom resource's list columns (its CRD's additionalPrinterColumns). */
  printer_columns?: PrinterColumn[];
}

export type SidebarGroup = 'Workloads' | 'Network' | 'Config' | 'Storage' | 'Cluster' | 'Custom resources';

const BUILTIN_GROUPS: Record<string, SidebarGroup> = {
  pods: 'Workloads',
  deployments: 'Workloads',
  statefulsets: 'Workloads',
  daemonsets: 'Workloads',
  replicasets: 'Workloads',
  jobs: 'Workloads',
  cronjobs: 'Workloads',
  services: 'Network',
  ingresses: 'Network',
  ingressclasses: 'Network',
  networkpolicies: 'Network',
  // Gateway API (gateway.networking.k8s.io: a built-in-looking group, served by CRDs)
  gatewayclasses: 'Network',
  gateways: 'Network',
  httproutes: 'Network',
  grpcroutes: 'Network',
  referencegrants: 'Network',
  endpoints: 'Network',
  endpointslices: 'Network',
  configmaps: 'Config',
  secrets: 'Config',
  resourcequotas: 'Config',
  limitranges: 'Config',
  horizontalpodautoscalers: 'Config',
  poddisruptionbudgets: 'Config',
  priorityclasses: 'Config',
  persistentvolumeclaims: 'Storage',
  persistentvolumes: 'Storage',
  storageclasses: 'Storage',
  volumeattachments: 'Storage',
  csidrivers: 'Storage',
  nodes: 'Cluster',
  namespaces: 'Cluster',
  events: 'Cluster',
  serviceaccounts: 'Cluster',
  roles: 'Cluster',
  rolebindings: 'Cluster',
  clusterroles: 'Cluster',
  clusterrolebindings: 'Cluster',
  customresourcedefinitions: 'Cluster',
  leases: 'Cluster',
};

export const SIDEBAR_ORDER: SidebarGroup[] = [
  'Workloads',
  'Network',
  'Config',
  'Storage',
  'Cluster',
  'Custom resources',
];

export function isListable(r: ApiResource): boolean {
  return !r.resource.includes('/') && (r.verbs.length === 0 || r.verbs.includes('list'));
}

export function sidebarGroupOf(r: ApiResource): SidebarGroup | null {
  if (!isBuiltinGroup(r.group)) return 'Custom resources';
  if (r.group === 'events.k8s.io' || r.group === 'metrics.k8s.io') return null;
  return BUILTIN_GROUPS[r.resource] ?? null;
}

/** Finds the resource a URL segment names; for a plural, the preferred version of a built-in group wins. */
export function resolveSegment(resources: ApiResource[], segment: string): ApiResource | undefined {
  const seg = decodeURIComponent(segment);
  if (seg.includes('~')) {
    const [group, version, plural] = seg.split('~');
    return resources.find((r) => r.group === group && r.version === version && r.resource === plural);
  }
  const matches = resources.filter((r) => r.resource === seg && !r.resource.includes('/'));
  return (
    matches.find((r) => isBuiltinGroup(r.group) && r.preferred !== false && r.group !== 'events.k8s.io') ??
    matches.find((r) => isBuiltinGroup(r.group)) ??
    matches[0]
  );
}

export const apiVersionOf = (r: { group: string; version: string }) =>
  r.group === '' || r.group === 'core' ? r.version : `${r.group}/${r.version}`;

/** Kind → plural for owner links (owner references carry a kind, not a resource). */
export function pluralOfKind(resources: ApiResource[], apiVersion: string, kind: string): ApiResource | undefined {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  return (
    resources.find((r) => r.kind === kind && r.group === group && r.version === version && !r.resource.includes('/')) ??
    resources.find((r) => r.kind === kind && r.group === group && !r.resource.includes('/'))
  );
}

export const WORKLOAD_KINDS = new Set(['deployments', 'statefulsets', 'daemonsets', 'replicasets', 'jobs']);
export const SCALABLE = new Set(['deployments', 'statefulsets', 'replicasets']);
export const RESTARTABLE = new Set(['deployments', 'statefulsets', 'daemonsets']);

/** Paths of the REST API for a resource (`group` is `core` for the core group). */
export function collectionPath(clusterId: string, r: ApiResource): string {
  return `/api/clusters/${encodeURIComponent(clusterId)}/resources/${groupPath(r)}/${r.version}/${r.resource}`;
}

export function objectPath(clusterId: string, r: ApiResource, name: string, namespace?: string): string {
  const ns = r.namespaced && namespace ? `?namespace=${encodeURIComponent(namespace)}` : '';
  return `${collectionPath(clusterId, r)}/${encodeURIComponent(name)}${ns}`;
}

/** UI route of an object's detail page (`_` as namespace for cluster-scoped objects). */
export function detailHref(clusterId: string, segment: string, name: string, namespace?: string | null): string {
  return `/clusters/${encodeURIComponent(clusterId)}/${segment}/${encodeURIComponent(namespace || '_')}/${encodeURIComponent(name)}`;
}
