/**
 * The recent events of one watched resource, so a reconnecting client can resume from the
 * resourceVersion it last saw. Bounded by count. resourceVersions are compared as integers (what etcd
 * and kube-sim use); a non-numeric one cannot be resumed from and yields a resync.
 */
import type { CacheEvent } from '../clusters/watch-cache.js';

export interface RingEntry {
  rv: bigint;
  event: CacheEvent;
}

export interface EventRing {
  push(entry: RingEntry): void;
  /** Events after rv, oldest first; undefined when the ring does not reach back that far. */
  since(rv: string): RingEntry[] | undefined;
  /** Forget everything: only versions from `floor` on can be resumed from. */
  reset(floor: string): void;
  /** The newest resourceVersion the ring covers up to. */
  last(): bigint | undefined;
  size(): number;
}

export function parseRv(rv: string | undefined): bigint | undefined {
  if (!rv || !/^\d{1,30}$/.test(rv)) return undefined;
  return BigInt(rv);
}

export function createEventRing(capacity: number, floor: string): EventRing {
  const entries: Array<RingEntry | undefined> = new Array(Math.max(capacity, 0));
  let start = 0;
  let count = 0;
  // Every event with rv > low is in the ring (undefined: nothing can be resumed).
  let low = parseRv(floor);
  let newest = low;

  return {
    push(entry) {
      newest = entry.rv;
      if (capacity === 0) {
        low = entry.rv;
        return;
      }
      if (count === capacity) {
        low = entries[start]!.rv;
        entries[start] = entry;
        start = (start + 1) % capacity;
      } else {
        entries[(start + count) % capacity] = entry;
        count++;
      }
    },
    since(rv) {
      const from = parseRv(rv);
      if (from === undefined || low === undefined || from < low) return undefined;
      const out: RingEntry[] = [];
      for (let i = 0; i < count; i++) {
        const e = entries[(start + i) % capacity]!;
        if (e.rv > from) out.push(e);
      }
      return out;
    },
    reset(f) {
      entries.fill(undefined);
      start = 0;
      count = 0;
      low = parseRv(f);
      newest = low;
    },
    last: () => newest,
    size: () => count,
  };
}
