import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KubeSim, startKubeSim } from '../index.js';

let sim: KubeSim;
const CM = { group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap' };

beforeAll(async () => {
  sim = await startKubeSim({ scenario: 'empty', controllers: false, bookmarkIntervalMs: 100 });
});

afterAll(async () => {
  await sim.close();
});

async function readEvents(
  url: string,
  until: (events: Array<{ type: string; object: Record<string, unknown> }>) => boolean,
): Promise<{ events: Array<{ type: string; object: Record<string, unknown> }>; headers: Headers }> {
  const ctrl = new AbortController();
  const res = await fetch(url, { signal: ctrl.signal });
  const events: Array<{ type: string; object: Record<string, unknown> }> = [];
  const reader = res.body?.getReader();
  let buf = '';
  const dec = new TextDecoder();
  while (reader) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += dec.decode(value, { stream: true });
    let nl = buf.indexOf('\n');
    while (nl >= 0) {
      events.push(JSON.parse(buf.slice(0, nl)) as { type: string; object: Record<string, unknown> });
      buf = buf.slice(nl + 1);
      nl = buf.indexOf('\n');
    }
    if (until(events)) break;
  }
  ctrl.abort();
  return { events, headers: res.headers };
}

describe('watch over HTTP', () => {
  it('streams changes after a resourceVersion, with bookmarks, and ends at timeoutSeconds', async () => {
    const rv = String(sim.store.currentResourceVersion());
    setTimeout(() => sim.store.create(CM, { metadata: { name: 'a', namespace: 'default' } }), 50);
    const { events, headers } = await readEvents(
      `${sim.url}/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${rv}&allowWatchBookmarks=true&timeoutSeconds=2`,
      (e) => e.some((x) => x.type === 'BOOKMARK') && e.some((x) => x.type === 'ADDED'),
    );
    expect(headers.get('content-type')).toBe('application/json');
    expect(events[0]?.type).toBe('ADDED');
    expect(events[0]?.object).toMatchObject({ metadata: { name: 'a' } });
    const bm = events.find((e) => e.type === 'BOOKMARK');
    expect(bm?.object).toMatchObject({ kind: 'ConfigMap', apiVersion: 'v1' });
    const t = Date.now();
    const ended = await readEvents(
      `${sim.url}/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${sim.store.currentResourceVersion()}&timeoutSeconds=1`,
      () => false,
    );
    expect(ended.events).toEqual([]);
    expect(Date.now() - t).toBeGreaterThanOrEqual(900);
  });

  it('answers a too-old resourceVersion with a 410 Expired ERROR event', async () => {
    for (let i = 0; i < 20_100; i++) sim.store.create(CM, { metadata: { name: `bulk-${i}`, namespace: 'default' } });
    const { events } = await readEvents(
      `${sim.url}/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=2`,
      (e) => e.length > 0,
    );
    expect(events[0]?.type).toBe('ERROR');
    expect(events[0]?.object).toMatchObject({ kind: 'Status', code: 410, reason: 'Expired' });
  });

  it('watches a single object by name as kubectl delete --wait does', async () => {
    const rv = String(sim.store.currentResourceVersion());
    setTimeout(() => {
      sim.store.create(CM, { metadata: { name: 'other', namespace: 'default' } });
      sim.store.delete(CM, 'default', 'a');
    }, 50);
    const { events } = await readEvents(
      `${sim.url}/api/v1/namespaces/default/configmaps?watch=true&fieldSelector=metadata.name%3Da&resourceVersion=${rv}`,
      (e) => e.length > 0,
    );
    expect(events.map((e) => e.type)).toEqual(['DELETED']);
  });
});
