/** Puts a Prometheus into a kube-sim cluster as the operator would: `monitoring/prometheus-operated` whose Endpoints reach it. */
import type { KubeObject, KubeSim } from '@argus/kube-sim';

const NAMESPACES = { group: '', version: 'v1', resource: 'namespaces', namespaced: false };
const SERVICES = { group: '', version: 'v1', resource: 'services', namespaced: true };
const ENDPOINTS = { group: '', version: 'v1', resource: 'endpoints', namespaced: true };

export function ensureNamespaces(sim: KubeSim, names: string[]): void {
  for (const name of names)
    if (!sim.store.get(NAMESPACES, undefined, name))
      sim.store.create(NAMESPACES, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } } as KubeObject);
}

function endpoints(port: number): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'prometheus-operated', namespace: 'monitoring' },
    subsets: [{ addresses: [{ ip: '127.0.0.1' }], ports: [{ name: 'web', port, protocol: 'TCP' }] }],
  } as KubeObject;
}

/** The governing Service (port `web`) and Endpoints at 127.0.0.1:`port`. */
export function addPrometheusService(sim: KubeSim, port: number): void {
  ensureNamespaces(sim, ['monitoring']);
  sim.store.create(SERVICES, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'prometheus-operated', namespace: 'monitoring', labels: { 'operated-prometheus': 'true' } },
    spec: { clusterIP: 'None', ports: [{ name: 'web', port: 9090, targetPort: 'web' }] },
  } as KubeObject);
  sim.store.create(ENDPOINTS, endpoints(port));
}

/** Points the Endpoints at another port (e.g. one nothing listens on). */
export function setPrometheusEndpointPort(sim: KubeSim, port: number): void {
  const live = sim.store.get(ENDPOINTS, 'monitoring', 'prometheus-operated');
  const next = endpoints(port);
  next.metadata.resourceVersion = live?.metadata.resourceVersion;
  sim.store.update(ENDPOINTS, next);
}
