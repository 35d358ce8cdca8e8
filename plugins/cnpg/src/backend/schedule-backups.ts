/**
 * A ScheduledBackup's health is that of its newest Backup (reference §1), but a toolkit health rule sees one
 * object. So the toolkit gets a cache that, when it reads ScheduledBackups, also reads the Backups of their
 * namespace (from the same watch cache, no API call) and remembers them beside each object for the rule.
 */
import type { CachedItem, CacheListOptions, PluginCache } from '@argus/plugin-sdk';
import { type Backup, CNPG_GROUP, CNPG_VERSION, type ScheduledBackup } from '../shared/types.js';

const BACKUPS = { group: CNPG_GROUP, version: CNPG_VERSION, resource: 'backups' };
const isSchedules = (ref: { group: string; resource: string }) =>
  ref.group === CNPG_GROUP && ref.resource === 'scheduledbackups';

/** The Backups read with each ScheduledBackup object (keyed by the object itself: no stale entries kept). */
const backupsByObject = new WeakMap<object, Backup[]>();

/** The Backups read with this ScheduledBackup, or undefined when they could not be read. */
export function backupsFor(schedule: ScheduledBackup): Backup[] | undefined {
  return backupsByObject.get(schedule);
}

async function readBackups(cache: PluginCache, clusterId: string, namespace: string | undefined) {
  try {
    const items = await cache.list(clusterId, BACKUPS, namespace ? { namespace } : {});
    return items.map((i) => i.object() as unknown as Backup);
  } catch {
    return undefined;
  }
}

function attach(item: CachedItem, backups: Backup[] | undefined): CachedItem {
  const object = item.object();
  if (backups) backupsByObject.set(object, backups);
  else backupsByObject.delete(object);
  return {
    namespace: item.namespace,
    name: item.name,
    labels: item.labels,
    resourceVersion: item.resourceVersion,
    object: () => object,
  };
}

export function withScheduleBackups(cache: PluginCache): PluginCache {
  return {
    async list(clusterId, ref, options?: CacheListOptions) {
      const items = await cache.list(clusterId, ref, options);
      if (!isSchedules(ref) || items.length === 0) return items;
      const backups = await readBackups(cache, clusterId, options?.namespace);
      return items.map((i) => attach(i, backups));
    },
    async get(clusterId, ref, namespace, name) {
      const item = await cache.get(clusterId, ref, namespace, name);
      if (!item || !isSchedules(ref)) return item;
      return attach(item, await readBackups(cache, clusterId, namespace));
    },
  };
}
