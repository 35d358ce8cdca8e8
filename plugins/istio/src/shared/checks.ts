/**
 * Argus's offline validation (Istio writes no status by default): the reference's checks with istioctl's
 * codes, run over one cluster's objects. Pure: a snapshot in, messages per object (`keyOf(kind, object)`) out.
 */
import { fqdn, gatewayRef, hostMatches, selects, serviceOf } from './hosts.js';
import {
  type CoreService,
  type HttpRoute,
  keyOf,
  type Level,
  type MeshSnapshot,
  type ValidationMessage,
  type VirtualService,
} from './types.js';

export const WEIGHTS_CODE = 'ARGUS0001';

type Messages = Map<string, ValidationMessage[]>;

function add(out: Messages, key: string, code: string, name: string, level: Level, message: string) {
  const list = out.get(key) ?? [];
  if (!list.some((m) => m.code === code && m.message === message))
    list.push({ code, name, level, message, source: 'argus' });
  out.set(key, list);
}

/** Every route (http, tls, tcp) of a VirtualService. */
export function routesOf(vs: VirtualService): HttpRoute[] {
  return [...(vs.spec?.http ?? []), ...(vs.spec?.tls ?? []), ...(vs.spec?.tcp ?? [])];
}

/** Whether the VirtualService applies to sidecars (`mesh`): no gateways, or `mesh` among them. */
export function boundToMesh(vs: VirtualService): boolean {
  const gws = vs.spec?.gateways ?? [];
  return gws.length === 0 || gws.includes('mesh');
}

export function runChecks(snap: MeshSnapshot): Messages {
  const out: Messages = new Map();
  const services = new Map<string, CoreService>();
  for (const s of snap.services) services.set(`${s.metadata.name}.${s.metadata.namespace}.svc.cluster.local`, s);
  const entryHosts = snap.serviceEntries.flatMap((se) => se.spec?.hosts ?? []);
  const known = (host: string) =>
    services.has(host) || entryHosts.some((h) => hostMatches(h, host) || hostMatches(host, h));
  const gateways = new Map(snap.gateways.map((g) => [`${g.metadata.namespace}/${g.metadata.name}`, g]));
  const subsetsOf = (host: string) =>
    snap.destinationRules
      .filter((dr) => dr.spec?.host && fqdn(dr.spec.host, dr.metadata.namespace ?? '') === host)
      .flatMap((dr) => dr.spec?.subsets ?? []);

  const meshHosts = new Map<string, VirtualService[]>();
  for (const vs of snap.virtualServices) {
    const ns = vs.metadata.namespace ?? '';
    const key = keyOf('VirtualService', vs);
    // IST0101: a gateway that does not exist; IST0132: a host none of its gateway's servers accept.
    for (const ref of vs.spec?.gateways ?? []) {
      const g = gatewayRef(ref, ns);
      if (!g) continue;
      const gw = gateways.get(`${g.namespace}/${g.name}`);
      if (!gw) {
        add(out, key, 'IST0101', 'ReferencedResourceNotFound', 'ERROR', `Referenced gateway not found: "${ref}"`);
        continue;
      }
      const serverHosts = (gw.spec?.servers ?? []).flatMap((s) => s.hosts ?? []).map((h) => h.split('/').pop() ?? h);
      for (const host of vs.spec?.hosts ?? [])
        if (!serverHosts.some((h) => hostMatches(h, host)))
          add(
            out,
            key,
            'IST0132',
            'VirtualServiceHostNotFoundInGateway',
            'WARNING',
            `Host "${host}" is not in any server of gateway "${g.namespace}/${g.name}"`,
          );
    }
    if (boundToMesh(vs))
      for (const host of vs.spec?.hosts ?? []) {
        const h = fqdn(host, ns);
        meshHosts.set(h, [...(meshHosts.get(h) ?? []), vs]);
      }
    for (const route of routesOf(vs)) {
      const dests = route.route ?? [];
      for (const { destination } of dests) {
        if (!destination?.host) continue;
        const host = fqdn(destination.host, ns);
        if (!known(host)) {
          add(
            out,
            key,
            'IST0101',
            'ReferencedResourceNotFound',
            'ERROR',
            `Referenced host not found: "${destination.host}"`,
          );
          continue;
        }
        if (destination.subset && !subsetsOf(host).some((s) => s.name === destination.subset))
          add(
            out,
            key,
            'IST0101',
            'ReferencedResourceNotFound',
            'ERROR',
            `Referenced host+subset in destinationrule not found: "${destination.host}+${destination.subset}"`,
          );
        const svc = services.get(host);
        if (svc && (svc.spec?.ports?.length ?? 0) > 1 && destination.port?.number === undefined)
          add(
            out,
            key,
            'IST0112',
            'VirtualServiceDestinationPortSelectorRequired',
            'ERROR',
            `This VirtualService routes to service "${destination.host}", which has more than one port: set destination.port`,
          );
      }
      if (dests.length > 1) {
        const sum = dests.reduce((n, d) => n + (d.weight ?? 0), 0);
        if (sum !== 100)
          add(
            out,
            key,
            WEIGHTS_CODE,
            'RouteWeightsNotHundred',
            'ERROR',
            `The weights of route${route.name ? ` "${route.name}"` : ''} sum to ${sum}, not 100`,
          );
      }
    }
  }
  // IST0109: two mesh VirtualServices for one host.
  for (const [host, list] of meshHosts)
    if (list.length > 1)
      for (const vs of list)
        add(
          out,
          keyOf('VirtualService', vs),
          'IST0109',
          'ConflictingMeshGatewayVirtualServiceHosts',
          'ERROR',
          `The VirtualServices ${list.map((v) => `${v.metadata.namespace}/${v.metadata.name}`).join(', ')} declare the same host "${host}"`,
        );

  for (const dr of snap.destinationRules) {
    const key = keyOf('DestinationRule', dr);
    const host = dr.spec?.host ? fqdn(dr.spec.host, dr.metadata.namespace ?? '') : '';
    if (!host) continue;
    if (!known(host)) {
      add(out, key, 'IST0101', 'ReferencedResourceNotFound', 'ERROR', `Referenced host not found: "${dr.spec.host}"`);
      continue;
    }
    // IST0173: a subset whose labels plus the Service's selector select no pod.
    const svc = services.get(host);
    const ref = serviceOf(host);
    if (!svc?.spec?.selector || !ref) continue;
    const pods = snap.pods.filter((p) => p.metadata.namespace === ref.namespace);
    for (const subset of dr.spec?.subsets ?? []) {
      const labels = { ...svc.spec.selector, ...subset.labels };
      if (!pods.some((p) => selects(labels, p.metadata.labels)))
        add(
          out,
          key,
          'IST0173',
          'DestinationRuleSubsetNotSelectPods',
          'WARNING',
          `The subset "${subset.name}" selects no pods of service "${ref.name}"`,
        );
    }
  }
  return out;
}
