/**
 * Logs of every pod of a workload (or label selector) merged into one stream, each line prefixed
 * `[pod/container] `. With follow, pods that appear later are followed too (from the pods watch cache)
 * and pods that go away are dropped.
 */
import { PassThrough, type Readable } from 'node:stream';
import { AppError } from '@argus/contracts';
import type { Logger } from 'pino';
import type { CacheManager } from './cache-manager.js';
import type { ClusterConnection } from './connection.js';
import type { Discovery, ResourceInfo } from './discovery.js';
import { ensureOk } from './kube-errors.js';
import { type LogOptions, openPodLog } from './pod-logs.js';
import { type KubeObject, labelsMatcher } from './selectors.js';

const WORKLOADS: Record<string, { group: string; resource: string }> = {
  deployment: { group: 'apps', resource: 'deployments' },
  statefulset: { group: 'apps', resource: 'statefulsets' },
  daemonset: { group: 'apps', resource: 'daemonsets' },
  replicaset: { group: 'apps', resource: 'replicasets' },
  job: { group: 'batch', resource: 'jobs' },
};

interface Selector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

export function selectorString(sel: Selector | undefined): string {
  const terms = Object.entries(sel?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of sel?.matchExpressions ?? []) {
    if (e.operator === 'In') terms.push(`${e.key} in (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'NotIn') terms.push(`${e.key} notin (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'Exists') terms.push(e.key);
    else if (e.operator === 'DoesNotExist') terms.push(`!${e.key}`);
  }
  return terms.join(',');
}

export async function workloadSelector(conn: ClusterConnection, namespace: string, workload: string): Promise<string> {
  const [kindRaw, name] = workload.split('/') as [string, string];
  const kind = kindRaw.toLowerCase().replace(/s$/, '');
  const w = WORKLOADS[kind];
  if (!w)
    throw new AppError(
      'UNKNOWN_KIND',
      `Cannot follow logs of kind "${kindRaw}" (deployment, statefulset, daemonset, replicaset or job)`,
    );
  const obj = ensureOk(
    await conn.request({
      path: `/apis/${w.group}/v1/namespaces/${encodeURIComponent(namespace)}/${w.resource}/${encodeURIComponent(name)}`,
    }),
  ).json<{ spec?: { selector?: Selector } }>();
  const sel = selectorString(obj.spec?.selector);
  if (!sel) throw new AppError('BAD_REQUEST', `${kindRaw}/${name} has no pod selector`);
  return sel;
}

const allContainers = (pod: KubeObject): string[] =>
  (((pod.spec as { containers?: Array<{ name: string }> })?.containers ?? []) as Array<{ name: string }>).map(
    (c) => c.name,
  );

const started = (pod: KubeObject, container: string): boolean => {
  const statuses =
    (pod.status as { containerStatuses?: Array<{ name: string; state?: Record<string, unknown> }> })
      ?.containerStatuses ?? [];
  const s = statuses.find((c) => c.name === container);
  return !!s && (s.state?.running !== undefined || s.state?.terminated !== undefined);
};

export interface WorkloadLogDeps {
  conn: ClusterConnection;
  caches: CacheManager;
  discovery: Discovery;
  clusterId: string;
  logger: Logger;
}

export async function workloadLogs(
  deps: WorkloadLogDeps,
  namespace: string,
  selector: string,
  o: LogOptions,
): Promise<{ stream: Readable; close(): void }> {
  const podsInfo: ResourceInfo = await deps.discovery.find(deps.clusterId, 'core', 'v1', 'pods');
  const matches = labelsMatcher(selector);
  const out = new PassThrough();
  const streams = new Map<string, { close(): void }>();
  let closed = false;

  const containersOf = (pod: KubeObject) => allContainers(pod).filter((c) => !o.container || c === o.container);
  async function follow(pod: KubeObject, container: string, initial: boolean): Promise<void> {
    const key = `${pod.metadata.name}/${container}`;
    if (streams.has(key) || closed) return;
    streams.set(key, { close: () => undefined });
    try {
      const opts: LogOptions = { ...o, container };
      // Pods that appear while following are read from their start.
      if (!initial) delete opts.tailLines;
      const log = await openPodLog(deps.conn, namespace, pod.metadata.name, opts);
      if (closed) return log.close();
      streams.set(key, log);
      let rest = '';
      const prefix = `[${key}] `;
      log.body.on('data', (chunk: Buffer) => {
        const text = rest + chunk.toString('utf8');
        const lines = text.split('\n');
        rest = lines.pop() ?? '';
        if (lines.length) out.write(lines.map((l) => `${prefix}${l}\n`).join(''));
      });
      await new Promise<void>((resolve) => {
        log.body.once('end', resolve);
        log.body.once('close', resolve);
        log.body.once('error', resolve);
      });
      if (rest) out.write(`${prefix}${rest}\n`);
    } catch (err) {
      out.write(`[${key}] (log unavailable: ${(err as Error).message})\n`);
    } finally {
      if (!o.follow) streams.delete(key);
    }
  }

  const cache = await deps.caches.synced(deps.clusterId, podsInfo);
  const pods = cache
    ? cache.list({ namespace, labelSelector: selector }).items.map((e) => e.object())
    : ensureOk(
        await deps.conn.request({
          path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods?labelSelector=${encodeURIComponent(selector)}`,
        }),
      ).json<{ items: KubeObject[] }>().items;

  const close = (): void => {
    if (closed) return;
    closed = true;
    unsubscribe?.();
    for (const s of streams.values()) s.close();
    out.end();
  };
  let unsubscribe: (() => void) | undefined;
  if (o.follow) {
    unsubscribe = deps.caches.onEvent(deps.clusterId, podsInfo, (ev) => {
      if (ev.entry.namespace !== namespace || !matches(ev.entry.labels)) return;
      const pod = ev.entry.object();
      for (const c of containersOf(pod)) {
        const key = `${pod.metadata.name}/${c}`;
        if (ev.type === 'DELETED') {
          streams.get(key)?.close();
          streams.delete(key);
        } else if (!streams.has(key) && started(pod, c)) void follow(pod, c, false);
      }
    });
    for (const pod of pods) for (const c of containersOf(pod)) if (started(pod, c)) void follow(pod, c, true);
  } else {
    // Not following: each pod's log in turn, then the end.
    void (async () => {
      for (const pod of pods) {
        for (const c of containersOf(pod)) {
          if (closed) return;
          await follow(pod, c, true);
        }
      }
      close();
    })();
  }
  out.on('close', close);
  return { stream: out, close };
}
