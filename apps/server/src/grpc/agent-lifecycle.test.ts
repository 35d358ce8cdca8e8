/**
 * Agent lifecycle against the real server in process: refused tokens, disconnection detected and failing
 * fast, reconnection after an agent restart, a slow consumer bounding the agent's buffers, in-cluster
 * mode with the credential kept in a Secret, and revocation.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAgentConfig, type RunningAgent, startAgent } from '@argus/agent';
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { status } from '@grpc/grpc-js';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grpcAddress, issueToken, rawEnrol, runAgent, startFreezableRelay } from '../test-support/agent-test-kit.js';
import { type ClusterTestServer, startClusterTestServer } from '../test-support/cluster-test-kit.js';

const WINDOW = 64 * 1024;

describe('agent lifecycle', () => {
  let s: ClusterTestServer;
  let sim: KubeSim;
  let dir: string;
  let kubeconfig: string;
  const agents: RunningAgent[] = [];
  const api = (path: string, init: RequestInit = {}) => s.fetch(path, { ...init, token: s.adminToken });
  const clusterOf = async (id: string) =>
    (await (await api(`/api/clusters/${id}`)).json()) as {
      status: string;
      agent?: { connected: boolean; last_seen_at: string | null };
    };

  beforeAll(async () => {
    [s, sim] = await Promise.all([
      startClusterTestServer({
        env: { AGENT_PING_INTERVAL_MS: '300', AGENT_PING_TIMEOUT_MS: '2000', AGENT_WINDOW_BYTES: String(WINDOW) },
      }),
      startKubeSim({ tls: true, scenario: 'demo', seed: 9 }),
    ]);
    dir = mkdtempSync(join(tmpdir(), 'argus-agent-life-'));
    kubeconfig = join(dir, 'kubeconfig');
    sim.writeKubeconfig(kubeconfig);
  });

  afterAll(async () => {
    await Promise.all(agents.map((a) => a.stop()));
    await Promise.all([s?.stop(), sim?.close()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a used, an expired and an unknown enrolment token with UNAUTHENTICATED and a clear message', async () => {
    const issued = await issueToken(s, 'refusals');
    const first = await rawEnrol(grpcAddress(s), issued.token);
    expect(first.res?.clusterId).toBe(issued.cluster_id);
    const again = await rawEnrol(grpcAddress(s), issued.token);
    expect(again.err?.code).toBe(status.UNAUTHENTICATED);
    expect(again.err?.details).toMatch(/already used/);
    expect(again.err?.metadata.get('argus-error-code')).toEqual(['ENROLMENT_TOKEN_USED']);

    const stale = await issueToken(s, 'refusals');
    await s.server.db.query(
      "UPDATE agent_tokens SET expires_at = now() - interval '1 second' WHERE kind = 'enrolment' AND used_at IS NULL",
    );
    const expired = await rawEnrol(grpcAddress(s), stale.token);
    expect(expired.err?.code).toBe(status.UNAUTHENTICATED);
    expect(expired.err?.details).toMatch(/expired/);
    expect(expired.err?.metadata.get('argus-error-code')).toEqual(['ENROLMENT_TOKEN_EXPIRED']);

    const unknown = await rawEnrol(grpcAddress(s), 'argusenr_nope');
    expect(unknown.err?.code).toBe(status.UNAUTHENTICATED);

    // The agent itself stops with the server's reason instead of retrying forever.
    const refused = await startAgent(
      loadAgentConfig(
        [
          '--server',
          grpcAddress(s),
          '--kubeconfig',
          kubeconfig,
          '--insecure',
          '--token',
          issued.token,
          '--credential-file',
          join(dir, 'refused.json'),
          '--health-port=-1',
        ],
        {},
      ),
      pino({ level: 'silent' }),
    );
    await expect(refused.tunnel.done).rejects.toThrow(/already used/);
    await refused.stop();
  });

  it('stores tokens and credentials hashed only', async () => {
    const issued = await issueToken(s, 'hashed');
    const rows = await s.server.db.query<{ token_hash: string }>('SELECT token_hash FROM agent_tokens');
    expect(rows.rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
    expect(JSON.stringify(rows.rows)).not.toContain(issued.token);
  });

  it('marks the cluster disconnected when the agent dies, fails requests fast, and reconnects after a restart', async () => {
    const issued = await issueToken(s, 'edge');
    const agentDir = join(dir, 'edge');
    mkdirSync(agentDir);
    const agent = await runAgent(s, { dir: agentDir, kubeconfig, token: issued.token });
    // A read by name goes to the API server (lists may be answered from the watch cache).
    const path = `/api/clusters/${issued.cluster_id}/resources/core/v1/namespaces/default`;
    expect((await api(path)).status).toBe(200);
    expect((await clusterOf(issued.cluster_id)).status).toBe('connected');

    // A watch in flight when the agent goes away fails instead of hanging.
    const ctrl = new AbortController();
    const watching = api(`/api/clusters/${issued.cluster_id}/namespaces/kube-system/pods/nope/logs?follow=true`, {
      signal: ctrl.signal,
    }).catch(() => undefined);
    const died = performance.now();
    await agent.stop();
    await expect
      .poll(async () => (await clusterOf(issued.cluster_id)).status, { timeout: 30_000, interval: 100 })
      .toBe('disconnected');
    const detectedMs = performance.now() - died;
    const before = performance.now();
    const failed = await api(path);
    const failMs = performance.now() - before;
    expect(failed.status).toBe(502);
    expect(((await failed.json()) as { error: { code: string } }).error.code).toBe('CLUSTER_UNREACHABLE');
    expect(failMs).toBeLessThan(1000);
    const view = await clusterOf(issued.cluster_id);
    expect(view.agent?.connected).toBe(false);
    expect(view.agent?.last_seen_at).toBeTruthy();
    console.log(
      `[agent] disconnection seen in ${detectedMs.toFixed(0)} ms; a request then failed in ${failMs.toFixed(1)} ms`,
    );
    ctrl.abort();
    await watching;

    // Restart without a token: the stored credential reconnects.
    const again = await runAgent(s, { dir: agentDir, kubeconfig });
    agents.push(again);
    expect((await api(path)).status).toBe(200);
    expect((await clusterOf(issued.cluster_id)).status).toBe('connected');
  });

  it('drops an agent that stops answering (heartbeat) and fails its in-flight requests fast', async () => {
    const issued = await issueToken(s, 'silent');
    const agentDir = join(dir, 'silent');
    mkdirSync(agentDir);
    const relay = await startFreezableRelay(s.server.grpcPort!);
    const agent = await runAgent(s, {
      dir: agentDir,
      kubeconfig,
      token: issued.token,
      server: `127.0.0.1:${relay.port}`,
    });
    agents.push(agent);
    try {
      const stream = await s.server.agents.hub
        .connection(issued.cluster_id)
        .stream({ path: '/api/v1/namespaces?watch=true' });
      const ended = new Promise<Error | undefined>((resolve) => {
        stream.body.on('error', resolve);
        stream.body.on('end', () => resolve(undefined));
        stream.body.resume();
      });
      const t0 = performance.now();
      relay.freeze(); // no FIN, no RST: only the heartbeat can tell
      const err = await ended;
      const ms = performance.now() - t0;
      expect(err?.message).toMatch(/disconnected: heartbeat timeout/);
      expect(ms).toBeLessThan(30_000);
      await expect
        .poll(async () => (await clusterOf(issued.cluster_id)).status, { timeout: 5_000 })
        .toBe('disconnected');
      console.log(`[agent] black-holed agent dropped after ${ms.toFixed(0)} ms (AGENT_PING_TIMEOUT_MS=2000)`);
    } finally {
      relay.close();
    }
  });

  it('keeps the agent buffering under the window for a slow consumer', async () => {
    const issued = await issueToken(s, 'slow');
    const agentDir = join(dir, 'slow');
    mkdirSync(agentDir);
    const agent = await runAgent(s, { dir: agentDir, kubeconfig, token: issued.token });
    agents.push(agent);
    const conn = s.server.agents.hub.connection(issued.cluster_id);
    const big = 'x'.repeat(100 * 1024);
    for (let i = 0; i < 30; i++) {
      const r = await conn.request({
        method: 'POST',
        path: '/api/v1/namespaces/default/configmaps',
        body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `big-${i}` }, data: { big } },
      });
      expect(r.status).toBe(201);
    }
    const st = await conn.stream({ path: '/api/v1/namespaces/default/configmaps' });
    expect(st.status).toBe(200);
    // Nobody reads: the agent may only hold what the window allows.
    let maxAgent = 0;
    let maxServer = 0;
    const session = s.server.agents.hub.session(issued.cluster_id)!;
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setTimeout(r, 50));
      maxAgent = Math.max(maxAgent, agent.tunnel.bufferedBytes());
      maxServer = Math.max(maxServer, session.bufferedBytes());
    }
    console.log(
      `[agent] slow consumer: agent buffered at most ${maxAgent} B, server at most ${maxServer} B (window ${WINDOW} B)`,
    );
    expect(maxAgent).toBeLessThan(WINDOW);
    // The server holds at most the window (the agent's credit) plus the Readable's own small buffer.
    expect(maxServer).toBeLessThanOrEqual(WINDOW + 64 * 1024);
    // Then the consumer reads everything: the whole list arrives intact (> 3 MB through a 64 KiB window).
    const chunks: Buffer[] = [];
    for await (const c of st.body) chunks.push(c as Buffer);
    const list = JSON.parse(Buffer.concat(chunks).toString()) as { items: unknown[] };
    expect(list.items.length).toBeGreaterThanOrEqual(30);
  });

  it('runs in-cluster (ServiceAccount token and CA) and keeps its credential in a Secret', async () => {
    const issued = await issueToken(s, 'in-cluster');
    const sa = join(dir, 'sa');
    mkdirSync(sa);
    writeFileSync(join(sa, 'token'), sim.tokens.admin);
    writeFileSync(join(sa, 'ca.crt'), sim.caPem!);
    writeFileSync(join(sa, 'namespace'), 'default');
    await sim.store.create(
      { group: '', version: 'v1', resource: 'secrets', kind: 'Secret', namespaced: true },
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'argus-agent-credential', namespace: 'default' },
        type: 'Opaque',
      },
    );
    const env = {
      KUBERNETES_SERVICE_HOST: '127.0.0.1',
      KUBERNETES_SERVICE_PORT: String(sim.port),
      ARGUS_AGENT_SERVICEACCOUNT_DIR: sa,
      ARGUS_AGENT_SERVER: grpcAddress(s),
      ARGUS_AGENT_TOKEN: issued.token,
      ARGUS_AGENT_INSECURE: 'true',
      ARGUS_AGENT_CREDENTIAL_SECRET: 'default/argus-agent-credential',
      ARGUS_AGENT_CREDENTIAL_FILE: join(dir, 'in-cluster-cred.json'),
      ARGUS_AGENT_HEALTH_PORT: '0',
      ARGUS_AGENT_HEALTH_HOST: '127.0.0.1',
    };
    const first = await startAgent(loadAgentConfig([], env), pino({ level: 'silent' }));
    await first.tunnel.waitConnected(20_000);
    expect(first.target.server).toBe(`https://127.0.0.1:${sim.port}`);
    const ready = await fetch(`http://127.0.0.1:${first.health!.port}/readyz`);
    expect(ready.status).toBe(200);
    expect((await api(`/api/clusters/${issued.cluster_id}/resources/core/v1/namespaces`)).status).toBe(200);
    await first.stop();
    // A rescheduled pod: no local file, the token already spent; the Secret still holds the credential.
    rmSync(join(dir, 'in-cluster-cred.json'));
    const second = await startAgent(loadAgentConfig([], env), pino({ level: 'silent' }));
    agents.push(second);
    await second.tunnel.waitConnected(20_000);
    expect(second.tunnel.clusterId).toBe(issued.cluster_id);
  });

  it('revokes an agent: its tunnel is dropped and its credential refused', async () => {
    const issued = await issueToken(s, 'revoked');
    const agentDir = join(dir, 'revoked');
    mkdirSync(agentDir);
    const agent = await runAgent(s, { dir: agentDir, kubeconfig, token: issued.token });
    const res = await api(`/api/clusters/${issued.cluster_id}/agent`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { revoked: number }).revoked).toBeGreaterThanOrEqual(1);
    await expect(agent.tunnel.done).rejects.toThrow(/revoked/);
    await agent.stop();
    await expect
      .poll(async () => (await clusterOf(issued.cluster_id)).status, { timeout: 10_000 })
      .toBe('disconnected');
    const status404 = await api('/api/clusters/00000000-0000-0000-0000-000000000000/agent', { method: 'DELETE' });
    expect(status404.status).toBe(404);
  });
});
