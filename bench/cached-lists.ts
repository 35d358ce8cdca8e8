/**
 * Cached lists: 10,000 pods, a page of 500 with a label selector. p50 latency through Argus (served
 * from its watch cache, authenticated, RBAC-filtered) against kube-sim directly and against the real
 * `kubectl proxy` in front of kube-sim. Target: Argus p50 ≤ 0.5 × kubectl proxy's.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBenchServer } from './lib/argus-server.js';
import { startKubectlProxy } from './lib/kubectl-proxy.js';
import { percentile, runLoad } from './lib/load.js';
import { report } from './lib/report.js';
import { selectorMatching, startScaleSim } from './lib/sim.js';

const PODS = 10_000;
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);

const sim = await startScaleSim(PODS);
const dir = await mkdtemp(join(tmpdir(), 'argus-bench-'));
const kubeconfigFile = join(dir, 'kubeconfig');
await writeFile(kubeconfigFile, sim.kubeconfig());
const argus = await startBenchServer();
const proxy = await startKubectlProxy(kubeconfigFile);
try {
  const { selector, matches } = await selectorMatching(sim, 500);
  const query = `?labelSelector=${encodeURIComponent(selector)}&limit=500`;
  const clusterId = await argus.addCluster('scale', sim.kubeconfig());
  const argusPath = `/api/clusters/${clusterId}/resources/core/v1/pods${query}`;
  const auth = { authorization: `Bearer ${argus.adminToken}` };
  // The first request starts the watch cache; wait for it to sync.
  for (let i = 0; i < 120; i++) {
    const res = await argus.fetch(argusPath, { token: argus.adminToken });
    await res.arrayBuffer();
    if (res.status === 200) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const opts = { count: SAMPLES, concurrency: 1, maxMs: 60_000 };
  const measure = async (url: string, path: string, headers?: Record<string, string>) => {
    await runLoad(url, path, { ...opts, count: 20, ...(headers ? { headers } : {}) });
    return percentile((await runLoad(url, path, { ...opts, ...(headers ? { headers } : {}) })).latenciesMs, 50);
  };
  const argusP50 = await measure(argus.url, argusPath, auth);
  const simP50 = await measure(sim.url, `/api/v1/pods${query}`, { authorization: `Bearer ${sim.tokens.admin}` });
  const proxyP50 = await measure(proxy.url, `/api/v1/pods${query}`);
  const ratio = argusP50 / proxyP50;
  report({
    name: 'cached-lists',
    figure: `Argus p50 ${argusP50.toFixed(2)} ms`,
    baseline: `kubectl proxy p50 ${proxyP50.toFixed(2)} ms, kube-sim direct p50 ${simP50.toFixed(2)} ms`,
    ratio,
    target: '≤ 0.50 of kubectl proxy',
    met: ratio <= 0.5,
    extra: `${PODS} pods, limit=500, selector on ${selector.split(',').length} app values (${matches} match), ${SAMPLES} sequential samples`,
  });
} finally {
  proxy.child.kill();
  await argus.stop();
  await sim.close();
  await rm(dir, { recursive: true, force: true });
}
