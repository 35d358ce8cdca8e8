/**
 * Memory: Argus's RSS and heap with three clusters of 10,000 pods each in its watch caches (the
 * sims run in child processes, so their memory is not counted). Figure: retained heap (+ external)
 * per byte of cached JSON, the median of BENCH_ROUNDS rounds (default 3: add the clusters, sync, measure,
 * remove them). Every cache a registered cluster gets counts, not only the pods': the alert signals
 * (issue 19) also cache the clusters' Deployments, ReplicaSets and Nodes (1,000 + 1,000 + 100 per sim).
 * Baseline: the cached objects' JSON size (the caches' own byte count, UTF-8; the pods' size as kube-sim
 * serves them is printed beside it). Target (issue 24): ≤ 1.5×.
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
  const perByte: number[] = [];
  let kinds = '';
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
    // Let every cache of these clusters sync (the signals' caches start after the pods'): measured mid-sync, the
    // heap holds a list on its way in that no cache counts yet. Synced = every cache of these clusters synced and
    // no new one for 2 s (at least 3 s, at most 60 s).
    const t0 = Date.now();
    let seen = -1;
    let steadySince = Date.now();
    while (Date.now() - t0 < 60_000) {
      await new Promise((r) => setTimeout(r, 250));
      const mine = argus.server.clusters.caches.stats().caches.filter((c) => ids.includes(c.cluster));
      if (mine.length !== seen || mine.some((c) => c.state !== 'synced')) {
        seen = mine.length;
        steadySince = Date.now();
      } else if (Date.now() - steadySince >= 2_000 && Date.now() - t0 >= 3_000) break;
    }
    const after = await settle();
    const cached = CLUSTERS * PODS;
    const mine = argus.server.clusters.caches.stats().caches.filter((c) => ids.includes(c.cluster));
    const objects = mine.reduce((n, c) => n + c.objects, 0);
    const bytes = mine.reduce((n, c) => n + c.bytes, 0);
    const grown = after.heapUsed + after.external - before.heapUsed - before.external;
    perPod.push(grown / cached);
    perByte.push(grown / bytes);
    if (round === 0)
      kinds = `${objects} objects cached (${mine
        .filter((c) => c.objects > 0)
        .map((c) => c.resource)
        .filter((r, i, all) => all.indexOf(r) === i)
        .join(', ')}), ${(bytes / 1024 / 1024).toFixed(1)} MB of JSON`;
    if (round === 0)
      rss = `RSS ${mb(before.rss)} → ${mb(after.rss)}, heap ${mb(before.heapUsed)} → ${mb(after.heapUsed)}; RSS per pod ${((after.rss - before.rss) / cached).toFixed(0)} B`;
    // Removing a cluster stops its caches: the next round starts from an empty cache again.
    for (const id of ids) {
      const res = await argus.fetch(`/api/clusters/${id}`, { method: 'DELETE', token: argus.adminToken });
      await res.arrayBuffer();
    }
  }
  const byMedian = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const ratio = byMedian(perByte);
  report({
    name: 'memory',
    figure: `${ratio.toFixed(2)} B of heap per byte of cached JSON (median of ${ROUNDS}: ${perByte.map((n) => n.toFixed(2)).join(', ')})`,
    baseline: `the cached objects' JSON (pods ${jsonBytes.toFixed(0)} B each as kube-sim serves them)`,
    ratio,
    target: `≤ ${TARGET.toFixed(2)}×`,
    met: ratio <= TARGET,
    extra: `${CLUSTERS} clusters × ${PODS} pods; ${kinds}; heap per pod ${byMedian(perPod).toFixed(0)} B (all caches over the pods); spread ${Math.min(...perByte).toFixed(2)}–${Math.max(...perByte).toFixed(2)}×; first round ${rss}`,
  });
} finally {
  await argus.stop();
  for (const s of sims) s.stop();
  await rm(dir, { recursive: true, force: true });
}
