/**
 * One cluster's signals, computed on the replica that owns the cluster: the watch caches of the kinds the
 * analyzers read stay subscribed while owned, each change re-evaluates the changed object, and a periodic
 * resync re-evaluates everything (time-based rules: certificate expiry, recent OOM kills and evictions). The
 * alert engine reads `candidates()`: the current signals rolled up to their workloads, with inhibition.
 */
import type { Logger } from 'pino';
import type { CacheManager } from '../../clusters/cache-manager.js';
import type { CachedObject } from '../../clusters/cached-object.js';
import type { Discovery, ResourceInfo } from '../../clusters/discovery.js';
import type { WatchCache } from '../../clusters/watch-cache.js';
import type { ResourceRef, Severity } from '../types.js';
import {
  type AnalyzerContext,
  analyzeCertificate,
  analyzeDeployment,
  analyzeEvent,
  analyzeJob,
  analyzeNode,
  analyzeOperatorHealth,
  analyzePod,
  analyzePvc,
  type KubeLike,
  type Signal,
} from './analyzers.js';
import { fingerprintOf, type OwnerRef, refKey, rollUp, type Subject } from './rollup.js';

/** An operator kind whose health a plugin judges (the operator toolkit's `health`). */
export interface OperatorHealthKind {
  /** e.g. `CNPG Cluster`. */
  label: string;
  group: string;
  version: string;
  plural: string;
  health(object: KubeLike): { status: string; reason: string };
}

/** One alert as the cluster's state says it should be now. */
export interface Candidate {
  fingerprint: string;
  type: string;
  severity: Severity;
  summary: string;
  ref: ResourceRef;
  /** Objects showing it (pods of one workload). */
  count: number;
  /** Every pod showing it runs on a NotReady node. */
  inhibited: boolean;
}

export interface ClusterSignals {
  readonly clusterId: string;
  /** Every required cache is synced and evaluated: candidates() is the whole truth. */
  ready(): boolean;
  candidates(): Map<string, Candidate>;
  stop(): void;
}

export interface ClusterSignalsOptions {
  clusterId: string;
  caches: CacheManager;
  discovery: Discovery;
  logger: Logger;
  certExpiryMs: number;
  recentMs: number;
  /** Full re-evaluation interval. */
  resyncMs: number;
  operatorKinds?: readonly OperatorHealthKind[];
  /** How long to wait before retrying a cluster that cannot be watched. */
  retryMs?: number;
}

interface Spec {
  group: string;
  version: string;
  resource: string;
  optional: boolean;
  analyze?(o: KubeLike, ctx: AnalyzerContext): Signal[];
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

const BUILTIN: Spec[] = [
  { group: '', version: 'v1', resource: 'pods', optional: false, analyze: analyzePod },
  { group: '', version: 'v1', resource: 'nodes', optional: false, analyze: (o) => analyzeNode(o) },
  { group: '', version: 'v1', resource: 'persistentvolumeclaims', optional: false, analyze: analyzePvc },
  { group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses', optional: true },
  { group: 'apps', version: 'v1', resource: 'deployments', optional: false, analyze: (o) => analyzeDeployment(o) },
  { group: 'apps', version: 'v1', resource: 'replicasets', optional: false },
  { group: 'batch', version: 'v1', resource: 'jobs', optional: false, analyze: (o) => analyzeJob(o) },
  { group: '', version: 'v1', resource: 'events', optional: true, analyze: analyzeEvent },
  { group: 'cert-manager.io', version: 'v1', resource: 'certificates', optional: true, analyze: analyzeCertificate },
];

interface Watched {
  spec: Spec;
  info: ResourceInfo;
  cache: WatchCache;
  unsubscribe: () => void;
}

interface Evaluated {
  subject: Subject;
  signals: Signal[];
}

export function createClusterSignals(options: ClusterSignalsOptions): ClusterSignals {
  const { clusterId, caches, discovery } = options;
  const log = options.logger.child({ component: 'signals', clusterId });
  const specs: Spec[] = [
    ...BUILTIN,
    ...(options.operatorKinds ?? []).map((k) => ({
      group: k.group,
      version: k.version,
      resource: k.plural,
      optional: true,
      analyze: (o: KubeLike) => analyzeOperatorHealth(o, k.health(o), k.label),
    })),
  ];
  const watched = new Map<Spec, Watched>();
  const state = new Map<string, Evaluated>();
  const dirty = new Set<string>();
  let stopped = false;
  let synced = false;
  let lastResync = 0;
  let retry: NodeJS.Timeout | undefined;

  const stateKey = (spec: Spec, key: string) => `${spec.group}/${spec.resource}|${key}`;
  const byResource = (group: string, resource: string) =>
    [...watched.values()].find((w) => w.spec.group === group && w.spec.resource === resource);

  const ctx = (): AnalyzerContext => ({
    now: Date.now(),
    certExpiryMs: options.certExpiryMs,
    recentMs: options.recentMs,
    storageClass(name) {
      const sc = byResource('storage.k8s.io', 'storageclasses')?.cache;
      if (!sc) return undefined;
      if (name !== undefined) return sc.get(undefined, name)?.object() as KubeLike | undefined;
      for (const e of sc.iterate()) {
        const o = e.object() as KubeLike;
        if (o.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true') return o;
      }
      return undefined;
    },
  });

  function evaluate(w: Watched, entry: CachedObject | undefined, key: string, c: AnalyzerContext): void {
    const sk = stateKey(w.spec, key);
    if (!entry || !w.spec.analyze) {
      state.delete(sk);
      return;
    }
    let signals: Signal[];
    try {
      signals = w.spec.analyze(entry.object() as KubeLike, c);
    } catch (err) {
      log.warn({ err, resource: w.spec.resource, key }, 'signal analyzer failed');
      signals = [];
    }
    if (signals.length === 0) {
      state.delete(sk);
      return;
    }
    let subject: Subject = {
      apiVersion: entry.apiVersion,
      kind: entry.kind,
      resource: w.info.resource,
      namespace: entry.namespace,
      name: entry.name,
      ownerReferences: entry.ownerReferences,
    };
    if (w.spec.resource === 'events' && w.spec.group === '') {
      // An eviction event is about its pod (which may be gone already).
      const inv = (entry.object() as { involvedObject?: { namespace?: string; name?: string } }).involvedObject ?? {};
      const pod = byResource('', 'pods')?.cache.get(inv.namespace, inv.name ?? '');
      subject = {
        apiVersion: 'v1',
        kind: 'Pod',
        resource: 'pods',
        namespace: inv.namespace,
        name: inv.name ?? '',
        ownerReferences: pod?.ownerReferences ?? [],
      };
    }
    state.set(sk, { subject, signals });
  }

  function resync(): void {
    const c = ctx();
    state.clear();
    dirty.clear();
    for (const w of watched.values()) {
      if (!w.spec.analyze) continue;
      for (const entry of w.cache.iterate()) evaluate(w, entry, entry.key, c);
    }
    lastResync = Date.now();
  }

  async function watch(spec: Spec): Promise<void> {
    let info: ResourceInfo;
    try {
      info = await discovery.find(clusterId, spec.group || 'core', spec.version, spec.resource);
    } catch (err) {
      if (spec.optional) return;
      throw err;
    }
    const unsubscribe = caches.onEvent(clusterId, info, (ev) => {
      if (spec.resource === 'storageclasses') lastResync = 0;
      else if (spec.analyze) dirty.add(`${spec.group}/${spec.resource}|${ev.entry.key}`);
    });
    try {
      const cache = await caches.synced(clusterId, info);
      if (!cache) {
        unsubscribe();
        log.warn({ resource: spec.resource }, 'signals: resource cannot be cached here, not watched');
        return;
      }
      if (stopped) return unsubscribe();
      watched.set(spec, { spec, info, cache, unsubscribe });
    } catch (err) {
      unsubscribe();
      throw err;
    }
  }

  async function start(): Promise<void> {
    try {
      for (const spec of specs) if (!watched.has(spec) && !stopped) await watch(spec);
      if (stopped) return;
      resync();
      synced = true;
      log.info({ resources: watched.size }, 'signals: cluster watched');
    } catch (err) {
      if (stopped) return;
      log.warn({ err: (err as Error).message }, 'signals: cannot watch the cluster yet; retrying');
      retry = setTimeout(() => void start(), options.retryMs ?? 5_000);
      retry.unref();
    }
  }
  void start();

  const lookup = {
    owners(kind: 'ReplicaSet' | 'Job', namespace: string, name: string): readonly OwnerRef[] | undefined {
      const w = kind === 'ReplicaSet' ? byResource('apps', 'replicasets') : byResource('batch', 'jobs');
      return w?.cache.get(namespace, name)?.ownerReferences;
    },
  };

  return {
    clusterId,
    ready: () => synced && !stopped,
    candidates() {
      if (Date.now() - lastResync >= options.resyncMs) resync();
      else if (dirty.size > 0) {
        const c = ctx();
        for (const sk of dirty) {
          const bar = sk.indexOf('|');
          const [group, resource] = sk.slice(0, bar).split('/') as [string, string];
          const w = byResource(group, resource);
          if (!w) continue;
          const key = sk.slice(bar + 1);
          const slash = key.indexOf('/');
          evaluate(w, w.cache.get(slash > 0 ? key.slice(0, slash) : undefined, key.slice(slash + 1)), key, c);
        }
        dirty.clear();
      }
      const notReady = new Set<string>();
      for (const ev of state.values())
        if (ev.subject.kind === 'Node' && ev.signals.some((s) => s.type === 'NodeNotReady'))
          notReady.add(ev.subject.name);
      const out = new Map<string, Candidate & { nodes: Set<string>; first: string; onNotReady: number }>();
      for (const [sk, ev] of [...state.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
        for (const s of ev.signals) {
          const ref = rollUp(clusterId, ev.subject, lookup);
          const fp = fingerprintOf('cluster', s.type, refKey(ref));
          let c = out.get(fp);
          if (!c) {
            c = {
              fingerprint: fp,
              type: s.type,
              severity: s.severity,
              summary: s.summary,
              ref,
              count: 0,
              inhibited: false,
              nodes: new Set(),
              first: sk,
              onNotReady: 0,
            };
            out.set(fp, c);
          }
          c.count++;
          if (SEVERITY_RANK[s.severity] > SEVERITY_RANK[c.severity]) c.severity = s.severity;
          if (s.node && notReady.has(s.node)) c.onNotReady++;
        }
      }
      const result = new Map<string, Candidate>();
      for (const [fp, c] of out) {
        const summary =
          c.count > 1 && c.ref.kind !== 'Pod'
            ? `${c.summary} (${c.count} objects of ${c.ref.kind} ${c.ref.namespace ? `${c.ref.namespace}/` : ''}${c.ref.name})`
            : c.summary;
        result.set(fp, {
          fingerprint: fp,
          type: c.type,
          severity: c.severity,
          summary,
          ref: c.ref,
          count: c.count,
          // Alertmanager's inhibition: a NotReady node mutes the alerts of the pods on it.
          inhibited: c.type !== 'NodeNotReady' && c.onNotReady > 0 && c.onNotReady === c.count,
        });
      }
      return result;
    },
    stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      for (const w of watched.values()) w.unsubscribe();
      watched.clear();
      state.clear();
    },
  };
}
