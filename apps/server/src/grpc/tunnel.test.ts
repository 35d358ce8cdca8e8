/**
 * The tunnel at module level: a real gRPC endpoint, enrolment against a migrated database, the real agent
 * in process, and kube-sim as the cluster. Requests, streams, upgrades, cancellation, flow control and
 * disconnection, without the HTTP app in between.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAgentConfig, type RunningAgent, startAgent } from '@argus/agent';
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDirectConnection } from '../clusters/direct-connection.js';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database.js';
import { createAgentEnrolment } from './agent-enrolment.js';
import { createAgentHub } from './agent-hub.js';
import { type AgentGrpcServer, startAgentGrpcServer } from './grpc-server.js';

const logger = pino({ level: 'silent' });

describe('agent tunnel (module level)', () => {
  let sim: KubeSim;
  let t: TestDatabase;
  let grpc: AgentGrpcServer;
  let agent: RunningAgent;
  let dir: string;
  let clusterId: string;
  const enrolment = () => createAgentEnrolment(t.db);
  let hub: ReturnType<typeof createAgentHub>;

  beforeAll(async () => {
    sim = await startKubeSim({ tls: true, scenario: 'demo' });
    t = await createTestDatabase('pglite');
    dir = await mkdtemp(join(tmpdir(), 'argus-agent-'));
    sim.writeKubeconfig(join(dir, 'kubeconfig'));
    hub = createAgentHub({ db: t.db, enrolment: enrolment(), logger });
    grpc = await startAgentGrpcServer({
      host: '127.0.0.1',
      port: 0,
      enrolment: enrolment(),
      hub,
      logger,
      windowBytes: 64 * 1024,
      pingIntervalMs: 500,
      pingTimeoutMs: 3000,
      requestTimeoutMs: 10_000,
    });
    const issued = await enrolment().issueToken('edge', { ttlSeconds: 600, createdBy: null });
    clusterId = issued.clusterId;
    agent = await startAgent(
      loadAgentConfig(
        [
          '--server',
          `127.0.0.1:${grpc.port}`,
          '--token',
          issued.token,
          '--kubeconfig',
          join(dir, 'kubeconfig'),
          '--insecure',
          '--credential-file',
          join(dir, 'cred.json'),
          '--health-port',
          '0',
          '--window',
          String(64 * 1024),
        ],
        {},
      ),
      logger,
    );
    await agent.tunnel.waitConnected(10_000);
  });

  afterAll(async () => {
    await agent?.stop();
    await grpc?.close();
    await t?.drop();
    await sim?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('carries unary requests', async () => {
    const conn = hub.connection(clusterId);
    expect(conn.transport).toBe('agent');
    const res = await conn.request({ path: '/api/v1/namespaces' });
    expect(res.status).toBe(200);
    expect(res.json<{ items: unknown[] }>().items.length).toBeGreaterThan(3);
    const created = await conn.request({
      method: 'POST',
      path: '/api/v1/namespaces/default/configmaps',
      body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'via-agent' }, data: { a: '1' } },
    });
    expect(created.status).toBe(201);
    const missing = await conn.request({ path: '/api/v1/namespaces/default/configmaps/nope' });
    expect(missing.status).toBe(404);
  });

  it('streams a watch and cancels it', async () => {
    const conn = hub.connection(clusterId);
    const s = await conn.stream({ path: '/api/v1/namespaces/default/configmaps?watch=true' });
    expect(s.status).toBe(200);
    const first = await new Promise<string>((resolve) => s.body.once('data', (c: Buffer) => resolve(c.toString())));
    expect(first).toContain('"type":"ADDED"');
    const before = hub.session(clusterId)!.activeStreams();
    s.close();
    await expect.poll(() => agent.tunnel.activeStreams(), { timeout: 5000 }).toBe(0);
    expect(before).toBeGreaterThan(0);
  });

  it('answers exactly as the direct connection does, request after request (latency printed)', async () => {
    const { KubeConfig } = await import('@kubernetes/client-node');
    const kc = new KubeConfig();
    kc.loadFromString(sim.kubeconfig());
    const direct = await createDirectConnection(kc, { requestMs: 10_000, connectMs: 5_000 });
    const tunnel = hub.connection(clusterId);
    const time = async (conn: typeof tunnel) => {
      for (let i = 0; i < 20; i++) await conn.request({ path: '/version' });
      const n = 300;
      const start = performance.now();
      for (let i = 0; i < n; i++) await conn.request({ path: '/api/v1/namespaces/default' });
      return (performance.now() - start) / n;
    };
    const d = await time(direct);
    const a = await time(tunnel);
    const [viaDirect, viaTunnel] = await Promise.all(
      [direct, tunnel].map((c) => c.request({ path: '/api/v1/namespaces/default' })),
    );
    direct.close();
    expect(viaTunnel?.status).toBe(200);
    expect(viaTunnel?.json()).toEqual(viaDirect?.json());
    console.log(
      `[agent] per-request latency at the connection: direct ${d.toFixed(3)} ms, tunnel ${a.toFixed(3)} ms (+${(a - d).toFixed(3)} ms)`,
    );
    // Speed is printed, not asserted: bench/ compares it.
  });

  it('runs 200 concurrent requests', async () => {
    const conn = hub.connection(clusterId);
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        conn.request({ path: `/api/v1/namespaces/default/configmaps?limit=${(i % 5) + 1}` }),
      ),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
  });
});
