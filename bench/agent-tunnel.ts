/**
 * Agent tunnel: the same kube-sim registered twice in one Argus, once by kubeconfig (direct) and once
 * through an in-process agent (gRPC tunnel). GET of one pod through the kubectl gateway
 * (/api/clusters/{id}/k8s/…, not served from the watch cache): p50 latency (sequential) and
 * throughput (16 in flight), agent vs direct. Targets: p50 ≤ 1.5×, throughput ≥ 0.7×.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBenchAgent } from './lib/agent.js';
import { startBenchServer } from './lib/argus-server.js';
import { percentile, runLoad } from './lib/load.js';
import { report } from './lib/report.js';
import { startScaleSim } from './lib/sim.js';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 500);
const THROUGHPUT_COUNT = Number(process.env.BENCH_COUNT ?? 2_000);

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
  const directP50 = percentile((await run(directId, SAMPLES, 1)).latenciesMs, 50);
  const agentP50 = percentile((await run(agentId, SAMPLES, 1)).latenciesMs, 50);
  const directRps = (await run(directId, THROUGHPUT_COUNT, 16)).perSecond;
  const agentRps = (await run(agentId, THROUGHPUT_COUNT, 16)).perSecond;
  const latRatio = agentP50 / directP50;
  const tputRatio = agentRps / directRps;
  report({
    name: 'agent-tunnel',
    figure: `agent p50 ${agentP50.toFixed(2)} ms, ${agentRps.toFixed(0)} req/s`,
    baseline: `direct p50 ${directP50.toFixed(2)} ms, ${directRps.toFixed(0)} req/s`,
    ratio: latRatio,
    target: 'p50 ≤ 1.50×, throughput ≥ 0.70×',
    met: latRatio <= 1.5 && tputRatio >= 0.7,
    extra: `throughput ratio ${tputRatio.toFixed(2)} (p50 ${latRatio <= 1.5 ? 'met' : 'not met'}, throughput ${tputRatio >= 0.7 ? 'met' : 'not met'})`,
  });
} finally {
  await agent.stop();
  await argus.stop();
  await sim.close();
  await rm(dir, { recursive: true, force: true });
}
