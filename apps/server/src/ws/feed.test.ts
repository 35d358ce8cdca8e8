import { describe, expect, it, vi } from 'vitest';
import { cachedKind, cacheObject, NO_POOL } from '../clusters/cached-object.js';
import type { ResourceInfo } from '../clusters/discovery.js';
import type { CacheListener, WatchCache } from '../clusters/watch-cache.js';
import { createEventRing } from './event-ring.js';
import { createFeed, type FeedBatch, feedEvent } from './feed.js';

// Events are batched per event-loop turn.
const turn = () => new Promise((resolve) => setImmediate(resolve));

const info = { group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true } as ResourceInfo;
const pod = (name: string, rv: number) =>
  cacheObject({ metadata: { name, namespace: 'a', resourceVersion: String(rv) } }, cachedKind('v1', 'Pod'), NO_POOL);

function fakeCache() {
  let listener: CacheListener | undefined;
  let relists = 1;
  const cache = {
    resourceVersion: '10',
    state: 'synced',
    subscribe(l: CacheListener) {
      listener = l;
      return () => {
        listener = undefined;
      };
    },
    stats: () => ({ relists }),
  } as unknown as WatchCache;
  return {
    cache,
    emit(type: 'ADDED' | 'MODIFIED' | 'DELETED', name: string, rv: number) {
      (cache as { resourceVersion: string }).resourceVersion = String(Math.max(rv, Number(cache.resourceVersion)));
      listener!({ type, entry: pod(name, rv) });
    },
    relist(rv: number) {
      relists++;
      (cache as { resourceVersion: string }).resourceVersion = String(rv);
    },
  };
}

describe('event ring', () => {
  it('resumes after any version it covers, not before its floor, not from non-numeric versions', () => {
    const ring = createEventRing(3, '10');
    for (const rv of [11, 12, 13, 14])
      ring.push({ rv: BigInt(rv), event: { type: 'ADDED', entry: pod(`p${rv}`, rv) } });
    expect(ring.since('10')).toBeUndefined(); // 11 fell out
    expect(ring.since('11')!.map((e) => Number(e.rv))).toEqual([12, 13, 14]);
    expect(ring.since('14')).toEqual([]);
    expect(ring.since('99')).toEqual([]);
    expect(ring.since('abc')).toBeUndefined();
    ring.reset('20');
    expect(ring.since('14')).toBeUndefined();
    expect(ring.since('20')).toEqual([]);
  });
});

describe('feed', () => {
  it('batches events per event-loop turn, records them for resume, and starts the ring again after a relist', async () => {
    const f = fakeCache();
    const batches: FeedBatch[] = [];
    const feed = createFeed({
      key: 'k',
      clusterId: 'c',
      info,
      cache: f.cache,
      ringSize: 100,
      onBatch: (_f, b) => batches.push(b),
    });
    f.emit('ADDED', 'a', 11);
    f.emit('MODIFIED', 'a', 12);
    await turn();
    expect(batches).toHaveLength(1);
    expect(batches[0]!.events.map((e) => e.event.type)).toEqual(['ADDED', 'MODIFIED']);
    expect(batches[0]!.relist).toBe(false);
    expect(feed.ring.since('10')!.length).toBe(2);

    // A relist emits differences out of order: delivered, flagged, and nothing before it can be resumed.
    f.emit('DELETED', 'a', 12);
    f.emit('ADDED', 'b', 15);
    f.relist(20);
    await turn();
    expect(batches[1]!.relist).toBe(true);
    expect(feed.ring.since('12')).toBeUndefined();
    expect(feed.ring.since('20')).toEqual([]);
    f.emit('ADDED', 'c', 21);
    await turn();
    expect(feed.ring.since('20')!.map((e) => e.event.entry.name)).toEqual(['c']);

    // A version going backwards outside a relist also restarts the ring.
    f.emit('MODIFIED', 'c', 19);
    await turn();
    expect(feed.ring.since('20')).toBeUndefined();
  });
});

describe('feed event', () => {
  it('frames an event from the cached JSON, once per subscription id and type, without parsing the object', () => {
    const entry = pod('p', 5);
    const parse = vi.spyOn(entry, 'object');
    const e = feedEvent({ type: 'MODIFIED', entry });
    const frames = Array.from({ length: 1000 }, () => e.frame('MODIFIED', '"s1"'));
    expect(new Set(frames).size).toBe(1);
    expect(JSON.parse(frames[0]!.toString())).toEqual({
      type: 'event',
      id: 's1',
      event: 'MODIFIED',
      object: { metadata: { name: 'p', namespace: 'a', resourceVersion: '5' } },
    });
    expect(e.frame('DELETED', '"s1"')).not.toBe(frames[0]);
    expect(parse).not.toHaveBeenCalled();
  });
});
