/** Usage from metrics.k8s.io (what `kubectl top` shows), with requests/limits or allocatable beside it. */
import {
  type NodeTopResponse,
  type PodTop,
  type PodTopResponse,
  parseCpuMillicores,
  parseMemoryBytes,
} from '@argus/contracts';
import { toAppError } from '../http/error-handler.js';
import { arr, type Json, type Kube, type KubeObject, listItems, ns, obj, str } from './kube.js';

const METRICS = '/apis/metrics.k8s.io/v1beta1';
export const NO_METRICS_API = 'The cluster serves no metrics.k8s.io API (install metrics-server to see usage)';

const cpu = (v: unknown) => parseCpuMillicores(str(v) ?? (typeof v === 'number' ? v : undefined));
const mem = (v: unknown) => parseMemoryBytes(str(v) ?? (typeof v === 'number' ? v : undefined));

/** The metrics list, or why there is none (the metrics API missing or failing is not an error of ours). */
async function metricsList(kube: Kube, path: string): Promise<{ items: KubeObject[] } | { reason: string }> {
  try {
    return { items: await listItems(kube, path) };
  } catch (err) {
    const e = toAppError(err);
    if (e.status === 403 || e.status === 401) throw err;
    return {
      reason: e.status === 404 ? NO_METRICS_API : `The metrics API did not answer: ${e.message}`,
    };
  }
}

/** Sums of the containers' requests and limits; a limit is absent when some container sets none. */
function resourcesOf(pod: KubeObject | undefined): Pick<PodTop, 'requests' | 'limits'> {
  const containers = arr(obj(pod?.spec).containers).map(obj);
  const sum = (field: 'requests' | 'limits', key: 'cpu' | 'memory') => {
    let total = 0;
    let all = containers.length > 0;
    for (const c of containers) {
      const v = (key === 'cpu' ? cpu : mem)(obj(obj(c.resources)[field])[key]);
      if (v === undefined) all = false;
      else total += v;
    }
    return { total, all };
  };
  const lc = sum('limits', 'cpu');
  const lm = sum('limits', 'memory');
  return {
    requests: { cpu_millicores: sum('requests', 'cpu').total, memory_bytes: sum('requests', 'memory').total },
    limits: {
      ...(lc.all ? { cpu_millicores: lc.total } : {}),
      ...(lm.all ? { memory_bytes: lm.total } : {}),
    },
  };
}

export async function topPods(
  kube: Kube,
  pods: KubeObject[],
  allowed: 'all' | Set<string>,
  namespace: string | undefined,
  withContainers: boolean,
): Promise<PodTopResponse> {
  const got = await metricsList(kube, `${METRICS}${namespace ? ns(namespace) : ''}/pods`);
  if ('reason' in got) return { available: false, reason: got.reason, items: [] };
  const byKey = new Map(pods.map((p) => [`${p.metadata.namespace}/${p.metadata.name}`, p]));
  const items: PodTop[] = [];
  for (const m of got.items) {
    const namespaceOf = m.metadata.namespace ?? '';
    if (allowed !== 'all' && !allowed.has(namespaceOf)) continue;
    const containers = arr(m.containers).map((c) => {
      const usage = obj(obj(c).usage);
      return {
        name: str(obj(c).name) ?? '',
        cpu_millicores: cpu(usage.cpu) ?? 0,
        memory_bytes: mem(usage.memory) ?? 0,
      };
    });
    items.push({
      namespace: namespaceOf,
      name: m.metadata.name,
      cpu_millicores: containers.reduce((a, c) => a + c.cpu_millicores, 0),
      memory_bytes: containers.reduce((a, c) => a + c.memory_bytes, 0),
      containers: withContainers ? containers : [],
      ...resourcesOf(byKey.get(`${namespaceOf}/${m.metadata.name}`)),
    });
  }
  items.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
  return { available: true, items };
}

const pair = (v: unknown) => {
  const o: Json = obj(v);
  const c = cpu(o.cpu);
  const m = mem(o.memory);
  return { ...(c !== undefined ? { cpu_millicores: c } : {}), ...(m !== undefined ? { memory_bytes: m } : {}) };
};

export async function topNodes(kube: Kube, nodes: KubeObject[]): Promise<NodeTopResponse> {
  const got = await metricsList(kube, `${METRICS}/nodes`);
  if ('reason' in got) return { available: false, reason: got.reason, items: [] };
  const byName = new Map(nodes.map((n) => [n.metadata.name, n]));
  const items = got.items
    .map((m) => {
      const usage = obj(m.usage);
      const node = byName.get(m.metadata.name);
      return {
        name: m.metadata.name,
        cpu_millicores: cpu(usage.cpu) ?? 0,
        memory_bytes: mem(usage.memory) ?? 0,
        allocatable: pair(obj(node?.status).allocatable),
        capacity: pair(obj(node?.status).capacity),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  return { available: true, items };
}
