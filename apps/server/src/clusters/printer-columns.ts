/**
 * The list columns kubectl shows for custom resources: each served CRD version's `additionalPrinterColumns`
 * (name, type, JSONPath, priority), read from the cluster's CustomResourceDefinitions (their watch cache). The UI
 * evaluates the JSONPaths itself on the live list (rows stay current with every watch event); the server only
 * says which columns a kind has.
 */
import type { PrinterColumn } from '@argus/contracts';
import type { CacheManager } from './cache-manager.js';
import type { Discovery } from './discovery.js';
import type { WatchCache } from './watch-cache.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const TYPES = new Set(['string', 'integer', 'number', 'boolean', 'date']);

/** `group/version/plural` → its columns (kinds without declared columns are absent). */
export type PrinterColumnIndex = Map<string, PrinterColumn[]>;

export const printerColumnKey = (group: string, version: string, plural: string) => `${group}/${version}/${plural}`;

/** The columns of every served version of every CRD in a CustomResourceDefinitionList. */
export function printerColumnsOf(crds: unknown[]): PrinterColumnIndex {
  const out: PrinterColumnIndex = new Map();
  for (const raw of crds) {
    const spec = obj(obj(raw).spec);
    const group = typeof spec.group === 'string' ? spec.group : '';
    const plural = obj(spec.names).plural;
    if (!group || typeof plural !== 'string') continue;
    for (const v of arr(spec.versions).map(obj)) {
      if (v.served === false || typeof v.name !== 'string') continue;
      const cols: PrinterColumn[] = [];
      for (const c of arr(v.additionalPrinterColumns).map(obj)) {
        if (typeof c.name !== 'string' || typeof c.jsonPath !== 'string') continue;
        const type = typeof c.type === 'string' && TYPES.has(c.type) ? c.type : 'string';
        const col: PrinterColumn = {
          name: c.name,
          type: type as PrinterColumn['type'],
          json_path: c.jsonPath,
          priority: typeof c.priority === 'number' ? c.priority : 0,
        };
        if (typeof c.description === 'string' && c.description) col.description = c.description;
        if (typeof c.format === 'string' && c.format) col.format = c.format;
        cols.push(col);
      }
      if (cols.length) out.set(printerColumnKey(group, v.name, plural), cols);
    }
  }
  return out;
}

export interface PrinterColumns {
  /** The cluster's index; empty when its CRDs cannot be read (columns are a nicety, never an error). */
  of(clusterId: string): Promise<PrinterColumnIndex>;
  forget(clusterId: string): void;
}

const CRDS = { group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions' } as const;

/**
 * From the CRDs' watch cache (shared with the plugins' availability, kept current by the watch; the index is
 * rebuilt only when the cache's resourceVersion moved), so a cluster with hundreds of large CRDs is not
 * listed again for every answer. While the cluster is away (`unreachable`), only a cache already running is
 * read: the last index otherwise.
 */
export function createPrinterColumns(deps: {
  discovery: Discovery;
  caches: CacheManager;
  unreachable: (clusterId: string) => boolean;
}): PrinterColumns {
  const memo = new Map<string, { cache: WatchCache; rv: string; index: PrinterColumnIndex }>();
  return {
    async of(id) {
      const last = memo.get(id);
      try {
        const info = await deps.discovery.find(id, CRDS.group, CRDS.version, CRDS.resource);
        const cache = deps.unreachable(id) ? deps.caches.peek(id, info) : await deps.caches.synced(id, info);
        if (!cache) return last?.index ?? new Map();
        if (last && last.cache === cache && last.rv === cache.resourceVersion) return last.index;
        const rv = cache.resourceVersion;
        // The stored JSON, parsed here once per change (not through the shared parsed-object LRU).
        const index = printerColumnsOf([...cache.iterate()].map((e) => JSON.parse(e.json) as unknown));
        memo.set(id, { cache, rv, index });
        return index;
      } catch {
        return last?.index ?? new Map();
      }
    },
    forget: (id) => memo.delete(id),
  };
}
