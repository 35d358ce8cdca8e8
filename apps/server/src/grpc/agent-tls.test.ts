/** TLS on the agents' gRPC port (GRPC_TLS_CERT_FILE/GRPC_TLS_KEY_FILE): the agent verifies it with --ca-file. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAgentConfig, startAgent } from '@argus/agent';
import { generateTls, type KubeSim, startKubeSim } from '@argus/kube-sim';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken, rawEnrol } from '../test-support/agent-test-kit.js';
import { type ClusterTestServer, startClusterTestServer } from '../test-support/cluster-test-kit.js';

describe('agent over TLS', () => {
  let s: ClusterTestServer;
  let sim: KubeSim;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'argus-agent-tls-'));
    const tls = await generateTls(['127.0.0.1', 'localhost']);
    writeFileSync(join(dir, 'grpc.crt'), tls.certPem);
    writeFileSync(join(dir, 'grpc.key'), tls.keyPem);
    writeFileSync(join(dir, 'ca.crt'), tls.caPem);
    [s, sim] = await Promise.all([
      startClusterTestServer({
        env: { GRPC_TLS_CERT_FILE: join(dir, 'grpc.crt'), GRPC_TLS_KEY_FILE: join(dir, 'grpc.key') },
      }),
      startKubeSim({ tls: true, scenario: 'empty' }),
    ]);
    sim.writeKubeconfig(join(dir, 'kubeconfig'));
  });
  afterAll(async () => {
    await Promise.all([s?.stop(), sim?.close()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('enrols and tunnels over TLS; the manifest then does not say --insecure', async () => {
    const issued = await issueToken(s, 'tls-edge');
    expect(issued.manifest).not.toContain('--insecure');
    expect(issued.warning).toBeUndefined();
    expect(issued.install_command).not.toContain('WARNING');
    const agent = await startAgent(
      loadAgentConfig(
        [
          '--server',
          `localhost:${s.server.grpcPort}`,
          '--token',
          issued.token,
          '--kubeconfig',
          join(dir, 'kubeconfig'),
          '--ca-file',
          join(dir, 'ca.crt'),
          '--credential-file',
          join(dir, 'cred.json'),
          '--health-port=-1',
        ],
        {},
      ),
      pino({ level: 'silent' }),
    );
    try {
      await agent.tunnel.waitConnected(20_000);
      const res = await s.fetch(`/api/clusters/${issued.cluster_id}/resources/core/v1/namespaces/default`, {
        token: s.adminToken,
      });
      expect(res.status).toBe(200);
    } finally {
      await agent.stop();
    }
  });

  it('refuses a plain-text client: with TLS configured the port speaks only TLS', async () => {
    const issued = await issueToken(s, 'plaintext-client');
    const refused = await rawEnrol(`127.0.0.1:${s.server.grpcPort}`, issued.token);
    expect(refused.res).toBeUndefined();
    expect(refused.err?.code).toBe(14); // UNAVAILABLE: no gRPC over a plain-text connection
    // The token was not spent: a TLS agent can still enrol with it (the plain-text call never reached Enrol).
    const cluster = await s.fetch(`/api/clusters/${issued.cluster_id}/agent`, { token: s.adminToken });
    expect(((await cluster.json()) as { connected: boolean }).connected).toBe(false);
  });

  it('an agent that does not trust the certificate never connects', async () => {
    const issued = await issueToken(s, 'untrusted');
    const agent = await startAgent(
      loadAgentConfig(
        [
          '--server',
          `localhost:${s.server.grpcPort}`,
          '--token',
          issued.token,
          '--kubeconfig',
          join(dir, 'kubeconfig'),
          '--credential-file',
          join(dir, 'cred2.json'),
          '--health-port=-1',
        ],
        { ARGUS_AGENT_BACKOFF_BASE_MS: '100', ARGUS_AGENT_BACKOFF_MAX_MS: '200' },
      ),
      pino({ level: 'silent' }),
    );
    try {
      await expect(agent.tunnel.waitConnected(2_000)).rejects.toThrow(/not connected/);
    } finally {
      await agent.stop();
    }
  });
});
