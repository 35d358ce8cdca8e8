/**
 * The real processes, as an operator would run them: the server (src/main.ts), the agent through its
 * workspace bin (what `npx argus-agent` runs), kube-sim as the cluster. Killing the agent marks the
 * cluster disconnected and fails requests fast; restarting the agent, or the server, reconnects by itself.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type SpawnedServer, spawnServer } from '../test-support/spawn-server.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const PASSWORD = 'correct horse battery staple';

describe('agent and server as processes', () => {
  let sim: KubeSim;
  let dir: string;
  let env: Record<string, string>;
  let server: SpawnedServer;
  let agent: ChildProcess | undefined;
  let agentOut = '';
  let url: string;
  let token: string;
  let clusterId: string;

  const api = (path: string, init: RequestInit = {}) =>
    fetch(url + path, {
      ...init,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...(init.headers ?? {}) },
    });
  const state = async () => ((await (await api(`/api/clusters/${clusterId}`)).json()) as { status: string }).status;
  const login = async () => {
    const res = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.com', password: PASSWORD }),
    });
    token = ((await res.json()) as { access_token: string }).access_token;
  };
  const startAgentProcess = (args: string[]) => {
    agentOut = '';
    agent = spawn(process.execPath, [join(root, 'node_modules', '.bin', 'argus-agent'), ...args], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: dir,
        ARGUS_AGENT_BACKOFF_BASE_MS: '200',
        ARGUS_AGENT_BACKOFF_MAX_MS: '2000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    agent.stdout?.on('data', (d: Buffer) => {
      agentOut += d.toString();
    });
    agent.stderr?.on('data', (d: Buffer) => {
      agentOut += d.toString();
    });
  };
  const startServerProcess = async () => {
    server = spawnServer(env);
    await server.waitFor('Argus is running', 90_000);
  };

  beforeAll(async () => {
    sim = await startKubeSim({ tls: true, scenario: 'demo', seed: 11 });
    dir = mkdtempSync(join(tmpdir(), 'argus-agent-proc-'));
    sim.writeKubeconfig(join(dir, 'kubeconfig'));
    const [port, grpcPort] = [await freePort(), await freePort()];
    env = {
      PORT: String(port),
      GRPC_PORT: String(grpcPort),
      PROXY_PORT: '0',
      REPLICA_PORT: '0',
      HOST: '127.0.0.1',
      ARGUS_DATA_DIR: join(dir, 'data'),
      ARGUS_DEMO: 'false',
      AGENT_PING_INTERVAL_MS: '1000',
      AGENT_PING_TIMEOUT_MS: '5000',
    };
    url = `http://127.0.0.1:${port}`;
    await startServerProcess();
    await fetch(`${url}/api/setup/init`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.com', password: PASSWORD, name: 'Admin' }),
    });
    await login();
  }, 180_000);

  afterAll(async () => {
    agent?.kill('SIGKILL');
    server?.child.kill('SIGTERM');
    await server?.exited;
    await sim?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('enrols a spawned agent, survives killing it, and reconnects after agent and server restarts', async () => {
    const issued = (await (
      await api('/api/clusters/agent-token', { method: 'POST', body: JSON.stringify({ name: 'edge' }) })
    ).json()) as {
      token: string;
      cluster_id: string;
      server_address: string;
    };
    clusterId = issued.cluster_id;
    expect(issued.server_address).toBe(`127.0.0.1:${env.GRPC_PORT}`);
    const args = [
      '--server',
      issued.server_address,
      '--kubeconfig',
      join(dir, 'kubeconfig'),
      '--insecure',
      '--health-port',
      '0',
    ];
    startAgentProcess([...args, '--token', issued.token]);
    await expect.poll(state, { timeout: 60_000, interval: 200 }).toBe('connected');
    expect(agentOut).not.toContain(issued.token);
    const pods = await api(`/api/clusters/${clusterId}/resources/core/v1/pods?namespace=kube-system`);
    expect(pods.status).toBe(200);

    // kill -9: the tunnel's TCP connection closes; the cluster turns disconnected and requests fail fast.
    const killedAt = performance.now();
    agent!.kill('SIGKILL');
    await expect.poll(state, { timeout: 30_000, interval: 100 }).toBe('disconnected');
    const seenMs = performance.now() - killedAt;
    const t0 = performance.now();
    const failed = await api(`/api/clusters/${clusterId}/resources/core/v1/namespaces/default`);
    expect(failed.status).toBe(502);
    expect(((await failed.json()) as { error: { code: string } }).error.code).toBe('CLUSTER_UNREACHABLE');
    console.log(
      `[agent] process killed: disconnected after ${seenMs.toFixed(0)} ms, request failed in ${(performance.now() - t0).toFixed(1)} ms`,
    );

    // Restart the agent without a token: its saved credential reconnects it.
    startAgentProcess(args);
    await expect.poll(state, { timeout: 60_000, interval: 200 }).toBe('connected');

    // Restart the server: the agent reconnects by itself (jittered backoff).
    server.child.kill('SIGTERM');
    await server.exited;
    const restartedAt = performance.now();
    await startServerProcess();
    await login();
    await expect.poll(state, { timeout: 60_000, interval: 200 }).toBe('connected');
    console.log(
      `[agent] server restarted: agent back ${(performance.now() - restartedAt).toFixed(0)} ms after the restart began`,
    );
    const after = await api(`/api/clusters/${clusterId}/resources/core/v1/namespaces/default`);
    expect(after.status).toBe(200);
  }, 240_000);
});
