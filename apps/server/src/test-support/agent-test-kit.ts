/** Test helpers: enrol an in-process agent against a test server, and a raw Enrol call for refusal tests. */
import { join } from 'node:path';
import { loadAgentConfig, type RunningAgent, startAgent } from '@argus/agent';
import { AgentServiceClient, type EnrolResponse } from '@argus/proto';
import { credentials, type ServiceError } from '@grpc/grpc-js';
import { pino } from 'pino';
import type { ClusterTestServer } from './cluster-test-kit.js';

/** What enrolling needs of a running server (a test server, or the benchmarks' server). */
export type EnrolTarget = Pick<ClusterTestServer, 'fetch' | 'adminToken'> & {
  server: { grpcPort: number | undefined };
};

export interface IssuedToken {
  token: string;
  install_command: string;
  manifest: string;
  helm_command: string;
  cluster_id: string;
  expires_at: string;
  server_address: string;
  warning?: string;
}

export async function issueToken(
  s: EnrolTarget,
  name: string,
  extra: Record<string, unknown> = {},
): Promise<IssuedToken> {
  const res = await s.fetch('/api/clusters/agent-token', {
    method: 'POST',
    token: s.adminToken,
    body: JSON.stringify({ name, ...extra }),
  });
  if (res.status !== 200) throw new Error(`agent-token: ${res.status} ${await res.text()}`);
  return (await res.json()) as IssuedToken;
}

export function grpcAddress(s: EnrolTarget): string {
  return `127.0.0.1:${s.server.grpcPort}`;
}

export async function runAgent(
  s: EnrolTarget,
  opts: {
    dir: string;
    kubeconfig: string;
    token?: string;
    window?: number;
    server?: string;
    /** The agent's environment (default: fast reconnect backoff for tests). */
    env?: Record<string, string>;
  },
): Promise<RunningAgent> {
  const argv = [
    '--server',
    opts.server ?? grpcAddress(s),
    '--kubeconfig',
    opts.kubeconfig,
    '--insecure',
    '--credential-file',
    join(opts.dir, 'credential.json'),
    '--health-port',
    '0',
    '--health-host',
    '127.0.0.1',
    ...(opts.token ? ['--token', opts.token] : []),
    ...(opts.window ? ['--window', String(opts.window)] : []),
  ];
  const agent = await startAgent(
    loadAgentConfig(argv, opts.env ?? { ARGUS_AGENT_BACKOFF_BASE_MS: '100', ARGUS_AGENT_BACKOFF_MAX_MS: '1000' }),
    pino({ level: 'silent' }),
  );
  await agent.tunnel.waitConnected(20_000);
  return agent;
}

/** Calls Enrol directly and returns the refusal (or the credential). */
export async function rawEnrol(address: string, token: string): Promise<{ err?: ServiceError; res?: EnrolResponse }> {
  const client = new AgentServiceClient(address, credentials.createInsecure());
  try {
    return await new Promise((resolve) =>
      client.enrol(
        { enrolmentToken: token, agentVersion: 'test', kubernetesVersion: '', agentName: 'raw' },
        (err, res) => resolve(err ? { err } : { res }),
      ),
    );
  } finally {
    client.close();
  }
}

/** A TCP relay whose traffic can be frozen (a black-holed network: sockets stay open, nothing passes). */
export async function startFreezableRelay(target: number): Promise<{ port: number; freeze(): void; close(): void }> {
  const { createServer, connect } = await import('node:net');
  const sockets = new Set<import('node:net').Socket>();
  let frozen = false;
  const server = createServer((client) => {
    const upstream = connect(target, '127.0.0.1');
    for (const [a, b] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      sockets.add(a);
      a.on('data', (d) => {
        if (!frozen) b.write(d);
      });
      a.on('error', () => b.destroy());
      a.on('close', () => b.destroy());
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    freeze() {
      frozen = true;
    },
    close() {
      for (const sock of sockets) sock.destroy();
      server.close();
    },
  };
}
