/** An in-process Argus agent enrolled against a bench server (as test-support/agent-test-kit does). */
import { join } from 'node:path';
import { loadAgentConfig, type RunningAgent, startAgent } from '@argus/agent';
import { pino } from 'pino';
import type { BenchServer } from './argus-server.js';

/** Issues an enrolment token, starts the agent against `kubeconfig`, waits for the tunnel; returns the cluster id. */
export async function runBenchAgent(
  s: BenchServer,
  opts: { name: string; dir: string; kubeconfig: string },
): Promise<{ agent: RunningAgent; clusterId: string }> {
  const res = await s.fetch('/api/clusters/agent-token', {
    method: 'POST',
    token: s.adminToken,
    body: JSON.stringify({ name: opts.name }),
  });
  if (res.status !== 200) throw new Error(`agent-token: ${res.status} ${await res.text()}`);
  const issued = (await res.json()) as { token: string; cluster_id: string };
  const argv = [
    '--server',
    `127.0.0.1:${s.server.grpcPort}`,
    '--kubeconfig',
    opts.kubeconfig,
    '--insecure',
    '--credential-file',
    join(opts.dir, 'credential.json'),
    '--health-port',
    '0',
    '--health-host',
    '127.0.0.1',
    '--token',
    issued.token,
  ];
  const agent = await startAgent(loadAgentConfig(argv, {}), pino({ level: 'silent' }));
  await agent.tunnel.waitConnected(20_000);
  return { agent, clusterId: issued.cluster_id };
}
