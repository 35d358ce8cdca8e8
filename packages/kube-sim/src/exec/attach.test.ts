import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAttachHandler } from './attach-handler.js';
import { execOverWebSocket, runningPod } from './exec-test-helpers.js';
import { frame } from './protocol.js';

describe('attach', () => {
  let server: Server;
  let url: string;
  const pods = [runningPod('web-1', [{ name: 'web', image: 'nginx:1.27' }])];

  beforeAll(async () => {
    const handler = createAttachHandler({
      getPod: (ns, name) => pods.find((p) => p.metadata.namespace === ns && p.metadata.name === name),
    });
    const route = (raw: string) => {
      const u = new URL(raw, 'http://x');
      const m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/attach$/.exec(u.pathname);
      return m ? { namespace: m[1]!, name: m[2]!, query: u.searchParams } : undefined;
    };
    server = createServer((req, res) => {
      const t = route(req.url ?? '/');
      if (t) void handler.handleRequest(req, res, t);
      else res.writeHead(404).end();
    });
    server.on('upgrade', (req, socket, head) => {
      const t = route(req.url ?? '/');
      if (t) void handler.handleUpgrade(req, socket, head, t);
      else socket.destroy();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("attaches to the container's process: prompt, echo, and its exit code on the error channel", async () => {
    const result = await execOverWebSocket(
      `${url}/api/v1/namespaces/default/pods/web-1/attach?container=web&stdin=true&stdout=true&tty=true`,
      { protocols: ['v5.channel.k8s.io'], send: [frame(0, 'echo attached\r'), frame(0, 'exit 4\r')] },
    );
    expect(result.protocol).toBe('v5.channel.k8s.io');
    expect(result.stdout).toContain('/ # ');
    expect(result.stdout).toContain('attached\r\n');
    expect(JSON.parse(result.error)).toMatchObject({ status: 'Failure', reason: 'NonZeroExitCode' });
    expect(result.error).toContain('"message":"4"');
  });

  it('stty size reports the size of the last resize message (80x24 before any)', async () => {
    const result = await execOverWebSocket(
      `${url}/api/v1/namespaces/default/pods/web-1/attach?container=web&stdin=true&stdout=true&tty=true`,
      {
        protocols: ['v5.channel.k8s.io'],
        send: [
          frame(0, 'stty size\r'),
          frame(4, JSON.stringify({ Width: 132, Height: 43 })),
          frame(0, 'stty size\r'),
          frame(0, 'exit\r'),
        ],
      },
    );
    expect(result.stdout).toContain('24 80\r\n');
    expect(result.stdout).toContain('43 132\r\n');
  });

  it('refuses an attach to a container the pod does not have, as the API server does', async () => {
    await expect(
      execOverWebSocket(`${url}/api/v1/namespaces/default/pods/web-1/attach?container=nope&stdin=true&stdout=true`, {
        protocols: ['v5.channel.k8s.io'],
      }),
    ).rejects.toThrow(/^400 .*nope/);
  });
});
