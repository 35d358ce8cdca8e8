/** An in-process Argus agent enrolled against a bench server, with the test kit's enrolment helpers. */
import type { RunningAgent } from '@argus/agent';
import { issueToken, runAgent } from '../../apps/server/src/test-support/agent-test-kit.js';
import type { BenchServer } from './argus-server.js';

/** Issues an enrolment token, starts the agent against `kubeconfig`, waits for the tunnel; returns the cluster id. */
export async function runBenchAgent(
  s: BenchServer,
  opts: { name: string; dir: string; kubeconfig: string },
): Promise<{ agent: RunningAgent; clusterId: string }> {
  const issued = await issueToken(s, opts.name);
  // The agent's own defaults (no test backoff): the benchmark measures the agent as it ships.
  const agent = await runAgent(s, { dir: opts.dir, kubeconfig: opts.kubeconfig, token: issued.token, env: {} });
  return { agent, clusterId: issued.cluster_id };
}
