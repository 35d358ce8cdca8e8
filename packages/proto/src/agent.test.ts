import { credentials, Server, ServerCredentials, type ServerDuplexStream } from '@grpc/grpc-js';
import { afterAll, describe, expect, it } from 'vitest';
import { AgentMessage, AgentServiceClient, AgentServiceService, reusingEncoder, ServerMessage } from './index.js';

describe('agent protocol', () => {
  it('round-trips a request frame through its wire encoding', () => {
    const msg: ServerMessage = {
      msg: {
        $case: 'request',
        value: {
          streamId: 7n,
          method: 'GET',
          path: '/api/v1/pods?watch=1',
          headers: [{ name: 'accept', values: ['application/json'] }],
          upgrade: false,
          hasBody: false,
          timeoutMs: 5000,
        },
      },
    };
    const bytes = ServerMessage.encode(msg).finish();
    expect(ServerMessage.decode(bytes)).toEqual(msg);
  });

  it('encodes with a reused writer exactly as the generated encoder does, message after message', () => {
    const encode = reusingEncoder(AgentMessage);
    const data = (n: number, fill: number): AgentMessage => ({
      msg: { $case: 'data', value: { streamId: BigInt(n), chunk: Buffer.alloc(n, fill) } },
    });
    const messages: AgentMessage[] = [
      data(5_000, 1),
      { msg: { $case: 'close', value: { streamId: 3n, error: '', errorCode: '' } } },
      data(2 * 1024 * 1024, 2), // past the size the writer keeps
      data(10, 3),
      {
        msg: {
          $case: 'batch',
          value: {
            messages: [
              {
                msg: {
                  $case: 'response',
                  value: { streamId: 9n, status: 200, headers: [{ name: 'a', values: ['b'] }] },
                },
              },
              data(300, 4),
            ],
          },
        },
      },
    ];
    const outputs = messages.map((m) => encode(m));
    messages.forEach((m, i) => {
      const generated = AgentMessage.encode(m).finish();
      expect(Buffer.compare(outputs[i] as Buffer, Buffer.from(generated))).toBe(0);
    });
    // A message that fails half-way leaves nothing behind for the next one.
    expect(() => encode({ msg: { $case: 'data', value: { streamId: 1n, chunk: 7 as unknown as Buffer } } })).toThrow();
    const after = encode(data(10, 5));
    expect(Buffer.compare(after, Buffer.from(AgentMessage.encode(data(10, 5)).finish()))).toBe(0);
  });

  const server = new Server();
  afterAll(() => server.forceShutdown());

  it('carries a bidirectional stream between a real grpc-js server and client', async () => {
    server.addService(AgentServiceService, {
      enrol: (_call: unknown, cb: (e: null, r: { clusterId: string; agentId: string; credential: string }) => void) =>
        cb(null, { clusterId: 'c1', agentId: 'a1', credential: 'cred' }),
      connect: (call: ServerDuplexStream<AgentMessage, ServerMessage>) => {
        call.on('data', (m: AgentMessage) => {
          if (m.msg?.$case === 'pong')
            call.write({ msg: { $case: 'ping', value: { sentUnixMs: m.msg.value.sentUnixMs + 1n } } });
        });
        call.on('end', () => call.end());
      },
    });
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
    );
    const client = new AgentServiceClient(`127.0.0.1:${port}`, credentials.createInsecure());
    const enrolled = await new Promise((resolve, reject) =>
      client.enrol(
        { enrolmentToken: 't', agentVersion: '1', kubernetesVersion: 'v1.32.3', agentName: 'a' },
        (err, res) => (err ? reject(err) : resolve(res)),
      ),
    );
    expect(enrolled).toEqual({ clusterId: 'c1', agentId: 'a1', credential: 'cred' });
    const stream = client.connect();
    const reply = new Promise<ServerMessage>((resolve) => stream.once('data', resolve));
    stream.write({ msg: { $case: 'pong', value: { sentUnixMs: 41n } } });
    expect(await reply).toEqual({ msg: { $case: 'ping', value: { sentUnixMs: 42n } } });
    const ended = new Promise((resolve) => stream.on('end', resolve));
    stream.end();
    await ended;
    client.close();
  });
});
