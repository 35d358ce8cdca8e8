import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimFixture, startSimFixture } from '../testing/sim-fixture.js';

let f: SimFixture;
let loadMs = 0;

beforeAll(async () => {
  const t = Date.now();
  f = await startSimFixture({ scenario: 'scale', pods: 50_000, controllers: false, churnPerSecond: 200 });
  loadMs = Date.now() - t;
}, 120_000);

afterAll(async () => {
  await f.close();
});

describe('50 000 pods', () => {
  it('loads, pages through every pod, serves kubectl and keeps a watch flowing under churn', async () => {
    expect(f.sim.store.count({ group: '', version: 'v1', resource: 'pods' })).toBeGreaterThanOrEqual(49_900);
    console.log(`[kube-sim] 50k pods loaded in ${loadMs} ms`);

    let seen = 0;
    let cont = '';
    const t = Date.now();
    do {
      const res = await fetch(`${f.sim.url}/api/v1/pods?limit=5000${cont ? `&continue=${cont}` : ''}`);
      const page = (await res.json()) as { items: unknown[]; metadata: { continue?: string } };
      seen += page.items.length;
      cont = page.metadata.continue ?? '';
    } while (cont);
    expect(seen).toBeGreaterThanOrEqual(49_900);
    console.log(`[kube-sim] paged through ${seen} pods in ${Date.now() - t} ms`);

    const ns = (await f.kubectl.run(['get', 'ns', '-o', 'jsonpath={.items[-1].metadata.name}'])).stdout;
    const r = await f.kubectl.run(['get', 'pods', '-n', ns, '--no-headers'], { timeoutMs: 60_000 });
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').length).toBeGreaterThan(10);

    const rv = f.sim.store.currentResourceVersion();
    const ctrl = new AbortController();
    const res = await fetch(`${f.sim.url}/api/v1/pods?watch=1&resourceVersion=${rv}`, { signal: ctrl.signal });
    const reader = res.body?.getReader();
    let lines = 0;
    const until = Date.now() + 10_000;
    while (reader && lines < 20 && Date.now() < until) {
      const { value, done } = await reader.read();
      if (done) break;
      lines += Buffer.from(value).toString().split('\n').length - 1;
    }
    ctrl.abort();
    expect(lines).toBeGreaterThanOrEqual(20);
  }, 180_000);
});
