import { credentials, Server, ServerCredentials, type ServerDuplexStream } from '@grpc/grpc-js';
import { afterAll, describe, expect, it } from 'vitest';
import { type AgentMessage, AgentServiceClient, AgentServiceService, ServerMessage } from './index.js';

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
