/**
 * The simulated Prometheus's series, synthesized from the cluster's objects at query time: what the
 * kubelet's cAdvisor (container_cpu_usage_seconds_total, container_memory_working_set_bytes), node-exporter
 * (node_cpu_seconds_total, node_memory_*) and `up` would give, sampled every 15 s since each object
 * started. CPU counters are the exact integrals of kube-sim's metrics.k8s.io usage model
 * (controllers/metrics.ts), so rate(...[5m]) agrees with `kubectl top` up to the 5-minute averaging.
 */
import { nodeOverhead, usageBase } from '../controllers/metrics.js';
import { containersOf } from '../controllers/pod-status.js';
import { NODES, PODS, specOf, statusOf } from '../controllers/refs.js';
import type { KubeObject, ObjectStore } from '../store/types.js';
import type { Labels, Series } from './promql-eval.js';
import type { Sample } from './promql-functions.js';

export const SCRAPE_MS = 15_000;
/** Scrapes happen at this offset into each 15 s slot (so query times rarely fall exactly on a sample). */
export const SCRAPE_OFFSET_MS = 7_321;
const PERIOD_S = 300;

/** The scrape times in (fromMs, toMs] that are ≥ startMs and ≤ nowMs. */
export function scrapeTimes(fromMs: number, toMs: number, startMs: number, nowMs: number): number[] {
  const lo = Math.max(fromMs, startMs - 1);
  const hi = Math.min(toMs, nowMs);
  const out: number[] = [];
  let t = Math.floor((lo - SCRAPE_OFFSET_MS) / SCRAPE_MS) * SCRAPE_MS + SCRAPE_OFFSET_MS;
  while (t <= lo) t += SCRAPE_MS;
  for (; t <= hi; t += SCRAPE_MS) out.push(t);
  return out;
}

/** A series whose value at a scrape time is `value(tMs)`, sampled from `startMs` until `nowMs`. */
export function sampledSeries(labels: Labels, startMs: number, nowMs: number, value: (tMs: number) => number): Series {
  return {
    labels,
    samples: (from, to) => scrapeTimes(from, to, startMs, nowMs).map((t): Sample => [t, value(t)]),
  };
}

const phaseOf = (h: number) => (h % 1000) / 1000;

/** CPU-seconds a container used between its start and t (both seconds): ∫ base/1000 × wave. */
export function cpuIntegral(baseMilli: number, h: number, startS: number, tS: number): number {
  if (tS <= startS) return 0;
  const phase = phaseOf(h);
  const cos = (x: number) => Math.cos(2 * Math.PI * (x / PERIOD_S + phase));
  const k = (0.15 * PERIOD_S) / (2 * Math.PI);
  return (baseMilli / 1000) * (0.85 * (tS - startS) - k * (cos(tS) - cos(startS)));
}

/** Working-set bytes at t, exactly as metrics.k8s.io reports it (rounded to KiB). */
export function memoryBytes(baseMem: number, h: number, tMs: number): number {
  const w = 0.85 + 0.15 * Math.sin((tMs / (PERIOD_S * 1000) + phaseOf(h)) * 2 * Math.PI);
  return Math.round(baseMem * (0.95 + 0.05 * w) * 1024) * 1024;
}

const timeOf = (v: unknown): number | undefined => {
  const ms = typeof v === 'string' ? Date.parse(v) : Number.NaN;
  return Number.isNaN(ms) ? undefined : ms;
};

export function parseCpu(q: unknown): number {
  const s = String(q ?? '0');
  return s.endsWith('m') ? Number.parseFloat(s) / 1000 : Number.parseFloat(s) || 0;
}

export function parseBytes(q: unknown): number {
  const m = /^(\d+(?:\.\d+)?)([KMGTPE]i?)?$/.exec(String(q ?? ''));
  if (!m) return 0;
  const pow: Record<string, number> = {
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
    K: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
  };
  return Number(m[1]) * (m[2] ? (pow[m[2]] ?? 1) : 1);
}

export interface ContainerModel {
  namespace: string;
  pod: string;
  node: string;
  container: string;
  image: string;
  podUid: string;
  startMs: number;
  h: number;
  baseCpu: number;
  baseMem: number;
}

/** The running containers, with their usage model (as metrics.k8s.io sees them: Running pods only). */
export function runningContainers(store: ObjectStore): ContainerModel[] {
  const out: ContainerModel[] = [];
  for (const pod of store.list(PODS).items) {
    const status = statusOf(pod);
    if (status.phase !== 'Running') continue;
    const podStart = timeOf(status.startTime) ?? timeOf(pod.metadata.creationTimestamp) ?? 0;
    const statuses =
      (status.containerStatuses as { name?: string; state?: { running?: { startedAt?: string } } }[]) ?? [];
    for (const c of containersOf(pod)) {
      const cs = statuses.find((s) => s.name === c.name);
      const started = timeOf(cs?.state?.running?.startedAt) ?? podStart;
      const model = usageBase(`${pod.metadata.uid}/${c.name}`, c.image);
      out.push({
        namespace: pod.metadata.namespace ?? '',
        pod: pod.metadata.name ?? '',
        node: String(specOf(pod).nodeName ?? ''),
        container: c.name,
        image: c.image ?? '',
        podUid: String(pod.metadata.uid ?? ''),
        startMs: started,
        ...model,
      });
    }
  }
  return out;
}

function nodeIp(node: KubeObject): string {
  const addresses = (statusOf(node).addresses as { type?: string; address?: string }[]) ?? [];
  return addresses.find((a) => a.type === 'InternalIP')?.address ?? String(node.metadata.name);
}

const cadvisorLabels = (node: KubeObject | undefined, c: { namespace: string; pod: string; node: string }): Labels => ({
  endpoint: 'https-metrics',
  instance: `${node ? nodeIp(node) : c.node}:10250`,
  job: 'kubelet',
  metrics_path: '/metrics/cadvisor',
  namespace: c.namespace,
  node: c.node,
  pod: c.pod,
  service: 'kubelet',
});

function containerSeries(containers: ContainerModel[], nodes: Map<string, KubeObject>, nowMs: number): Series[] {
  const out: Series[] = [];
  const pods = new Map<string, ContainerModel[]>();
  for (const c of containers) {
    const key = `${c.namespace}/${c.pod}`;
    pods.set(key, [...(pods.get(key) ?? []), c]);
    const base = cadvisorLabels(nodes.get(c.node), c);
    const id = `/kubepods.slice/pod${c.podUid}/${c.container}`;
    out.push(
      sampledSeries(
        {
          __name__: 'container_cpu_usage_seconds_total',
          ...base,
          container: c.container,
          cpu: 'total',
          id,
          image: c.image,
        },
        c.startMs,
        nowMs,
        (t) => cpuIntegral(c.baseCpu, c.h, c.startMs / 1000, t / 1000),
      ),
      sampledSeries(
        { __name__: 'container_memory_working_set_bytes', ...base, container: c.container, id, image: c.image },
        c.startMs,
        nowMs,
        (t) => memoryBytes(c.baseMem, c.h, t),
      ),
    );
  }
  // The pod's own cgroup (container=""): what `container!=""` in the usual queries leaves out.
  for (const cs of pods.values()) {
    const first = cs[0] as ContainerModel;
    const base = cadvisorLabels(nodes.get(first.node), first);
    const id = `/kubepods.slice/pod${first.podUid}`;
    const start = Math.min(...cs.map((c) => c.startMs));
    out.push(
      sampledSeries({ __name__: 'container_cpu_usage_seconds_total', ...base, cpu: 'total', id }, start, nowMs, (t) =>
        cs.reduce((a, c) => a + cpuIntegral(c.baseCpu, c.h, c.startMs / 1000, t / 1000), 0),
      ),
      sampledSeries({ __name__: 'container_memory_working_set_bytes', ...base, id }, start, nowMs, (t) =>
        cs.reduce((a, c) => a + (t >= c.startMs ? memoryBytes(c.baseMem, c.h, t) : 0), 0),
      ),
    );
  }
  return out;
}

function nodeSeries(node: KubeObject, containers: ContainerModel[], nowMs: number): Series[] {
  const name = String(node.metadata.name);
  const startMs = timeOf(node.metadata.creationTimestamp) ?? 0;
  const capacity = statusOf(node).capacity as Record<string, string> | undefined;
  const cpus = Math.max(1, Math.round(parseCpu(capacity?.cpu ?? '1')));
  const memTotal = parseBytes(capacity?.memory);
  const overhead = nodeOverhead(String(node.metadata.uid));
  const mine = containers.filter((c) => c.node === name);
  const usedCache = new Map<number, number>();
  /** CPU-seconds used on the node (all CPUs) since it started. */
  const used = (t: number): number => {
    let v = usedCache.get(t);
    if (v === undefined) {
      v = (overhead.cpuMilli / 1000) * Math.max(0, (t - startMs) / 1000);
      for (const c of mine) v += cpuIntegral(c.baseCpu, c.h, c.startMs / 1000, t / 1000);
      usedCache.set(t, v);
    }
    return v;
  };
  const labels = {
    endpoint: 'https',
    instance: name,
    job: 'node-exporter',
    namespace: 'monitoring',
    service: 'node-exporter',
  };
  const out: Series[] = [];
  for (let cpu = 0; cpu < cpus; cpu++) {
    const per = (t: number) => used(t) / cpus;
    const up = (t: number) => Math.max(0, (t - startMs) / 1000);
    out.push(
      sampledSeries(
        { __name__: 'node_cpu_seconds_total', ...labels, cpu: String(cpu), mode: 'idle' },
        startMs,
        nowMs,
        (t) => up(t) - per(t),
      ),
      sampledSeries(
        { __name__: 'node_cpu_seconds_total', ...labels, cpu: String(cpu), mode: 'user' },
        startMs,
        nowMs,
        (t) => per(t) * 0.7,
      ),
      sampledSeries(
        { __name__: 'node_cpu_seconds_total', ...labels, cpu: String(cpu), mode: 'system' },
        startMs,
        nowMs,
        (t) => per(t) * 0.3,
      ),
    );
  }
  const memUsed = (t: number) =>
    overhead.memMiB * 2 ** 20 + mine.reduce((a, c) => a + (t >= c.startMs ? memoryBytes(c.baseMem, c.h, t) : 0), 0);
  out.push(
    sampledSeries({ __name__: 'node_memory_MemTotal_bytes', ...labels }, startMs, nowMs, () => memTotal),
    sampledSeries(
      { __name__: 'node_memory_MemAvailable_bytes', ...labels },
      startMs,
      nowMs,
      (t) => memTotal - memUsed(t),
    ),
  );
  return out;
}

export interface ScrapeTarget {
  labels: Labels;
  scrapeUrl: string;
  startMs: number;
}

/** Who the simulated Prometheus scrapes: each node's kubelet (cAdvisor) and node-exporter, and itself. */
export function scrapeTargets(store: ObjectStore): ScrapeTarget[] {
  const out: ScrapeTarget[] = [];
  for (const node of store.list(NODES).items) {
    const name = String(node.metadata.name);
    const startMs = timeOf(node.metadata.creationTimestamp) ?? 0;
    const ip = nodeIp(node);
    out.push(
      {
        labels: cadvisorLabels(node, { namespace: 'kube-system', pod: '', node: name }),
        scrapeUrl: `https://${ip}:10250/metrics/cadvisor`,
        startMs,
      },
      {
        labels: {
          endpoint: 'https',
          instance: name,
          job: 'node-exporter',
          namespace: 'monitoring',
          service: 'node-exporter',
        },
        scrapeUrl: `https://${ip}:9100/metrics`,
        startMs,
      },
    );
  }
  for (const t of out) if (t.labels.pod === '') delete t.labels.pod;
  for (const pod of store.list(PODS, { namespace: 'monitoring' }).items) {
    if (statusOf(pod).phase !== 'Running' || pod.metadata.labels?.['app.kubernetes.io/name'] !== 'prometheus') continue;
    const ip = String(statusOf(pod).podIP ?? '');
    out.push({
      labels: {
        endpoint: 'web',
        instance: `${ip}:9090`,
        job: 'prometheus-k8s',
        namespace: 'monitoring',
        pod: String(pod.metadata.name),
        service: 'prometheus-k8s',
      },
      scrapeUrl: `http://${ip}:9090/metrics`,
      startMs: timeOf(statusOf(pod).startTime) ?? timeOf(pod.metadata.creationTimestamp) ?? 0,
    });
  }
  return out;
}

/** Every series of the cluster at `nowMs` (Istio's come from istio-series.ts). */
export function clusterSeries(store: ObjectStore, nowMs: number): Series[] {
  const containers = runningContainers(store);
  const nodes = new Map(store.list(NODES).items.map((n) => [String(n.metadata.name), n]));
  const out = containerSeries(containers, nodes, nowMs);
  for (const node of nodes.values()) out.push(...nodeSeries(node, containers, nowMs));
  for (const t of scrapeTargets(store))
    out.push(sampledSeries({ __name__: 'up', ...t.labels }, t.startMs, nowMs, () => 1));
  return out;
}
