import type { ContainerSpec } from './pod.js';

/** Shorthand for a container with requests (and memory limit) and an optional named port. */
export function ctr(
  name: string,
  image: string,
  opts: {
    port?: number;
    portName?: string;
    cpu?: string;
    memory?: string;
    limitCpu?: string;
    limitMemory?: string;
    args?: string[];
  } = {},
): ContainerSpec {
  const c: ContainerSpec = {
    name,
    image,
    requests: { cpu: opts.cpu ?? '100m', memory: opts.memory ?? '128Mi' },
    limits: { memory: opts.limitMemory ?? opts.memory ?? '128Mi', ...(opts.limitCpu ? { cpu: opts.limitCpu } : {}) },
  };
  if (opts.port !== undefined) c.ports = [{ name: opts.portName ?? 'http', containerPort: opts.port }];
  if (opts.args) c.args = opts.args;
  return c;
}

export const ISTIO_PROXY = (): ContainerSpec => ({
  name: 'istio-proxy',
  image: 'docker.io/istio/proxyv2:1.27.1',
  requests: { cpu: '10m', memory: '40Mi' },
  limits: { cpu: '2', memory: '1Gi' },
  ports: [{ name: 'http-envoy-prom', containerPort: 15090 }],
  args: ['proxy', 'sidecar', '--domain', '$(POD_NAMESPACE).svc.cluster.local'],
});
