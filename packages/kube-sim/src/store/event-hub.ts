/** Event history (bounded ring) and delivery to watchers and subscribers, strictly in rv order. */
import { expired } from './errors.js';
import { type Matcher, parseFieldSelector, parseLabelSelector } from './selectors.js';
import type { KubeObject, StoreEvent, SubscribeFilter, WatchOptions } from './types.js';

export interface HubEvent extends StoreEvent {
  /** the object before the change (MODIFIED), for selector transitions */
  prev: KubeObject | undefined;
}

interface WatchEntry {
  resourceKey: string;
  namespace: string | undefined;
  labels: Matcher;
  fields: Matcher;
  /** deliver only events newer than this */
  afterRv: number;
  send: (ev: StoreEvent) => void;
}

interface SubscriberEntry {
  keys: Set<string> | undefined;
  listener: (ev: StoreEvent) => void;
}

export interface EventHub {
  publish(ev: HubEvent, record: boolean): void;
  /** forget history up to rv (bulk loads bypass the history) */
  compactTo(rv: number): void;
  addWatch(
    resourceKey: string,
    opts: WatchOptions,
    currentRv: number,
    initial: () => KubeObject[],
    send: (ev: StoreEvent) => void,
  ): () => void;
  subscribe(listener: (ev: StoreEvent) => void, filter?: SubscribeFilter): () => void;
}

function inNamespace(obj: KubeObject, ns: string | undefined): boolean {
  return !ns || obj.metadata.namespace === ns;
}

export function createEventHub(historySize: number): EventHub {
  const ring: Array<HubEvent | undefined> = new Array(historySize);
  let head = 0; // next write position
  let size = 0;
  let compactedRv = 0;
  const watches = new Map<string, Set<WatchEntry>>();
  const subscribers = new Set<SubscriberEntry>();
  const queue: HubEvent[] = [];
  let draining = false;

  function deliverToWatch(w: WatchEntry, ev: HubEvent): void {
    if (ev.rv <= w.afterRv) return;
    const now = inNamespace(ev.object, w.namespace) && w.labels(ev.object) && w.fields(ev.object);
    if (ev.type === 'ADDED') {
      if (now) w.send({ type: 'ADDED', resourceKey: ev.resourceKey, object: ev.object, rv: ev.rv });
      return;
    }
    if (ev.type === 'DELETED') {
      if (now) w.send({ type: 'DELETED', resourceKey: ev.resourceKey, object: ev.object, rv: ev.rv });
      return;
    }
    const before = ev.prev !== undefined && inNamespace(ev.prev, w.namespace) && w.labels(ev.prev) && w.fields(ev.prev);
    let type: StoreEvent['type'] | undefined;
    if (before && now) type = 'MODIFIED';
    else if (!before && now) type = 'ADDED';
    else if (before && !now) type = 'DELETED';
    if (type) w.send({ type, resourceKey: ev.resourceKey, object: ev.object, rv: ev.rv });
  }

  function safe(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      // a failing listener must never break the store
      process.emitWarning(`kube-sim listener failed: ${String(err)}`);
    }
  }

  function drain(): void {
    if (draining) return;
    draining = true;
    try {
      for (let ev = queue.shift(); ev !== undefined; ev = queue.shift()) {
        const current = ev;
        const ws = watches.get(current.resourceKey);
        if (ws) for (const w of [...ws]) safe(() => deliverToWatch(w, current));
        const plain: StoreEvent = {
          type: current.type,
          resourceKey: current.resourceKey,
          object: current.object,
          rv: current.rv,
        };
        for (const s of [...subscribers]) {
          if (s.keys && !s.keys.has(current.resourceKey)) continue;
          safe(() => s.listener(plain));
        }
      }
    } finally {
      draining = false;
    }
  }

  return {
    publish(ev, record) {
      if (record) {
        if (size === historySize) {
          const old = ring[head];
          if (old) compactedRv = old.rv;
        } else size++;
        ring[head] = ev;
        head = (head + 1) % historySize;
      }
      queue.push(ev);
      drain();
    },
    compactTo(rv) {
      compactedRv = Math.max(compactedRv, rv);
      if (size > 0) ring.fill(undefined);
      head = 0;
      size = 0;
    },
    addWatch(resourceKey, opts, currentRv, initial, send) {
      const entry: WatchEntry = {
        resourceKey,
        namespace: opts.namespace || undefined,
        labels: parseLabelSelector(opts.labelSelector),
        fields: parseFieldSelector(opts.fieldSelector),
        afterRv: currentRv,
        send,
      };
      const rvText = opts.resourceVersion ?? '';
      if (rvText === '' || rvText === '0') {
        for (const obj of initial()) {
          if (inNamespace(obj, entry.namespace) && entry.labels(obj) && entry.fields(obj)) {
            send({ type: 'ADDED', resourceKey, object: obj, rv: Number(obj.metadata.resourceVersion) });
          }
        }
      } else {
        const from = Number(rvText);
        if (!Number.isFinite(from) || from < 0) throw expired(`too old resource version: ${rvText}`);
        if (from < compactedRv) {
          throw expired(`too old resource version: ${from} (${compactedRv})`);
        }
        const start = (head - size + historySize) % historySize;
        for (let i = 0; i < size; i++) {
          const ev = ring[(start + i) % historySize];
          if (ev && ev.rv > from && ev.rv <= currentRv && ev.resourceKey === resourceKey) {
            deliverToWatch({ ...entry, afterRv: from }, ev);
          }
        }
      }
      let set = watches.get(resourceKey);
      if (!set) {
        set = new Set();
        watches.set(resourceKey, set);
      }
      set.add(entry);
      return () => {
        watches.get(resourceKey)?.delete(entry);
      };
    },
    subscribe(listener, filter) {
      const entry: SubscriberEntry = {
        keys: filter?.resourceKeys ? new Set(filter.resourceKeys) : undefined,
        listener,
      };
      subscribers.add(entry);
      return () => {
        subscribers.delete(entry);
      };
    },
  };
}
