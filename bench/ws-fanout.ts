/**
 * Live fan-out: 1,000 WebSocket subscribers to a cluster's pods while kube-sim (child process)
 * churns. Delivered events/s and p99 latency (from the moment the change reached this machine, seen by a
 * reference watch in its own worker thread, so neither server under test delays its clock) through Argus's
 * hub, against a bare `ws` server on the main thread broadcasting its own watch's events to 1,000 clients,
 * in the same process.
 * For each churn rate (BENCH_CHURN, pod changes/s, comma-separated; default "20,40"), BENCH_ROUNDS (default 3)
 * alternating rounds: Argus's subscribers connect, are measured for BENCH_WINDOW_MS and leave, then the bare
 * server's do the same; each ratio is the median of the rounds' ratios, printed with its spread.
 * Targets (issue 24): p99 ≤ 1.5× the bare server's p99 in the same run, throughput ≥ 0.7×, at churn 20 and 40.
 * The subscribers run in a worker thread, the reference watch in another; the bare broadcaster only sends during
 * its own rounds. (Until 2026-12-07 the reference watch ran on the main thread: the bare broadcaster's send loop
 * for one change then delayed the timestamps of the changes behind it, which understated the baseline's p99.) On the
 * 2-vCPU machine of docs/benchmarks.md the hub saturates around 80 changes/s: 40 is "half of maximum load".
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { startBenchServer } from './lib/argus-server.js';
import { percentile } from './lib/load.js';
import { referenceTimes, watchPods } from './lib/reference-watch.js';
import { report } from './lib/report.js';
import { type SimProcess, spawnScaleSim } from './lib/sim-process.js';
import { median, spread } from './lib/stats.js';
import { connectSubscribers } from './lib/ws-clients.js';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1_000);
const CHURNS = (process.env.BENCH_CHURN ?? '20,40').split(',').map(Number);
const ROUNDS = Math.max(3, Number(process.env.BENCH_ROUNDS ?? 3));
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 10_000);
const P99_TARGET = 1.5;
const THROUGHPUT_TARGET = 0.7;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const dir = await mkdtemp(join(tmpdir(), 'argus-bench-'));
const argus = await startBenchServer();
const bare = new WebSocketServer({ host: '127.0.0.1', port: 0 });
await new Promise((resolve) => bare.once('listening', resolve));
const barePort = (bare.address() as { port: number }).port;
const sims: SimProcess[] = [];

try {
  for (const churn of CHURNS) {
    const sim = await spawnScaleSim(dir, `churn-${churn}`, 1_000, churn);
    sims.push(sim);
    const token = (sim.kubeconfig.match(/token: (\S+)/) ?? [])[1] as string;
    const ref = await referenceTimes(sim.url, token);
    const bareWatch = await watchPods(sim.url, token);
    let bareOn = false;
    bareWatch.onEvent((type, object) => {
      if (!bareOn) return;
      const msg = JSON.stringify({ type: 'event', id: 's1', event: type, object });
      for (const c of bare.clients) c.send(msg);
    });
    try {
      const clusterId = await argus.addCluster(`churn-${churn}`, sim.kubeconfig);
      const measure = async (url: string, hello?: Parameters<typeof connectSubscribers>[3]) => {
        const subs = await connectSubscribers(url, SUBSCRIBERS, ref.snapshot, hello);
        await sleep(1_000);
        subs.start();
        await sleep(WINDOW_MS);
        const r = await subs.stop();
        await subs.close();
        return { perSecond: r.delivered / r.seconds, p99: percentile(r.latenciesMs, 99), resyncs: r.resyncs };
      };
      const rounds: { a: Awaited<ReturnType<typeof measure>>; b: Awaited<ReturnType<typeof measure>> }[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const a = await measure(`${argus.url.replace(/^http/, 'ws')}/ws`, {
          hello: [
            { type: 'auth', token: argus.adminToken },
            { type: 'subscribe', id: 's1', cluster: clusterId, group: 'core', version: 'v1', resource: 'pods' },
          ],
          readyType: 'subscribed',
        });
        bareOn = true;
        const b = await measure(`ws://127.0.0.1:${barePort}`);
        bareOn = false;
        rounds.push({ a, b });
      }
      const throughput = rounds.map((r) => r.a.perSecond / r.b.perSecond);
      const p99Ratios = rounds.map((r) => r.a.p99 / r.b.p99);
      const tRatio = median(throughput);
      const pRatio = median(p99Ratios);
      const met = tRatio >= THROUGHPUT_TARGET && pRatio <= P99_TARGET;

      report({
        name: 'ws-fanout',
        figure: `churn ${churn}/s: p99 ${median(rounds.map((r) => r.a.p99)).toFixed(1)} ms, ${median(rounds.map((r) => r.a.perSecond)).toFixed(0)} events/s delivered`,
        baseline: `bare ws p99 ${median(rounds.map((r) => r.b.p99)).toFixed(1)} ms, ${median(rounds.map((r) => r.b.perSecond)).toFixed(0)} events/s`,
        ratio: pRatio,
        target: `p99 ≤ ${P99_TARGET.toFixed(2)}× bare, throughput ≥ ${THROUGHPUT_TARGET.toFixed(2)}×`,
        met,
        extra:
          `p99 ratio median of ${ROUNDS} alternating rounds, ${spread(p99Ratios)}; throughput ratio ${tRatio.toFixed(2)} (${spread(throughput)}); ` +
          `p99 Argus ${rounds.map((r) => r.a.p99.toFixed(0)).join('/')} ms, bare ${rounds.map((r) => r.b.p99.toFixed(0)).join('/')} ms; ` +
          `${SUBSCRIBERS} subscribers, ${WINDOW_MS / 1000} s windows, Argus resyncs ${rounds.reduce((n, r) => n + r.a.resyncs, 0)}`,
      });
      // The next churn rate gets the server (and the machine) to itself.
      await argus.fetch(`/api/clusters/${clusterId}`, { method: 'DELETE', token: argus.adminToken });
    } finally {
      await ref.stop();
      bareWatch.stop();
      sim.stop();
    }
  }
} finally {
  bare.close();
  await argus.stop();
  for (const sim of sims) sim.stop();
  await rm(dir, { recursive: true, force: true });
}
