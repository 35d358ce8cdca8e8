import { meta, ownerRef, type ScenarioBuilder } from '../builder.js';
import type { KubeObject } from '../types.js';

export interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
  nodePort?: number;
}

export interface ServiceOptions {
  name: string;
  namespace: string;
  selector?: Record<string, string>;
  ports: ServicePort[];
  type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  headless?: boolean;
  clusterIP?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  owner?: KubeObject;
  ageSeconds?: number;
  publishNotReadyAddresses?: boolean;
  loadBalancerIp?: string;
}

/** A Service and its Endpoints (computed from the pods already added that match its selector). */
export function addService(b: ScenarioBuilder, o: ServiceOptions): KubeObject {
  const age = o.ageSeconds ?? 30 * 86400;
  const ip = o.headless ? 'None' : (o.clusterIP ?? b.serviceIp());
  const type = o.type ?? 'ClusterIP';
  const ports = o.ports.map((p) => ({
    name: p.name,
    port: p.port,
    protocol: p.protocol ?? 'TCP',
    targetPort: p.targetPort ?? p.port,
    ...(type !== 'ClusterIP' ? { nodePort: p.nodePort ?? 30000 + b.rng.int(0, 2767) } : {}),
  }));
  const m = meta(o.name, o.namespace, o.labels ?? {}, o.annotations ?? {});
  if (o.owner) m.ownerReferences = [ownerRef(o.owner)];
  const spec: Record<string, unknown> = {
    clusterIP: ip,
    clusterIPs: [ip],
    internalTrafficPolicy: 'Cluster',
    ipFamilies: ['IPv4'],
    ipFamilyPolicy: 'SingleStack',
    ports,
    sessionAffinity: 'None',
    type,
  };
  if (o.selector) spec.selector = o.selector;
  if (o.publishNotReadyAddresses) spec.publishNotReadyAddresses = true;
  if (type === 'LoadBalancer') {
    spec.externalTrafficPolicy = 'Cluster';
    spec.allocateLoadBalancerNodePorts = true;
  }
  const status: Record<string, unknown> =
    type === 'LoadBalancer'
      ? { loadBalancer: { ingress: [{ ip: o.loadBalancerIp ?? '203.0.113.10', ipMode: 'VIP' }] } }
      : { loadBalancer: {} };
  const svc = b.add({ apiVersion: 'v1', kind: 'Service', metadata: m, spec, status }, age);
  if (o.selector) addEndpoints(b, svc, o.selector, ports, age);
  return svc;
}

function addEndpoints(
  b: ScenarioBuilder,
  svc: KubeObject,
  selector: Record<string, string>,
  ports: { name?: string | undefined; targetPort: number | string; protocol: string }[],
  age: number,
): void {
  const ns = svc.metadata.namespace ?? 'default';
  const pods = b.podsMatching(ns, selector).filter((p) => typeof p.status?.podIP === 'string');
  const address = (p: KubeObject): Record<string, unknown> => ({
    ip: p.status?.podIP,
    nodeName: p.spec?.nodeName,
    targetRef: { kind: 'Pod', namespace: ns, name: p.metadata.name, uid: p.metadata.uid },
  });
  const ready = pods.filter((p) => p.status?.phase === 'Running' && isPodReady(p));
  const notReady = pods.filter((p) => !ready.includes(p) && p.status?.phase === 'Running');
  const epPorts = ports.map((p) => ({
    ...(p.name ? { name: p.name } : {}),
    port: typeof p.targetPort === 'number' ? p.targetPort : namedPort(pods[0], p.targetPort),
    protocol: p.protocol,
  }));
  const subsets =
    ready.length + notReady.length === 0
      ? []
      : [
          {
            ...(ready.length ? { addresses: ready.map(address) } : {}),
            ...(notReady.length ? { notReadyAddresses: notReady.map(address) } : {}),
            ports: epPorts,
          },
        ];
  b.add(
    {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: meta(
        svc.metadata.name,
        ns,
        { ...svc.metadata.labels },
        { 'endpoints.kubernetes.io/last-change-trigger-time': b.ago(600) },
      ),
      subsets,
    },
    age,
  );
}

function namedPort(pod: KubeObject | undefined, name: string): number {
  const containers = (pod?.spec?.containers ?? []) as { ports?: { name?: string; containerPort: number }[] }[];
  for (const c of containers) for (const p of c.ports ?? []) if (p.name === name) return p.containerPort;
  return 80;
}

export function isPodReady(p: KubeObject): boolean {
  const conds = (p.status?.conditions ?? []) as { type: string; status: string }[];
  return conds.some((c) => c.type === 'Ready' && c.status === 'True');
}

export function addIngress(
  b: ScenarioBuilder,
  o: {
    name: string;
    namespace: string;
    host: string;
    service: string;
    port: number;
    tlsSecret?: string;
    className?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  },
): KubeObject {
  return b.add({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: meta(o.name, o.namespace, o.labels ?? {}, o.annotations ?? {}),
    spec: {
      ingressClassName: o.className ?? 'nginx',
      rules: [
        {
          host: o.host,
          http: {
            paths: [
              { path: '/', pathType: 'Prefix', backend: { service: { name: o.service, port: { number: o.port } } } },
            ],
          },
        },
      ],
      ...(o.tlsSecret ? { tls: [{ hosts: [o.host], secretName: o.tlsSecret }] } : {}),
    },
    status: { loadBalancer: { ingress: [{ ip: '203.0.113.10' }] } },
  });
}
