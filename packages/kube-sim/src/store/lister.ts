/** list with selectors and limit/continue over a consistent snapshot. */
import { StoreError } from './errors.js';
import type { Bucket } from './internals.js';
import { parseFieldSelector, parseLabelSelector } from './selectors.js';
import type { KubeObject, ListOptions, ListResult, ResourceRef } from './types.js';

interface Snapshot {
  items: KubeObject[];
  rv: number;
  at: number;
}

interface ContinueToken {
  v: 'meta.k8s.io/v1';
  rv: number;
  start: number;
  id: string;
}

export interface Lister {
  list(bucket: Bucket | undefined, ref: ResourceRef, opts: ListOptions): ListResult;
}

const SNAPSHOT_TTL_MS = 5 * 60_000;
const MAX_SNAPSHOTS = 64;

function sortedKeys(bucket: Bucket): string[] {
  if (!bucket.sorted) bucket.sorted = [...bucket.objects.keys()].sort();
  return bucket.sorted;
}

function sortedObjects(bucket: Bucket): KubeObject[] {
  if (!bucket.sortedObjects) {
    const keys = sortedKeys(bucket);
    const out = new Array<KubeObject>(keys.length);
    for (let i = 0; i < keys.length; i++) out[i] = bucket.objects.get(keys[i] as string) as KubeObject;
    bucket.sortedObjects = out;
  }
  return bucket.sortedObjects;
}

function lowerBound(keys: string[], prefix: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((keys[mid] as string) < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function decodeToken(text: string): ContinueToken {
  try {
    const t = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as ContinueToken;
    if (typeof t.rv === 'number' && typeof t.start === 'number' && typeof t.id === 'string') return t;
  } catch {
    // fall through
  }
  throw new StoreError(
    400,
    'BadRequest',
    'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
  );
}

export function createLister(currentRv: () => number): Lister {
  const snapshots = new Map<string, Snapshot>();
  let nextId = 0;

  function prune(): void {
    const now = Date.now();
    for (const [id, s] of snapshots) if (now - s.at > SNAPSHOT_TTL_MS) snapshots.delete(id);
    while (snapshots.size > MAX_SNAPSHOTS) {
      const first = snapshots.keys().next().value;
      if (first === undefined) break;
      snapshots.delete(first);
    }
  }

  function filtered(bucket: Bucket | undefined, ref: ResourceRef, opts: ListOptions): KubeObject[] {
    if (!bucket) return [];
    const labels = parseLabelSelector(opts.labelSelector);
    const fields = parseFieldSelector(opts.fieldSelector);
    const ns = ref.namespaced === false ? undefined : opts.namespace || undefined;
    const all = sortedObjects(bucket);
    let from = 0;
    let to = all.length;
    if (ns) {
      const keys = sortedKeys(bucket);
      from = lowerBound(keys, `${ns}/`);
      to = lowerBound(keys, `${ns}0`); // '0' sorts right after '/'
    }
    if (!opts.labelSelector && !opts.fieldSelector) return from === 0 && to === all.length ? all : all.slice(from, to);
    const out: KubeObject[] = [];
    for (let i = from; i < to; i++) {
      const obj = all[i] as KubeObject;
      if (labels(obj) && fields(obj)) out.push(obj);
    }
    return out;
  }

  function page(snap: Snapshot, id: string, start: number, limit: number | undefined): ListResult {
    const end = limit && limit > 0 ? Math.min(snap.items.length, start + limit) : snap.items.length;
    const result: ListResult = { items: snap.items.slice(start, end), resourceVersion: String(snap.rv) };
    if (end < snap.items.length) {
      const token: ContinueToken = { v: 'meta.k8s.io/v1', rv: snap.rv, start: end, id };
      result.continue = Buffer.from(JSON.stringify(token)).toString('base64url');
      result.remainingItemCount = snap.items.length - end;
    } else {
      snapshots.delete(id);
    }
    return result;
  }

  return {
    list(bucket, ref, opts) {
      if (opts.continue) {
        const token = decodeToken(opts.continue);
        const snap = snapshots.get(token.id);
        if (!snap) {
          throw new StoreError(
            410,
            'Expired',
            'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
          );
        }
        snap.at = Date.now();
        return page(snap, token.id, token.start, opts.limit);
      }
      const items = filtered(bucket, ref, opts);
      const snap: Snapshot = { items, rv: currentRv(), at: Date.now() };
      if (!opts.limit || opts.limit <= 0 || items.length <= opts.limit) {
        return { items, resourceVersion: String(snap.rv) };
      }
      prune();
      const id = String(++nextId);
      snapshots.set(id, snap);
      return page(snap, id, 0, opts.limit);
    },
  };
}
