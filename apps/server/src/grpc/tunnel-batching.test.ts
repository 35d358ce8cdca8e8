/**
 * Batched frames on the tunnel, and peers that predate them. The server sends ServerBatch only to an agent
 * whose Hello set `batching` and unpacks AgentBatch in order; the real agent sends AgentBatch only to a
 * server whose Welcome set `batching`. The other side here is a raw gRPC peer speaking the protocol.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAgentConfig, startAgent } from '@argus/agent';
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import {
  type AgentMessage,
  AgentServiceClient,
  AgentServiceService,
  type RequestStart,
  type ServerMessage,
} from '@argus/proto';
import { credentials, Metadata, Server, ServerCredentials, type ServerDuplexStream } from '@grpc/grpc-js';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database.js';
import { createAgentEnrolment } from './agent-enrolment.js';
import { createAgentHub } from './agent-hub.js';
import { type AgentGrpcServer, startAgentGrpcServer } from './grpc-server.js';

const logger = pino({ level: 'silent' });

describe('tunnel batching against the server', () => {
  let t: TestDatabase;
  let grpc: AgentGrpcServer;
  let hub: ReturnType<typeof createAgentHub>;

  beforeAll(async () => {
    t = await createTestDatabase('pglite');
    hub = createAgentHub({ db: t.db, enrolment: createAgentEnrolment(t.db), logger });
    grpc = await startAgentGrpcServer({
      host: '127.0.0.1',
      port: 0,
      enrolment: createAgentEnrolment(t.db),
      hub,
      logger,
      windowBytes: 64 * 1024,
      pingIntervalMs: 60_000,
      pingTimeoutMs: 120_000,
      requestTimeoutMs: 10_000,
    });
  });
  afterAll(async () => {
    await grpc?.close();
    await t?.drop();
  });

  /** Enrols and connects a raw agent; it answers every request with `{"path":…}` (batched or not). */
  async function rawAgent(name: string, batching: boolean) {
    const issued = await createAgentEnrolment(t.db).issueToken(name, { ttlSeconds: 600, createdBy: null });
    const client = new AgentServiceClient(`127.0.0.1:${grpc.port}`, credentials.createInsecure());
    const cred = await new Promise<string>((resolve, reject) =>
      client.enrol(
        { enrolmentToken: issued.token, agentVersion: 'old', kubernetesVersion: '', agentName: name },
        (err, r) => (err ? reject(err) : resolve(r.credential)),
      ),
    );
    const md = new Metadata();
    md.set('authorization', `Bearer ${cred}`);
    const call = client.connect(md);
    const received: ServerMessage[] = [];
    const welcome = new Promise<ServerMessage>((resolve) =>
      call.on('data', (m: ServerMessage) => {
        received.push(m);
        if (m.msg?.$case === 'welcome') resolve(m);
        const starts: RequestStart[] =
          m.msg?.$case === 'request'
            ? [m.msg.value]
            : m.msg?.$case === 'batch'
              ? m.msg.value.messages.flatMap((x) => (x.msg?.$case === 'request' ? [x.msg.value] : []))
              : [];
        const answers: AgentMessage[] = starts.flatMap((r) => [
          { msg: { $case: 'response', value: { streamId: r.streamId, status: 200, headers: [] } } },
          {
            msg: {
              $case: 'data',
              value: { streamId: r.streamId, chunk: Buffer.from(JSON.stringify({ path: r.path })) },
            },
          },
          { msg: { $case: 'close', value: { streamId: r.streamId, error: '', errorCode: '' } } },
        ]);
        if (answers.length === 0) return;
        if (batching) call.write({ msg: { $case: 'batch', value: { messages: answers } } });
        else for (const a of answers) call.write(a);
      }),
    );
    call.on('error', () => undefined);
    call.write({
      msg: {
        $case: 'hello',
        value: {
          agentVersion: 'old',
          kubernetesVersion: '',
          apiServer: '',
          initialWindow: 65536,
          agentName: name,
          batching,
        },
      },
    });
    const w = await welcome;
    return {
      clusterId: issued.clusterId,
      welcome: w,
      received,
      close() {
        call.cancel();
        client.close();
      },
    };
  }

  const paths = Array.from({ length: 20 }, (_, i) => `/api/v1/namespaces/ns-${i}`);
  const requestAll = (clusterId: string) =>
    Promise.all(
      paths.map((path) =>
        hub
          .connection(clusterId)
          .request({ path })
          .then((r) => r.json<{ path: string }>()),
      ),
    );

  it('sends an agent without batching one message per frame, and answers it', async () => {
    const a = await rawAgent('old-agent', false);
    try {
      expect(a.welcome.msg?.$case === 'welcome' && a.welcome.msg.value.batching).toBe(true);
      expect(await requestAll(a.clusterId)).toEqual(paths.map((path) => ({ path })));
      expect(a.received.some((m) => m.msg?.$case === 'batch')).toBe(false);
      expect(a.received.filter((m) => m.msg?.$case === 'request')).toHaveLength(20);
    } finally {
      a.close();
    }
  });

  it('batches concurrent requests to an agent that accepts it, and unpacks its batched answers in order', async () => {
    const a = await rawAgent('new-agent', true);
    try {
      expect(await requestAll(a.clusterId)).toEqual(paths.map((path) => ({ path })));
      const batches = a.received.flatMap((m) => (m.msg?.$case === 'batch' ? [m.msg.value.messages] : []));
      expect(batches.length).toBeGreaterThan(0);
      expect(batches.some((b) => b.length > 1)).toBe(true);
      const starts = a.received.flatMap((m) =>
        m.msg?.$case === 'batch' ? m.msg.value.messages : m.msg?.$case === 'request' ? [m] : [],
      );
      expect(starts.map((m) => (m.msg?.$case === 'request' ? m.msg.value.path : ''))).toEqual(paths);
    } finally {
      a.close();
    }
  });
});

describe('tunnel batching from the real agent', () => {
  let sim: KubeSim;
  let dir: string;
  beforeAll(async () => {
    sim = await startKubeSim({ tls: true, scenario: 'demo' });
    dir = await mkdtemp(join(tmpdir(), 'argus-agent-batch-'));
    sim.writeKubeconfig(join(dir, 'kubeconfig'));
  });
  afterAll(async () => {
    await sim?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** A raw server that welcomes the agent (with or without batching) and sends it ten requests. */
  async function exchange(batching: boolean) {
    const server = new Server();
    const received: AgentMessage[] = [];
    let helloBatching: boolean | undefined;
    const done = new Promise<void>((resolve) => {
      server.addService(AgentServiceService, {
        enrol: (_call: unknown, cb: (e: null, r: object) => void) =>
          cb(null, { clusterId: 'c1', agentId: 'a1', credential: 'cred' }),
        connect(call: ServerDuplexStream<AgentMessage, ServerMessage>) {
          let closes = 0;
          call.on('error', () => undefined);
          call.on('data', (m: AgentMessage) => {
            received.push(m);
            const inner = m.msg?.$case === 'batch' ? m.msg.value.messages : [m];
            for (const x of inner) {
              if (x.msg?.$case === 'hello') {
                helloBatching = x.msg.value.batching;
                call.write({
                  msg: {
                    $case: 'welcome',
                    value: { clusterId: 'c1', initialWindow: 65536, pingIntervalMs: 60_000, batching },
                  },
                });
                for (let i = 1; i <= 10; i++) {
                  call.write({
                    msg: {
                      $case: 'request',
                      value: {
                        streamId: BigInt(i),
                        method: 'GET',
                        path: '/version',
                        headers: [],
                        upgrade: false,
                        hasBody: false,
                        timeoutMs: 10_000,
                      },
                    },
                  });
                }
              }
              if (x.msg?.$case === 'close' && ++closes === 10) resolve();
            }
          });
        },
      });
    });
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
    );
    const agent = await startAgent(
      loadAgentConfig(
        [
          '--server',
          `127.0.0.1:${port}`,
          '--token',
          `t-${batching}`,
          '--kubeconfig',
          join(dir, 'kubeconfig'),
          '--insecure',
          '--credential-file',
          join(dir, `cred-${batching}.json`),
          '--health-port',
          '0',
        ],
        {},
      ),
      logger,
    );
    try {
      await done;
    } finally {
      await agent.stop();
      server.forceShutdown();
    }
    const flat = received.flatMap((m) => (m.msg?.$case === 'batch' ? m.msg.value.messages : [m]));
    return {
      helloBatching,
      batches: received.filter((m) => m.msg?.$case === 'batch').length,
      statuses: flat.flatMap((m) => (m.msg?.$case === 'response' ? [m.msg.value.status] : [])),
      bodies: flat.filter((m) => m.msg?.$case === 'data').length,
    };
  }

  it('sends a server without batching one message per frame', async () => {
    const r = await exchange(false);
    expect(r.helloBatching).toBe(true);
    expect(r.batches).toBe(0);
    expect(r.statuses).toEqual(Array(10).fill(200));
    expect(r.bodies).toBeGreaterThanOrEqual(10);
  });

  it("batches a response's start, body and end to a server that accepts it", async () => {
    const r = await exchange(true);
    expect(r.batches).toBeGreaterThan(0);
    expect(r.statuses).toEqual(Array(10).fill(200));
    expect(r.bodies).toBeGreaterThanOrEqual(10);
  });
});
