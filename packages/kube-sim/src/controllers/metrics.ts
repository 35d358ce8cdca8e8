/**
 * metrics.k8s.io numbers: deterministic-ish CPU and memory usage per container and node, a pure
 * function of the object's uid and the clock (a slow wave so `kubectl top` moves a little).
 */
import type { KubeObject, ObjectStore } from '../store/types.js';
import { type Clock, rfc3339, systemClock } from './clock.js';
import { fnv32a } from './names.js';
import { containersOf } from './pod-status.js';
import { NODES, PODS, statusOf } from './refs.js';

export interface Metrics {
  listPodMetrics(namespace?: string): KubeObject[];
  getPodMetrics(namespace: string, name: string): KubeObject | undefined;
  listNodeMetrics(): KubeObject[];
  getNodeMetrics(name: string): KubeObject | undefined;
}

const API_VERSION = 'metrics.k8s.io/v1beta1';

function wave(seed: number, now: number): number {
  const phase = (seed % 1000) / 1000;
  return 0.85 + 0.15 * Math.sin((now / 300_000 + phase) * 2 * Math.PI);
}

/**
 * A container's usage model (shared with the simulated Prometheus, which integrates it): at time t,
 * CPU = baseCpu × wave(h, t) millicores and memory = baseMem × (0.95 + 0.05 × wave(h, t)) MiB, where
 * wave = 0.85 + 0.15 × sin(2π (t / 300 s + (h mod 1000) / 1000)).
 */
export function usageBase(seed: string, image: string | undefined): { h: number; baseCpu: number; baseMem: number } {
  const h = fnv32a(seed);
  const img = (image ?? '').toLowerCase();
  const heavy = /postgres|mysql|mariadb|prometheus|elastic|java|kafka|ceph|rook/.test(img);
  const baseCpu = (heavy ? 40 : 3) + (h % (heavy ? 260 : 60)); // millicores
  const baseMem = (heavy ? 180 : 12) + ((h >>> 8) % (heavy ? 900 : 180)); // MiB
  return { h, baseCpu, baseMem };
}

/** What a node uses besides its pods (system daemons): constant millicores and MiB. */
export function nodeOverhead(uid: string): { cpuMilli: number; memMiB: number } {
  return { cpuMilli: 120 + (fnv32a(uid) % 200), memMiB: 900 };
}

function usage(seed: string, now: number, image: string | undefined): { cpuN: number; memKi: number } {
  const { h, baseCpu, baseMem } = usageBase(seed, image);
  const w = wave(h, now);
  return { cpuN: Math.round(baseCpu * w * 1_000_000), memKi: Math.round(baseMem * (0.95 + 0.05 * w) * 1024) };
}

export function createMetrics(store: ObjectStore, clock: Clock = systemClock): Metrics {
  const podMetrics = (pod: KubeObject): KubeObject | undefined => {
    if (statusOf(pod).phase !== 'Running') return undefined;
    const now = clock.now();
    return {
      apiVersion: API_VERSION,
      kind: 'PodMetrics',
      metadata: {
        name: pod.metadata.name,
        namespace: pod.metadata.namespace,
        creationTimestamp: rfc3339(now),
        labels: pod.metadata.labels ?? {},
      },
      timestamp: rfc3339(Math.floor(now / 15_000) * 15_000),
      window: '15.009s',
      containers: containersOf(pod).map((c) => {
        const u = usage(`${pod.metadata.uid}/${c.name}`, now, c.image);
        return { name: c.name, usage: { cpu: `${u.cpuN}n`, memory: `${u.memKi}Ki` } };
      }),
    };
  };

  const nodeMetrics = (node: KubeObject): KubeObject => {
    const now = clock.now();
    const overhead = nodeOverhead(String(node.metadata.uid));
    let cpuN = overhead.cpuMilli * 1_000_000;
    let memKi = overhead.memMiB * 1024;
    for (const pod of store.list(PODS, { fieldSelector: `spec.nodeName=${node.metadata.name}` }).items) {
      const m = podMetrics(pod);
      for (const c of (m?.containers as { usage: { cpu: string; memory: string } }[] | undefined) ?? []) {
        cpuN += Number.parseInt(c.usage.cpu, 10);
        memKi += Number.parseInt(c.usage.memory, 10);
      }
    }
    return {
      apiVersion: API_VERSION,
      kind: 'NodeMetrics',
      metadata: { name: node.metadata.name, creationTimestamp: rfc3339(now), labels: node.metadata.labels ?? {} },
      timestamp: rfc3339(Math.floor(now / 15_000) * 15_000),
      window: '20.052s',
      usage: { cpu: `${cpuN}n`, memory: `${memKi}Ki` },
    };
  };

  return {
    listPodMetrics(namespace) {
      return store
        .list(PODS, namespace ? { namespace } : {})
        .items.map(podMetrics)
        .filter((m): m is KubeObject => m !== undefined);
    },
    getPodMetrics(namespace, name) {
      const pod = store.get(PODS, namespace, name);
      return pod ? podMetrics(pod) : undefined;
    },
    listNodeMetrics() {
      return store.list(NODES).items.map(nodeMetrics);
    },
    getNodeMetrics(name) {
      const node = store.get(NODES, undefined, name);
      return node ? nodeMetrics(node) : undefined;
    },
  };
}
