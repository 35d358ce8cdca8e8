import { describe, expect, it } from 'vitest';
import { createCacheStore } from './cache-store.js';
import { cachedKind } from './cached-object.js';

/** A small deterministic random source, so a failure replays. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

const pod = (ns: string, name: string, app: string, rv: number) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { namespace: ns, name, resourceVersion: String(rv), labels: { app, tier: rv % 2 ? 'a' : 'b' } },
});

describe('cache store snapshots', () => {
  it('answers lists after every mix of changes as if sorted from scratch, and a snapshot being read never changes', () => {
    const rand = random(7);
    const store = createCacheStore(cachedKind('v1', 'Pod'));
    const truth = new Map<string, { ns: string; name: string; app: string }>();
    let rv = 1;
    const put = (ns: string, name: string, app: string) => {
      store.put(store.make(pod(ns, name, app, ++rv)));
      truth.set(`${ns}/${name}`, { ns, name, app });
    };
    for (let i = 0; i < 400; i++) put(`ns-${i % 7}`, `p-${Math.floor(rand() * 1000)}`, `app-${i % 5}`);
    for (let step = 0; step < 300; step++) {
      // A burst of changes: updates (same or other labels), new objects, deletions; every third burst only
      // updates (positions stay, so label indexes are kept unless a label's value changed).
      const burst = 1 + Math.floor(rand() * 12);
      const onlyUpdates = step % 3 === 0;
      for (let i = 0; i < burst; i++) {
        const keys = [...truth.keys()];
        const r = onlyUpdates ? 0 : rand();
        if (r < 0.5 && keys.length) {
          const k = keys[Math.floor(rand() * keys.length)] as string;
          const t = truth.get(k)!;
          put(t.ns, t.name, rand() < 0.5 ? t.app : `app-${Math.floor(rand() * 5)}`);
        } else if (r < 0.75) put(`ns-${Math.floor(rand() * 7)}`, `p-${Math.floor(rand() * 1000)}`, 'app-1');
        else if (keys.length) {
          const k = keys[Math.floor(rand() * keys.length)] as string;
          store.remove(k);
          truth.delete(k);
        }
      }
      const before = store.iterate();
      const firstBefore = before.next().value?.key;
      const sorted = [...truth.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const app = `app-${step % 5}`;
      expect(store.list({}, 'all', '1').items.map((e) => e.key)).toEqual(sorted);
      expect(store.list({ labelSelector: `app=${app}` }, 'all', '1').items.map((e) => e.key)).toEqual(
        sorted.filter((k) => truth.get(k)?.app === app),
      );
      const page = store.list({ labelSelector: 'app in (app-1,app-2)', limit: 5 }, 'all', '1');
      expect(page.items.map((e) => e.key)).toEqual(
        sorted.filter((k) => ['app-1', 'app-2'].includes(truth.get(k)?.app ?? '')).slice(0, 5),
      );
      // Changes made while a snapshot is iterated are not seen by it.
      put('ns-0', `late-${step}`, app);
      const rest = [...before].map((e) => e.key);
      expect(rest).not.toContain(`ns-0/late-${step}`);
      expect([firstBefore, ...rest].filter(Boolean)).toEqual(sorted);
      // Index the snapshot with that object, so the next burst of updates starts from a built label index.
      store.list({ labelSelector: 'app=app-0' }, 'all', '1');
    }
  });
});
