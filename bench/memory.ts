/**
 * Memory: Argus's RSS and heap with three clusters of 10,000 pods each in its watch caches (the
 * sims run in child processes, so their memory is not counted). Figure: retained heap per cached
 * object; baseline: the object's JSON size (as kube-sim serves it). No target is set by issue 11.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startBenchServer } from './lib/argus-server.js';
import { report } from './lib/report.js';
import { type SimProcess, spawnScaleSim } from './lib/sim-process.js';

const PODS = 10_000;
const CLUSTERS = 3;
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const settle = async () => {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 100));
  }
  return process.memoryUsage();
};
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

const dir = await mkdtemp(join(tmpdir(), 'argus-bench-'));
const sims: SimProcess[] = [];
const argus = await startBenchServer();
try {
  for (let i = 0; i < CLUSTERS; i++) sims.push(await spawnScaleSim(dir, `sim${i}`, PODS));
  const token = (sims[0]?.kubeconfig.match(/token: (\S+)/) ?? [])[1];
  const sample = (await (
    await fetch(`${sims[0]?.url}/api/v1/pods`, { headers: { authorization: `Bearer ${token}` } })
  ).json()) as { items: unknown[] };
  const jsonBytes =
    sample.items.reduce<number>((n, o) => n + Buffer.byteLength(JSON.stringify(o)), 0) / sample.items.length;
  // Exercise the server once before the baseline so lazily loaded code is not counted as cache.
  await (await argus.fetch('/api/clusters', { token: argus.adminToken })).arrayBuffer();
  const before = await settle();
  let cached = 0;
  for (const [i, sim] of sims.entries()) {
    const id = await argus.addCluster(`scale-${i}`, sim.kubeconfig);
    for (let attempt = 0; attempt < 120; attempt++) {
      const res = await argus.fetch(`/api/clusters/${id}/resources/core/v1/pods?limit=1`, { token: argus.adminToken });
      await res.arrayBuffer();
      if (res.status === 200) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    cached += PODS;
  }
  const after = await settle();
  const perObject = (after.heapUsed + after.external - before.heapUsed - before.external) / cached;
  report({
    name: 'memory',
    figure: `${perObject.toFixed(0)} B heap per cached pod (RSS ${mb(before.rss)} → ${mb(after.rss)}, heap ${mb(before.heapUsed)} → ${mb(after.heapUsed)})`,
    baseline: `${jsonBytes.toFixed(0)} B JSON per pod`,
    ratio: perObject / jsonBytes,
    target: 'none set',
    met: undefined,
    extra: `${CLUSTERS} clusters × ${PODS} pods cached; RSS per pod ${((after.rss - before.rss) / cached).toFixed(0)} B`,
  });
} finally {
  await argus.stop();
  for (const s of sims) s.stop();
  await rm(dir, { recursive: true, force: true });
}
