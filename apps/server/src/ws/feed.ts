/**
 * One watched cluster resource as the hub sees it: a single listener on the shared watch cache (so one
 * upstream watch serves every subscriber), events batched per event-loop turn, a ring of recent events for
 * resuming, and the subscribers to fan out to. A relist (after 410 Gone) emits the differences; those
 * are delivered but cannot be resumed across, so the ring starts again after one.
 */
import type { ResourceInfo } from '../clusters/discovery.js';
import { redactCached } from '../clusters/secret-redaction.js';
import type { CacheEvent, WatchCache } from '../clusters/watch-cache.js';
import { createEventRing, type EventRing, parseRv } from './event-ring.js';
import { textFrame, type WireFrame } from './ws-frame.js';

export interface FeedEvent {
  event: CacheEvent;
  rv: bigint | undefined;
  /**
   * The event frame for a subscription id, encoded once for every subscriber that uses the same id and
   * type: 1,000 subscribers of one event share one buffer instead of building and encoding 1,000 strings.
   * `redacted`: the object is a Secret shown without its values (redactCached). The object is never
   * parsed for a frame: the cache keeps its JSON.
   */
  frame(type: string, idJson: string, redacted?: boolean): Buffer;
  /** The same frame with its WebSocket header: the bytes every subscriber's socket gets (ws-frame.ts). */
  wire(type: string, idJson: string, redacted?: boolean): WireFrame;
}

/** The text of an event frame (a subscription's `id` already as JSON). */
export const eventFrame = (idJson: string, type: string, json: string) =>
  `{"type":"event","id":${idJson},"event":"${type}","object":${json}}`;

export interface FeedBatch {
  events: FeedEvent[];
  /** Differences emitted by a relist: not in resourceVersion order. */
  relist: boolean;
}

export interface FeedSubscriber {
  deliver(batch: FeedBatch): void;
  /** The watch behind the feed stopped (cluster removed, cache over budget): no more events. */
  ended(reason: string): void;
}

export interface Feed {
  readonly key: string;
  readonly clusterId: string;
  readonly info: ResourceInfo;
  readonly cache: WatchCache;
  readonly ring: EventRing;
  add(s: FeedSubscriber): void;
  remove(s: FeedSubscriber): void;
  subscribers(): number;
  /** Whether the cache behind it still runs. */
  alive(): boolean;
  end(reason: string): void;
}

export interface FeedOptions {
  key: string;
  clusterId: string;
  info: ResourceInfo;
  cache: WatchCache;
  ringSize: number;
  onBatch(feed: Feed, batch: FeedBatch): void;
}

export function feedEvent(event: CacheEvent): FeedEvent {
  let frames: Map<string, WireFrame> | undefined;
  // The frame asked last: a batch's subscribers mostly share id and type, and then skip building a map key.
  let lastType = '';
  let lastId = '';
  let lastRedacted = false;
  let last: WireFrame | undefined;
  function wire(type: string, idJson: string, redacted = false): WireFrame {
    if (last !== undefined && type === lastType && idJson === lastId && redacted === lastRedacted) return last;
    const key = `${type} ${idJson}${redacted ? ' redacted' : ''}`;
    frames ??= new Map();
    let f = frames.get(key);
    if (!f) {
      f = textFrame(eventFrame(idJson, type, (redacted ? redactCached(event.entry) : event.entry).json));
      frames.set(key, f);
    }
    lastType = type;
    lastId = idJson;
    lastRedacted = redacted;
    last = f;
    return f;
  }
  return {
    event,
    rv: parseRv(event.entry.resourceVersion),
    frame: (type, idJson, redacted) => wire(type, idJson, redacted).payload,
    wire,
  };
}

export function createFeed(opts: FeedOptions): Feed {
  const { cache } = opts;
  const subs = new Set<FeedSubscriber>();
  const ring = createEventRing(opts.ringSize, cache.resourceVersion);
  let relists = cache.stats().relists;
  let pending: CacheEvent[] = [];
  let scheduled = false;
  let ended = false;

  function flush(): void {
    scheduled = false;
    if (ended) return;
    const raw = pending;
    pending = [];
    const now = cache.stats().relists;
    const relist = now !== relists;
    relists = now;
    const events = raw.map((e) => feedEvent(e));
    if (relist) ring.reset(cache.resourceVersion);
    else {
      let ordered = true;
      for (const e of events) {
        const last = ring.last();
        if (e.rv === undefined || (last !== undefined && e.rv <= last)) {
          ordered = false;
          break;
        }
        ring.push({ rv: e.rv, event: e.event });
      }
      if (!ordered) ring.reset(cache.resourceVersion);
    }
    const batch: FeedBatch = { events, relist };
    opts.onBatch(feed, batch);
    for (const s of subs) s.deliver(batch);
  }

  const unsubscribe = cache.subscribe((ev) => {
    pending.push(ev);
    if (!scheduled) {
      scheduled = true;
      // After the I/O of this loop turn, not at the next microtask: the watch stream yields its events one
      // microtask apart, and a batch per event cost every subscriber one socket write per event; a batch
      // of what arrived together leaves in one write per subscriber (Outbox cork).
      setImmediate(flush);
    }
  });

  const feed: Feed = {
    key: opts.key,
    clusterId: opts.clusterId,
    info: opts.info,
    cache,
    ring,
    add: (s) => void subs.add(s),
    remove: (s) => void subs.delete(s),
    subscribers: () => subs.size,
    alive: () => !ended && cache.state !== 'stopped' && cache.state !== 'overflow',
    end(reason) {
      if (ended) return;
      ended = true;
      unsubscribe();
      for (const s of [...subs]) s.ended(reason);
      subs.clear();
    },
  };
  return feed;
}
