/** The plugin's derived views, pure: mesh membership, what applies to a Service, and the config topology. */
import { boundToMesh, routesOf } from '../shared/checks.js';
import { istioHealth, mergeMessages } from '../shared/health.js';
import { fqdn, gatewayRef, selects } from '../shared/hosts.js';
import {
  type CorePod,
  type CoreService,
  keyOf,
  type MeshSnapshot,
  ROOT_NAMESPACE,
  type ValidationMessage,
  type WorkloadPolicy,
} from '../shared/types.js';
import type { MeshView, ServiceRouting, Topology } from './schemas.js';

export interface NamespaceObject {
  metadata: { name: string; labels?: Record<string, string> };
}
export interface DeploymentObject {
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: { replicas?: number; template?: { metadata?: { labels?: Record<string, string> } } };
  status?: { readyReplicas?: number };
}

export const hasSidecar = (p: CorePod) =>
  [...(p.spec?.containers ?? []), ...(p.spec?.initContainers ?? [])].some((c) => c.name === 'istio-proxy');

export function injectionOf(ns: NamespaceObject): {
  injection: MeshView['namespaces'][number]['injection'];
  revision: string | null;
} {
  const l = ns.metadata.labels ?? {};
  if (l['istio.io/dataplane-mode'] === 'ambient') return { injection: 'ambient', revision: null };
  if (l['istio-injection'] === 'enabled') return { injection: 'enabled', revision: null };
  if (l['istio.io/rev'] && l['istio-injection'] !== 'disabled')
    return { injection: 'revision', revision: l['istio.io/rev'] };
  return { injection: 'none', revision: null };
}

export function meshView(namespaces: NamespaceObject[], pods: CorePod[], istiod: DeploymentObject[]): MeshView {
  const byNs = new Map<string, CorePod[]>();
  for (const p of pods) byNs.set(p.metadata.namespace ?? '', [...(byNs.get(p.metadata.namespace ?? '') ?? []), p]);
  const rows: MeshView['namespaces'] = [];
  for (const ns of namespaces) {
    const { injection, revision } = injectionOf(ns);
    const list = byNs.get(ns.metadata.name) ?? [];
    const withSidecar = list.filter(hasSidecar);
    if (injection === 'none' && withSidecar.length === 0) continue;
    rows.push({
      name: ns.metadata.name,
      injection,
      revision,
      pods: list.length,
      withSidecar: withSidecar.length,
      withoutSidecar:
        injection === 'enabled' || injection === 'revision'
          ? list.filter((p) => !hasSidecar(p)).map((p) => p.metadata.name)
          : [],
    });
  }
  rows.sort((a, b) => a.name.localeCompare(b.name));
  const d = istiod[0];
  return {
    istiod: {
      found: d !== undefined,
      ready: istiod.reduce((n, x) => n + (x.status?.readyReplicas ?? 0), 0),
      desired: istiod.reduce((n, x) => n + (x.spec?.replicas ?? 1), 0),
      version:
        d?.metadata.labels?.['app.kubernetes.io/version'] ?? d?.metadata.labels?.['operator.istio.io/version'] ?? null,
    },
    namespaces: rows,
    totals: {
      pods: rows.reduce((n, r) => n + r.pods, 0),
      withSidecar: rows.reduce((n, r) => n + r.withSidecar, 0),
      injectedNamespaces: rows.filter((r) => r.injection !== 'none').length,
    },
  };
}

export interface PolicyObjects {
  peerAuthentications: WorkloadPolicy[];
  authorizationPolicies: WorkloadPolicy[];
  requestAuthentications: WorkloadPolicy[];
}

/** What routes to a Service and what applies to it; `visible` keeps objects of namespaces the caller may read. */
export function serviceRouting(
  svc: CoreService,
  snap: MeshSnapshot,
  policies: PolicyObjects,
  messages: Map<string, ValidationMessage[]>,
  visible: (namespace: string) => boolean,
): ServiceRouting {
  const ns = svc.metadata.namespace ?? '';
  const host = fqdn(svc.metadata.name, ns);
  const pods = svc.spec?.selector
    ? snap.pods.filter((p) => p.metadata.namespace === ns && selects(svc.spec?.selector, p.metadata.labels))
    : [];
  const virtualServices: ServiceRouting['virtualServices'] = [];
  for (const vs of snap.virtualServices) {
    const vns = vs.metadata.namespace ?? '';
    if (!visible(vns)) continue;
    const routes = (vs.spec?.http ?? [])
      .map((r, index) => ({ r, index }))
      .filter(({ r }) => (r.route ?? []).some((d) => fqdn(d.destination?.host ?? '', vns) === host));
    const tcpTls = routesOf(vs).some((r) => (r.route ?? []).some((d) => fqdn(d.destination?.host ?? '', vns) === host));
    if (routes.length === 0 && !tcpTls) continue;
    virtualServices.push({
      namespace: vns,
      name: vs.metadata.name,
      gateways: vs.spec?.gateways?.length ? vs.spec.gateways : ['mesh'],
      health: istioHealth(vs.status, mergeMessages(vs.status, messages.get(keyOf('VirtualService', vs)))),
      routes: routes.map(({ r, index }) => ({
        index,
        match: r.match ?? null,
        destinations: (r.route ?? []).map((d) => ({
          host: d.destination.host,
          subset: d.destination.subset ?? null,
          port: d.destination.port?.number ?? null,
          weight: d.weight ?? ((r.route?.length ?? 0) === 1 ? 100 : null),
        })),
      })),
    });
  }
  const destinationRules = snap.destinationRules
    .filter(
      (dr) =>
        visible(dr.metadata.namespace ?? '') &&
        dr.spec?.host &&
        fqdn(dr.spec.host, dr.metadata.namespace ?? '') === host,
    )
    .map((dr) => ({
      namespace: dr.metadata.namespace ?? '',
      name: dr.metadata.name,
      health: istioHealth(dr.status, mergeMessages(dr.status, messages.get(keyOf('DestinationRule', dr)))),
      tls: dr.spec?.trafficPolicy?.tls?.mode ?? null,
      subsets: (dr.spec?.subsets ?? []).map((s) => ({
        name: s.name,
        labels: s.labels ?? {},
        pods: pods.filter((p) => selects(s.labels, p.metadata.labels)).length,
      })),
    }));
  const applied: ServiceRouting['policies'] = [];
  const consider = (kind: string, list: WorkloadPolicy[], detail: (p: WorkloadPolicy) => string) => {
    for (const p of list) {
      const pns = p.metadata.namespace ?? '';
      if (!visible(pns)) continue;
      const sel = p.spec?.selector?.matchLabels;
      let scope: 'workload' | 'namespace' | 'mesh' | undefined;
      if (pns === ns && sel) scope = pods.some((pod) => selects(sel, pod.metadata.labels)) ? 'workload' : undefined;
      else if (pns === ns) scope = 'namespace';
      else if (pns === ROOT_NAMESPACE && !sel) scope = 'mesh';
      if (scope) applied.push({ kind, namespace: pns, name: p.metadata.name, scope, detail: detail(p) });
    }
  };
  consider('PeerAuthentication', policies.peerAuthentications, (p) => `mTLS ${p.spec?.mtls?.mode ?? 'UNSET'}`);
  consider('AuthorizationPolicy', policies.authorizationPolicies, (p) => p.spec?.action ?? 'ALLOW');
  consider(
    'RequestAuthentication',
    policies.requestAuthentications,
    (p) => `${p.spec?.jwtRules?.length ?? 0} JWT rules`,
  );
  return {
    service: { namespace: ns, name: svc.metadata.name, ports: (svc.spec?.ports ?? []).map((p) => p.port) },
    virtualServices,
    destinationRules,
    policies: applied,
    pods: { total: pods.length, withSidecar: pods.filter(hasSidecar).length },
  };
}

/**
 * The config graph (reference: Gateway → VirtualService → Service → Deployment, edges weighted by the
 * routes' weights, one node per DestinationRule subset version), for the objects of `namespace` (or all).
 */
export function topology(
  snap: MeshSnapshot,
  deployments: DeploymentObject[],
  visible: (ns: string) => boolean,
): Topology {
  const nodes = new Map<string, Topology['nodes'][number]>();
  const edges: Topology['edges'] = [];
  const node = (kind: string, namespace: string, name: string, label = name) => {
    const id = `${kind}:${namespace}/${name}`;
    if (!nodes.has(id)) nodes.set(id, { id, kind, namespace, name, label });
    return id;
  };
  const edge = (from: string, to: string, weight: number | null, label = '') => {
    if (!edges.some((e) => e.from === from && e.to === to && e.label === label))
      edges.push({ from, to, weight, label });
  };
  const services = new Map(snap.services.map((s) => [fqdn(s.metadata.name, s.metadata.namespace ?? ''), s]));
  const subsetLabels = (host: string, subset: string) =>
    snap.destinationRules
      .filter((dr) => dr.spec?.host && fqdn(dr.spec.host, dr.metadata.namespace ?? '') === host)
      .flatMap((dr) => dr.spec?.subsets ?? [])
      .find((s) => s.name === subset)?.labels;
  const workloadsOf = (svc: CoreService, extra?: Record<string, string>) =>
    deployments.filter(
      (d) =>
        d.metadata.namespace === svc.metadata.namespace &&
        svc.spec?.selector &&
        selects({ ...svc.spec.selector, ...extra }, d.spec?.template?.metadata?.labels),
    );
  for (const vs of snap.virtualServices) {
    const vns = vs.metadata.namespace ?? '';
    if (!visible(vns)) continue;
    const vsId = node('VirtualService', vns, vs.metadata.name);
    for (const ref of vs.spec?.gateways ?? []) {
      const g = gatewayRef(ref, vns);
      if (g) edge(node('Gateway', g.namespace, g.name), vsId, null);
    }
    if (boundToMesh(vs)) edge(node('Mesh', '', 'mesh', 'mesh (sidecars)'), vsId, null);
    for (const r of routesOf(vs))
      for (const d of r.route ?? []) {
        const host = fqdn(d.destination?.host ?? '', vns);
        const svc = services.get(host);
        const weight = d.weight ?? ((r.route?.length ?? 0) === 1 ? 100 : null);
        const target = svc
          ? node('Service', svc.metadata.namespace ?? '', svc.metadata.name)
          : node('Host', '', d.destination?.host ?? '?', `${d.destination?.host} (not found)`);
        if (!d.destination?.subset || !svc) {
          edge(vsId, target, weight, weight !== null ? `${weight}%` : '');
          continue;
        }
        const subsetId = node(
          'Subset',
          svc.metadata.namespace ?? '',
          `${svc.metadata.name}/${d.destination.subset}`,
          `${svc.metadata.name} ${d.destination.subset}`,
        );
        edge(vsId, subsetId, weight, weight !== null ? `${weight}%` : '');
        edge(target, subsetId, null);
        const labels = subsetLabels(host, d.destination.subset);
        if (labels)
          for (const dep of workloadsOf(svc, labels))
            edge(subsetId, node('Deployment', dep.metadata.namespace ?? '', dep.metadata.name), null);
      }
  }
  // Services reached by the graph lead to their workloads (subsets already did for theirs).
  for (const n of [...nodes.values()].filter((x) => x.kind === 'Service')) {
    const svc = services.get(fqdn(n.name, n.namespace));
    const viaSubset = edges.some((e) => e.from === n.id && nodes.get(e.to)?.kind === 'Subset');
    if (svc && !viaSubset)
      for (const dep of workloadsOf(svc))
        edge(n.id, node('Deployment', dep.metadata.namespace ?? '', dep.metadata.name), null);
  }
  return { nodes: [...nodes.values()], edges };
}
