/**
 * Agent tunnel: the same kube-sim registered twice in one Argus, once by kubeconfig (direct) and once
 * through an in-process agent (gRPC tunnel). GET of one pod through the kubectl gateway
 * (/api/clusters/{id}/k8s/…, not served from the watch cache): p50 latency (sequential) and
 * throughput (16 in flight), agent vs direct. Targets: p50 ≤ 1.3×, throughput ≥ 0.8×.
 *
 * BENCH_ROUNDS (default 5, at least 3) rounds; in each, both sides run in alternating blocks (direct, agent,
 * agent, direct, …) so that load from other work on the shared machine falls on both alike: BENCH_SAMPLES
 * sequential GETs per side for p50 (alternating request by request), BENCH_COUNT GETs per side at 16 in
 * flight for throughput. Each ratio is the median of the rounds' ratios, printed with their spread.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { runBenchAgent } from './lib/agent.js';
import { startBenchServer } from './lib/argus-server.js';
import { percentile, runLoad } from './lib/load.js';
import { report } from './lib/report.js';
import { startScaleSim } from './lib/sim.js';
import { median, spread } from './lib/stats.js';

const ROUNDS = Math.max(3, Number(process.env.BENCH_ROUNDS ?? 5));
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);
const THROUGHPUT_COUNT = Number(process.env.BENCH_COUNT ?? 1_200);
const BLOCKS = 4;
const P50_TARGET = 1.3;
const TPUT_TARGET = 0.8;

// TLS: the agent refuses plain HTTP to the Kubernetes API.
const sim = await startScaleSim(1_000, 0, true);
const dir = await mkdtemp(join(tmpdir(), 'argus-bench-'));
await writeFile(join(dir, 'kubeconfig'), sim.kubeconfig());
const argus = await startBenchServer();
const { agent, clusterId: agentId } = await runBenchAgent(argus, {
  name: 'via-agent',
  dir,
  kubeconfig: join(dir, 'kubeconfig'),
});
try {
  const directId = await argus.addCluster('direct', sim.kubeconfig());
  const pods = (await (
    await argus.fetch(`/api/clusters/${directId}/k8s/api/v1/pods?limit=1`, { token: argus.adminToken })
  ).json()) as { items: { metadata: { namespace: string; name: string } }[] };
  const p = pods.items[0];
  if (!p) throw new Error('no pod in the sim');
  const path = (id: string) =>
    `/api/clusters/${id}/k8s/api/v1/namespaces/${p.metadata.namespace}/pods/${p.metadata.name}`;
  const headers = { authorization: `Bearer ${argus.adminToken}` };
  const run = (id: string, count: number, concurrency: number) =>
    runLoad(argus.url, path(id), { count, concurrency, headers, maxMs: 30_000 });
  await run(directId, 200, 4);
  await run(agentId, 200, 4);
  // Sequential samples alternate request by request (one keep-alive connection), so that both sides of a
  // pair meet the same moment's load on the shared machine.
  const seq = new Pool(argus.url, { connections: 1 });
  const once = async (id: string) => {
    const t0 = performance.now();
    const res = await seq.request({ path: path(id), method: 'GET', headers });
    await res.body.arrayBuffer();
    if (res.statusCode !== 200) throw new Error(`GET ${path(id)}: ${res.statusCode}`);
    return performance.now() - t0;
  };
  /** One side's blocks of a round: p50 over its sequential samples, requests/s over its timed blocks. */
  const side = () => ({ latencies: [] as number[], requests: 0, seconds: 0 });
  const rounds = {
    directP50: [] as number[],
    agentP50: [] as number[],
    directRps: [] as number[],
    agentRps: [] as number[],
  };
  const latRatios: number[] = [];
  const tputRatios: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const direct = side();
    const viaAgent = side();
    for (let b = 0; b < BLOCKS; b++) {
      // direct, agent, agent, direct, …: neither side always goes first.
      const order = b % 2 === 0 ? [directId, agentId] : [agentId, directId];
      for (let i = 0; i < Math.ceil(SAMPLES / BLOCKS); i++) {
        for (const id of i % 2 === 0 ? order : [...order].reverse()) {
          (id === directId ? direct : viaAgent).latencies.push(await once(id));
        }
      }
      for (const id of order) {
        const s = id === directId ? direct : viaAgent;
        const r = await run(id, Math.ceil(THROUGHPUT_COUNT / BLOCKS), 16);
        s.requests += r.requests;
        s.seconds += r.seconds;
      }
    }
    const dP50 = percentile(direct.latencies, 50);
    const aP50 = percentile(viaAgent.latencies, 50);
    const dRps = direct.requests / direct.seconds;
    const aRps = viaAgent.requests / viaAgent.seconds;
    rounds.directP50.push(dP50);
    rounds.agentP50.push(aP50);
    rounds.directRps.push(dRps);
    rounds.agentRps.push(aRps);
    latRatios.push(aP50 / dP50);
    tputRatios.push(aRps / dRps);
  }
  await seq.close();
  const latRatio = median(latRatios);
  const tputRatio = median(tputRatios);
  const latMet = latRatio <= P50_TARGET;
  const tputMet = tputRatio >= TPUT_TARGET;
  report({
    name: 'agent-tunnel',
    figure: `agent p50 ${median(rounds.agentP50).toFixed(2)} ms, ${median(rounds.agentRps).toFixed(0)} req/s (median of ${ROUNDS} rounds)`,
    baseline: `direct p50 ${median(rounds.directP50).toFixed(2)} ms, ${median(rounds.directRps).toFixed(0)} req/s`,
    ratio: latRatio,
    target: `p50 ≤ ${P50_TARGET.toFixed(2)}×, throughput ≥ ${TPUT_TARGET.toFixed(2)}×`,
    met: latMet && tputMet,
    extra:
      `p50 ratio ${latRatio.toFixed(2)} (${spread(latRatios)}; ${latMet ? 'met' : 'not met'}), ` +
      `throughput ratio ${tputRatio.toFixed(2)} (${spread(tputRatios)}; ${tputMet ? 'met' : 'not met'})`,
  });
} finally {
  await agent.stop();
  await argus.stop();
  await sim.close();
  await rm(dir, { recursive: true, force: true });
}
