/**
 * Memory: Argus's RSS and heap with three clusters of 10,000 pods each in its watch caches (the
 * sims run in child processes, so their memory is not counted). Figure: retained heap (+ external)
 * per cached object, the median of BENCH_ROUNDS rounds (default 3: add the clusters, sync, measure,
 * remove them); baseline: the object's JSON size (as kube-sim serves it). Target (issue 24): ≤ 1.5×.
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
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const TARGET = 1.5;
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
  const perPod: number[] = [];
  let rss = '';
  for (let round = 0; round < ROUNDS; round++) {
    const before = await settle();
    const ids: string[] = [];
    for (const [i, sim] of sims.entries()) {
      const id = await argus.addCluster(`scale-${round}-${i}`, sim.kubeconfig);
      ids.push(id);
      for (let attempt = 0; attempt < 120; attempt++) {
        const res = await argus.fetch(`/api/clusters/${id}/resources/core/v1/pods?limit=1`, {
          token: argus.adminToken,
        });
        await res.arrayBuffer();
        if (res.status === 200) break;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    const after = await settle();
    const cached = CLUSTERS * PODS;
    perPod.push((after.heapUsed + after.external - before.heapUsed - before.external) / cached);
    if (round === 0)
      rss = `RSS ${mb(before.rss)} → ${mb(after.rss)}, heap ${mb(before.heapUsed)} → ${mb(after.heapUsed)}; RSS per pod ${((after.rss - before.rss) / cached).toFixed(0)} B`;
    // Removing a cluster stops its caches: the next round starts from an empty cache again.
    for (const id of ids) {
      const res = await argus.fetch(`/api/clusters/${id}`, { method: 'DELETE', token: argus.adminToken });
      await res.arrayBuffer();
    }
  }
  const sorted = [...perPod].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const ratio = median / jsonBytes;
  report({
    name: 'memory',
    figure: `${median.toFixed(0)} B heap per cached pod (median of ${ROUNDS}: ${perPod.map((n) => n.toFixed(0)).join(', ')} B)`,
    baseline: `${jsonBytes.toFixed(0)} B JSON per pod`,
    ratio,
    target: `≤ ${TARGET.toFixed(2)}×`,
    met: ratio <= TARGET,
    extra: `${CLUSTERS} clusters × ${PODS} pods cached; spread ${(sorted[0]! / jsonBytes).toFixed(2)}–${(sorted[sorted.length - 1]! / jsonBytes).toFixed(2)}×; first round ${rss}`,
  });
} finally {
  await argus.stop();
  for (const s of sims) s.stop();
  await rm(dir, { recursive: true, force: true });
}
