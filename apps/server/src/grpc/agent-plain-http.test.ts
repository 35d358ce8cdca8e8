/**
 * The agent accepts every kubeconfig kubectl and the server accept, including a plain-`http://` API server
 * (client-node's applyToHTTPSOptions refuses those; kubectl, the server and now the agent do not).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadAgentConfig, type RunningAgent, startAgent } from '@argus/agent';
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { kubectlPath } from '@argus/kube-sim/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database.js';
import { createAgentEnrolment } from './agent-enrolment.js';
import { createAgentHub } from './agent-hub.js';
import { type AgentGrpcServer, startAgentGrpcServer } from './grpc-server.js';

const logger = pino({ level: 'silent' });
let sim: KubeSim;
let t: TestDatabase;
let grpc: AgentGrpcServer;
let agent: RunningAgent;
let dir: string;
let clusterId: string;
let hub: ReturnType<typeof createAgentHub>;

beforeAll(async () => {
  sim = await startKubeSim({ tls: false, scenario: 'empty' });
  t = await createTestDatabase('pglite');
  dir = await mkdtemp(join(tmpdir(), 'argus-agent-http-'));
  sim.writeKubeconfig(join(dir, 'kubeconfig'));
  const enrolment = createAgentEnrolment(t.db);
  hub = createAgentHub({ db: t.db, enrolment, logger });
  grpc = await startAgentGrpcServer({
    host: '127.0.0.1',
    port: 0,
    enrolment,
    hub,
    logger,
    windowBytes: 64 * 1024,
    pingIntervalMs: 500,
    pingTimeoutMs: 3000,
    requestTimeoutMs: 10_000,
  });
  const issued = await enrolment.issueToken('plain-http', { ttlSeconds: 600, createdBy: null });
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

it('tunnels to an http:// API server that the real kubectl also reaches with the same kubeconfig', async () => {
  expect(sim.url.startsWith('http://')).toBe(true);
  const { stdout } = await promisify(execFile)(kubectlPath(), [
    '--kubeconfig',
    join(dir, 'kubeconfig'),
    'get',
    'namespaces',
    '-o',
    'name',
  ]);
  expect(stdout).toContain('namespace/kube-system');
  const res = await hub.connection(clusterId).request({ path: '/api/v1/namespaces' });
  expect(res.status).toBe(200);
  const names = res.json<{ items: Array<{ metadata: { name: string } }> }>().items.map((n) => n.metadata.name);
  expect(names).toContain('kube-system');
});
