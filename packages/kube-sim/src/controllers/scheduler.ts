/** Round-robin scheduling onto Ready nodes, and pod IP allocation from each node's podCIDR. */
import type { KubeObject, ObjectStore } from '../store/types.js';
import { type Json, NODES, PODS, specOf, statusOf } from './refs.js';

export interface NodeChoice {
  name: string;
  hostIP: string;
  node: KubeObject;
}

export interface Scheduler {
  pick(pod: KubeObject): NodeChoice | undefined;
  node(name: string): NodeChoice | undefined;
  allocateIP(nodeName: string): string;
  schedulableNodes(pod?: KubeObject): NodeChoice[];
}

function tolerates(pod: KubeObject, taint: Json): boolean {
  if (taint.effect === 'PreferNoSchedule') return true;
  const tolerations = (specOf(pod).tolerations as Json[] | undefined) ?? [];
  return tolerations.some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.operator === 'Exists') return !t.key || t.key === taint.key;
    return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
  });
}

function isReady(node: KubeObject): boolean {
  const conditions = (statusOf(node).conditions as Json[] | undefined) ?? [];
  const ready = conditions.find((c) => c.type === 'Ready');
  return !ready || ready.status === 'True';
}

function hostIPOf(node: KubeObject, index: number): string {
  const addresses = (statusOf(node).addresses as Json[] | undefined) ?? [];
  const internal = addresses.find((a) => a.type === 'InternalIP');
  return typeof internal?.address === 'string' ? internal.address : `172.18.0.${index + 2}`;
}

export function createScheduler(store: ObjectStore): Scheduler {
  let next = 0;
  const used = new Set<string>();
  const counters = new Map<string, number>();
  let seeded = false;

  const all = (): NodeChoice[] =>
    store
      .list(NODES)
      .items.slice()
      .sort((a, b) => String(a.metadata.name).localeCompare(String(b.metadata.name)))
      .map((node, i) => ({ name: node.metadata.name as string, hostIP: hostIPOf(node, i), node }));

  const schedulableNodes = (pod?: KubeObject): NodeChoice[] =>
    all().filter(({ node }) => {
      if (!isReady(node) || specOf(node).unschedulable) return false;
      if (!pod) return true;
      const taints = (specOf(node).taints as Json[] | undefined) ?? [];
      if (!taints.every((t) => t.effect === 'PreferNoSchedule' || tolerates(pod, t))) return false;
      const selector = (specOf(pod).nodeSelector as Record<string, string> | undefined) ?? {};
      const labels = node.metadata.labels ?? {};
      return Object.entries(selector).every(([k, v]) => labels[k] === v);
    });

  const seedUsed = (): void => {
    if (seeded) return;
    seeded = true;
    for (const p of store.list(PODS).items) {
      const ip = statusOf(p).podIP;
      if (typeof ip === 'string') used.add(ip);
    }
  };

  return {
    schedulableNodes,
    pick(pod) {
      const nodes = schedulableNodes(pod);
      if (nodes.length === 0) return undefined;
      const choice = nodes[next % nodes.length]!;
      next++;
      return choice;
    },
    node(name) {
      return all().find((n) => n.name === name);
    },
    allocateIP(nodeName) {
      seedUsed();
      const nodes = all();
      const index = Math.max(
        0,
        nodes.findIndex((n) => n.name === nodeName),
      );
      const cidr = nodes[index] ? specOf(nodes[index].node).podCIDR : undefined;
      const prefix =
        typeof cidr === 'string' && /^\d+\.\d+\.\d+\.0\/24$/.test(cidr)
          ? cidr.slice(0, cidr.lastIndexOf('.'))
          : `10.244.${index}`;
      let n = counters.get(prefix) ?? 2;
      for (let tries = 0; tries < 253; tries++) {
        const ip = `${prefix}.${n}`;
        n = n >= 254 ? 2 : n + 1;
        if (!used.has(ip)) {
          used.add(ip);
          counters.set(prefix, n);
          return ip;
        }
      }
      return `${prefix}.${n}`;
    },
  };
}
