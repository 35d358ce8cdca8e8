import { hashString, Rng } from './rng.js';
import type { KubeObject, ObjectMeta, OwnerReference, Scenario } from './types.js';

/** Groups whose kinds are unambiguous by kind alone (uids of their objects hash the bare kind). */
const BUILTIN_GROUPS = new Set([
  'apps',
  'batch',
  'networking.k8s.io',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'autoscaling',
  'apiextensions.k8s.io',
  'policy',
]);

export const DEFAULT_NOW = new Date('2026-08-20T10:15:00Z');

export interface NodeInfo {
  name: string;
  ip: string;
  zone: string;
  podCidrBase: string;
  nextPodIp: number;
}

/**
 * Collects the objects of one scenario. Assigns deterministic uids (derived from the seed and the
 * object's kind/namespace/name, so they do not depend on creation order) and creationTimestamps.
 */
export class ScenarioBuilder {
  readonly rng: Rng;
  readonly objects: KubeObject[] = [];
  readonly crds: KubeObject[] = [];
  readonly nodes: NodeInfo[] = [];
  private readonly byKey = new Map<string, KubeObject>();
  private readonly seen = new Set<string>();
  private nextServiceIp = 10;

  constructor(
    readonly seed: number,
    readonly now: Date,
  ) {
    this.rng = new Rng(seed);
  }

  /** RFC 3339 timestamp `seconds` before now. */
  ago(seconds: number): string {
    return new Date(this.now.getTime() - Math.round(seconds) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  uidFor(kind: string, namespace: string | undefined, name: string): string {
    return new Rng(hashString(`${kind}/${namespace ?? ''}/${name}`) ^ this.seed).uuid();
  }

  /** Adds an object (uid and creationTimestamp filled in if absent); `ageSeconds` defaults to ~30 days. */
  add<T extends KubeObject>(obj: T, ageSeconds = 30 * 86400): T {
    const m = obj.metadata;
    const group = obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : '';
    const qualified = group && !BUILTIN_GROUPS.has(group) ? `${obj.kind}.${group}` : obj.kind;
    m.uid ??= this.uidFor(qualified, m.namespace, m.name);
    m.creationTimestamp ??= this.ago(ageSeconds);
    const full = keyOf(qualified, m.namespace, m.name);
    if (this.seen.has(full)) throw new Error(`duplicate object ${full}`);
    this.seen.add(full);
    const key = keyOf(obj.kind, m.namespace, m.name);
    if (!this.byKey.has(key)) this.byKey.set(key, obj);
    if (obj.kind === 'CustomResourceDefinition') this.crds.push(obj);
    else this.objects.push(obj);
    return obj;
  }

  /** First object added with this kind (any group), namespace and name. */
  get(kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.byKey.get(keyOf(kind, namespace, name));
  }

  /** Pods of a namespace whose labels match `selector` (equality only). */
  podsMatching(namespace: string, selector: Record<string, string>): KubeObject[] {
    return this.objects.filter(
      (o) => o.kind === 'Pod' && o.metadata.namespace === namespace && matches(o.metadata.labels, selector),
    );
  }

  serviceIp(): string {
    const n = this.nextServiceIp++;
    return `10.96.${Math.floor(n / 250)}.${(n % 250) + 1}`;
  }

  /** Next pod IP on a node (each node owns a /24 of 10.244.0.0/16). */
  podIp(nodeName: string): string {
    const node = this.nodes.find((n) => n.name === nodeName);
    if (!node) throw new Error(`unknown node ${nodeName}`);
    return `${node.podCidrBase}.${node.nextPodIp++}`;
  }

  node(index: number): NodeInfo {
    const n = this.nodes[index % this.nodes.length];
    if (!n) throw new Error('no nodes');
    return n;
  }

  /** Final ordering: Namespaces, then other cluster-scoped objects, then namespaced ones (stable). */
  build(): Scenario {
    const rank = (o: KubeObject): number => (o.kind === 'Namespace' ? 0 : o.metadata.namespace ? 2 : 1);
    const objects = this.objects
      .map((o, i) => ({ o, i }))
      .sort((a, b) => rank(a.o) - rank(b.o) || a.i - b.i)
      .map((x) => x.o);
    return { crds: [...this.crds], objects };
  }
}

export function keyOf(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

export function matches(labels: Record<string, string> | undefined, selector: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(selector)) if (labels?.[k] !== v) return false;
  return true;
}

export function meta(
  name: string,
  namespace?: string,
  labels: Record<string, string> = {},
  annotations: Record<string, string> = {},
): ObjectMeta {
  const m: ObjectMeta = { name, labels, annotations };
  if (namespace !== undefined) m.namespace = namespace;
  return m;
}

export function ownerRef(owner: KubeObject, controller = true): OwnerReference {
  const uid = owner.metadata.uid;
  if (!uid) throw new Error(`owner ${owner.kind}/${owner.metadata.name} has no uid yet: add() it first`);
  const ref: OwnerReference = { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid };
  if (controller) {
    ref.controller = true;
    ref.blockOwnerDeletion = true;
  }
  return ref;
}

export function b64(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64');
}
