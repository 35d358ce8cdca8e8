/**
 * Whether a cluster serves what a plugin `requires` (its operator's CRDs), from discovery. A cluster where
 * some plugin has requirements (or a watcher waits for its resource) is followed: every change of its
 * CustomResourceDefinitions (through the watch cache) re-reads discovery a moment later, and a change of what
 * it serves calls `onChange` — the engine then mounts or unmounts plugins and retries waiting watchers.
 * Discovery's own expiry (a minute) covers APIs that are not CRDs (aggregated API servers).
 */
import type { PluginRequirement } from '@argus/plugin-sdk';
import type { Logger } from 'pino';
import type { ClusterModule } from '../clusters/cluster-module.js';

export interface PluginAvailability {
  /** Whether the cluster serves every requirement (true when there are none; false while it cannot tell). */
  check(requires: readonly PluginRequirement[], clusterId: string): Promise<boolean>;
  /** Reads discovery again (`force`: bypass its cache); calls onChange when what the cluster serves changed. */
  refresh(clusterId: string, force?: boolean): Promise<void>;
  /** Follows the cluster's CRDs (idempotent). */
  follow(clusterId: string): void;
  forget(clusterId: string): void;
  close(): void;
}

const CRDS = { group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions' };
/** How long the first check of a cluster waits for discovery before answering "not available" for now. */
const FIRST_CHECK_MS = 3_000;

const keys = (r: { group: string; version: string; resource: string }) => [
  `${r.group}/${r.resource}`,
  `${r.group}/${r.version}/${r.resource}`,
];

export function createPluginAvailability(deps: {
  clusters: ClusterModule;
  logger: Logger;
  onChange(clusterId: string): void;
  /** How long CRD events are gathered before discovery is read again (default 300 ms). */
  debounceMs?: number;
}): PluginAvailability {
  const served = new Map<string, Set<string>>();
  const loading = new Map<string, Promise<void>>();
  const followed = new Map<string, { stop?: () => void; timer?: NodeJS.Timeout }>();
  let closed = false;

  async function load(clusterId: string, force: boolean): Promise<void> {
    if (force) deps.clusters.discovery.forget(clusterId);
    const all = await deps.clusters.discovery.all(clusterId);
    const next = new Set(all.flatMap(keys));
    const prev = served.get(clusterId);
    served.set(clusterId, next);
    const changed = !prev || prev.size !== next.size || [...next].some((k) => !prev.has(k));
    if (changed && prev && !closed) deps.onChange(clusterId);
  }

  const availability: PluginAvailability = {
    async check(requires, clusterId) {
      if (requires.length === 0) return true;
      if (!served.has(clusterId)) {
        const first = availability.refresh(clusterId);
        await Promise.race([first, new Promise((r) => setTimeout(r, FIRST_CHECK_MS).unref())]);
      }
      const set = served.get(clusterId);
      if (!set) return false;
      return requires.every((r) =>
        set.has(r.version ? `${r.group}/${r.version}/${r.resource}` : `${r.group}/${r.resource}`),
      );
    },
    refresh(clusterId, force = false) {
      const running = loading.get(clusterId);
      if (running && !force) return running;
      const p = (running ?? Promise.resolve())
        .catch(() => undefined)
        .then(() => load(clusterId, force))
        .catch((err: unknown) =>
          deps.logger.debug(
            { clusterId, err: (err as Error).message },
            'plugin requirements: discovery failed (availability kept as last known)',
          ),
        )
        .finally(() => {
          if (loading.get(clusterId) === p) loading.delete(clusterId);
        });
      loading.set(clusterId, p);
      return p;
    },
    follow(clusterId) {
      if (followed.has(clusterId) || closed) return;
      const entry: { stop?: () => void; timer?: NodeJS.Timeout } = {};
      followed.set(clusterId, entry);
      deps.clusters.resources
        .info(clusterId, CRDS.group, CRDS.version, CRDS.resource)
        .then((info) => {
          if (followed.get(clusterId) !== entry) return;
          entry.stop = deps.clusters.onEvent(clusterId, info, () => {
            if (entry.timer) return;
            entry.timer = setTimeout(() => {
              entry.timer = undefined;
              void availability.refresh(clusterId, true);
            }, deps.debounceMs ?? 300);
            entry.timer.unref();
          });
        })
        .catch((err: unknown) => {
          // Not followed (e.g. no permission to watch CRDs): the engine's reconcile tick still re-checks.
          if (followed.get(clusterId) === entry) followed.delete(clusterId);
          deps.logger.warn({ clusterId, err: (err as Error).message }, 'cannot follow CRD changes');
        });
    },
    forget(clusterId) {
      const entry = followed.get(clusterId);
      if (entry?.timer) clearTimeout(entry.timer);
      entry?.stop?.();
      followed.delete(clusterId);
      served.delete(clusterId);
    },
    close() {
      closed = true;
      for (const id of [...followed.keys()]) availability.forget(id);
    },
  };
  return availability;
}
