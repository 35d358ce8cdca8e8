/**
 * Istio's standard metrics (istio_requests_total, istio_request_duration_milliseconds_{bucket,sum,count})
 * synthesized from the mesh's configuration in the store: traffic enters through each Gateway's
 * workload at BASE_RPS, follows the VirtualServices bound to it, then the applications' own calls
 * (APP_CALLS: which service an app calls is in its code, not in any Kubernetes object), split by the
 * mesh VirtualServices' route weights and DestinationRule subsets; a client outside the mesh calls one
 * service (source_workload="unknown"), and one edge answers 5xx. Both reporters are emitted, as Envoy does.
 */

import { fnv32a } from '../controllers/names.js';
import { DEPLOYMENTS, PODS, specOf, statusOf } from '../controllers/refs.js';
import type { KubeObject, ObjectStore, ResourceRef } from '../store/types.js';
import type { Labels, Series } from './promql-eval.js';
import { sampledSeries } from './series.js';

const net = (resource: string): ResourceRef => ({ group: 'networking.istio.io', version: 'v1', resource });
const VIRTUAL_SERVICES = net('virtualservices');
const DESTINATION_RULES = net('destinationrules');
const GATEWAYS = net('gateways');
const SERVICES: ResourceRef = { group: '', version: 'v1', resource: 'services' };

export const BASE_RPS = 10;
/** Service calls made by application code: in `namespace`, workloads labelled `from` call service `to`. */
export const APP_CALLS: { namespace: string; from: Record<string, string>; to: string }[] = [
  { namespace: 'bookinfo', from: { app: 'productpage' }, to: 'details' },
  { namespace: 'bookinfo', from: { app: 'productpage' }, to: 'reviews' },
  { namespace: 'bookinfo', from: { app: 'reviews', version: 'v2' }, to: 'ratings' },
];
/** A client outside the mesh (no sidecar): only the destination reports it, with source "unknown". */
export const OUTSIDE_CALLS = [{ namespace: 'bookinfo', to: 'details', rps: 0.5 }];
/** The edge that fails: this share of the calls to the service answer 503. */
export const FAILING = { namespace: 'bookinfo', service: 'ratings', share: 0.08, code: '503' };
/** Istio's default request-duration buckets (ms). */
export const DURATION_BUCKETS = [
  0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000,
];

interface Workload {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  serviceAccount: string;
  pod: string | undefined;
  startMs: number;
}

export interface Edge {
  source: Workload | undefined;
  service: { name: string; namespace: string };
  dest: Workload;
  rps: number;
  /** where the traffic came in (the same wave follows it through the mesh) */
  entry: string;
}

type Obj = Record<string, unknown>;
const list = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);
const matches = (sel: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(sel).every(([k, v]) => labels[k] === v);

function workloads(store: ObjectStore): Workload[] {
  const pods = store.list(PODS).items.filter((p) => statusOf(p).phase === 'Running');
  return store.list(DEPLOYMENTS).items.map((d) => {
    const template = (specOf(d).template as Obj | undefined) ?? {};
    const labels = ((template.metadata as Obj | undefined)?.labels as Record<string, string>) ?? {};
    const namespace = d.metadata.namespace ?? '';
    const pod = pods.find((p) => p.metadata.namespace === namespace && matches(labels, p.metadata.labels ?? {}));
    return {
      name: d.metadata.name ?? '',
      namespace,
      labels,
      serviceAccount: String(((template.spec as Obj | undefined)?.serviceAccountName as string) ?? 'default'),
      pod: pod?.metadata.name,
      startMs: Date.parse(String(d.metadata.creationTimestamp ?? '')) || 0,
    };
  });
}

/** The mesh's request edges with their rates, from the store's Istio configuration. */
export function meshEdges(store: ObjectStore): Edge[] {
  const all = workloads(store);
  const vss = store.list(VIRTUAL_SERVICES).items;
  const drs = store.list(DESTINATION_RULES).items;
  const services = store.list(SERVICES).items;
  const edges: Edge[] = [];
  const serviceOf = (host: string, ns: string): KubeObject | undefined => {
    const [name, hostNs] = host.split('.');
    return services.find((s) => s.metadata.name === name && s.metadata.namespace === (hostNs ?? ns));
  };
  const subsetLabels = (svc: KubeObject, subset: string | undefined): Record<string, string> | undefined => {
    if (!subset) return {};
    for (const dr of drs) {
      const host = String(specOf(dr).host ?? '');
      if (serviceOf(host, dr.metadata.namespace ?? '') !== svc) continue;
      const s = list(specOf(dr).subsets).find((x) => x.name === subset);
      if (s) return (s.labels as Record<string, string>) ?? {};
    }
    return undefined;
  };
  type Target = { host: string; subset?: string; weight: number };
  const routesOf = (vs: KubeObject): Target[] => {
    const route = list(list(specOf(vs).http)[0]?.route);
    return route.map((r) => {
      const d = (r.destination as Obj | undefined) ?? {};
      return {
        host: String(d.host ?? ''),
        ...(d.subset ? { subset: String(d.subset) } : {}),
        weight: Number(r.weight ?? 100 / route.length),
      };
    });
  };
  /** Where a call to `host` from namespace `ns` goes: a mesh VirtualService's routes, else the Service itself. */
  const routes = (host: string, ns: string): Target[] => {
    const vs = vss.find(
      (v) =>
        ((specOf(v).gateways as string[] | undefined) ?? ['mesh']).includes('mesh') &&
        v.metadata.namespace === ns &&
        ((specOf(v).hosts as string[]) ?? []).includes(host),
    );
    return vs ? routesOf(vs) : [{ host, weight: 100 }];
  };
  const visit = (
    entry: string,
    source: Workload | undefined,
    ns: string,
    targets: Target[],
    rps: number,
    depth: number,
  ) => {
    if (depth > 8) return;
    for (const t of targets) {
      const svc = serviceOf(t.host, ns);
      const extra = svc && subsetLabels(svc, t.subset);
      if (!svc || !extra) continue;
      const selector = (specOf(svc).selector as Record<string, string>) ?? {};
      const dests = all.filter(
        (w) => w.namespace === svc.metadata.namespace && matches({ ...selector, ...extra }, w.labels) && w.pod,
      );
      for (const dest of dests) {
        const share = (rps * t.weight) / 100 / dests.length;
        edges.push({
          source,
          service: { name: svc.metadata.name ?? '', namespace: svc.metadata.namespace ?? '' },
          dest,
          rps: share,
          entry,
        });
        for (const call of APP_CALLS)
          if (call.namespace === dest.namespace && matches(call.from, dest.labels))
            visit(entry, dest, dest.namespace, routes(call.to, dest.namespace), share, depth + 1);
      }
    }
  };
  for (const gw of store.list(GATEWAYS).items) {
    const selector = (specOf(gw).selector as Record<string, string>) ?? {};
    const source = all.find((w) => Object.keys(selector).length > 0 && matches(selector, w.labels) && w.pod);
    if (!source) continue;
    const bound = vss.filter(
      (v) =>
        v.metadata.namespace === gw.metadata.namespace &&
        ((specOf(v).gateways as string[]) ?? []).includes(gw.metadata.name ?? ''),
    );
    const entry = `gateway ${gw.metadata.namespace}/${gw.metadata.name}`;
    for (const vs of bound) visit(entry, source, vs.metadata.namespace ?? '', routesOf(vs), BASE_RPS, 0);
  }
  for (const o of OUTSIDE_CALLS)
    visit(`outside ${o.namespace}/${o.to}`, undefined, o.namespace, routes(o.to, o.namespace), o.rps, 0);
  return edges;
}

/** Requests since `startMs` at `rps` with a slow ±20 % wave (period 10 min). */
function requestCount(rps: number, phase: number, startMs: number, tMs: number): number {
  if (tMs <= startMs) return 0;
  const p = 600;
  const k = (0.2 * p) / (2 * Math.PI);
  const cos = (ms: number) => Math.cos(2 * Math.PI * (ms / 1000 / p + phase));
  return rps * ((tMs - startMs) / 1000 - k * (cos(tMs) - cos(startMs)));
}

function side(prefix: 'source' | 'destination', w: Workload | undefined): Labels {
  const app = w?.labels.app ?? w?.labels['app.kubernetes.io/name'] ?? w?.name ?? 'unknown';
  return {
    [`${prefix}_workload`]: w?.name ?? 'unknown',
    [`${prefix}_workload_namespace`]: w?.namespace ?? 'unknown',
    [`${prefix}_principal`]: w ? `spiffe://cluster.local/ns/${w.namespace}/sa/${w.serviceAccount}` : 'unknown',
    [`${prefix}_app`]: w ? app : 'unknown',
    [`${prefix}_version`]: w?.labels.version ?? 'unknown',
    [`${prefix}_canonical_service`]: w ? app : 'unknown',
    [`${prefix}_canonical_revision`]: w?.labels.version ?? 'latest',
    [`${prefix}_cluster`]: w ? 'Kubernetes' : 'unknown',
  };
}

export function istioSeries(store: ObjectStore, nowMs: number): Series[] {
  const out: Series[] = [];
  for (const e of meshEdges(store)) {
    const failing = e.service.namespace === FAILING.namespace && e.service.name === FAILING.service ? FAILING.share : 0;
    const codes =
      failing > 0
        ? ([
            ['200', 1 - failing],
            [FAILING.code, failing],
          ] as const)
        : ([['200', 1]] as const);
    const seed = fnv32a(`${e.source?.name ?? 'unknown'}>${e.dest.namespace}/${e.dest.name}`);
    const phase = (fnv32a(e.entry) % 1000) / 1000;
    const median = 4 + (seed % 40);
    const startMs = Math.max(e.dest.startMs, e.source?.startMs ?? 0);
    const reporters = e.source ? (['source', 'destination'] as const) : (['destination'] as const);
    for (const reporter of reporters) {
      const at = reporter === 'source' ? (e.source as Workload) : e.dest;
      for (const [code, share] of codes) {
        const labels: Labels = {
          reporter,
          ...side('source', e.source),
          ...side('destination', e.dest),
          destination_service: `${e.service.name}.${e.service.namespace}.svc.cluster.local`,
          destination_service_name: e.service.name,
          destination_service_namespace: e.service.namespace,
          request_protocol: 'http',
          response_code: code,
          grpc_response_status: '',
          response_flags: code === '200' ? '-' : 'URX',
          connection_security_policy: e.source ? 'mutual_tls' : 'none',
          namespace: at.namespace,
          ...(at.pod ? { pod: at.pod } : {}),
        };
        if (reporter === 'source') labels.connection_security_policy = 'unknown';
        delete labels.grpc_response_status;
        const count = (t: number) => requestCount(e.rps * share, phase, startMs, t);
        const ms = code === '200' ? median : median * 3;
        out.push(sampledSeries({ __name__: 'istio_requests_total', ...labels }, startMs, nowMs, count));
        for (const le of [...DURATION_BUCKETS, Number.POSITIVE_INFINITY]) {
          const frac = le === Number.POSITIVE_INFINITY ? 1 : 1 / (1 + (ms / le) ** 3);
          out.push(
            sampledSeries(
              {
                __name__: 'istio_request_duration_milliseconds_bucket',
                ...labels,
                le: le === Number.POSITIVE_INFINITY ? '+Inf' : String(le),
              },
              startMs,
              nowMs,
              (t) => count(t) * frac,
            ),
          );
        }
        out.push(
          sampledSeries(
            { __name__: 'istio_request_duration_milliseconds_sum', ...labels },
            startMs,
            nowMs,
            (t) => count(t) * ms * 1.2,
          ),
          sampledSeries({ __name__: 'istio_request_duration_milliseconds_count', ...labels }, startMs, nowMs, count),
        );
      }
    }
  }
  return out;
}
