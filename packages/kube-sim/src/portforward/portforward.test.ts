/**
 * `pods/portforward` against kube-sim: @kubernetes/client-node's PortForward (WebSocket, v4 channels with
 * the port prefix) and the real kubectl 1.32 `port-forward` (SPDY tunneled in a WebSocket), each reaching
 * what answers on a port the pod's container declares, and each told, as the kubelet tells them, that a
 * port nothing listens on refuses the connection.
 */
import { once } from 'node:events';
import { type AddressInfo, connect, createServer, type Server } from 'node:net';
import { Writable } from 'node:stream';
import { KubeConfig, PortForward } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimFixture, startSimFixture, waitFor } from '../testing/sim-fixture.js';

const DEPLOYMENT = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: default }
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports: [{ containerPort: 8080, name: http }]
`;

describe('pods/portforward', () => {
  let f: SimFixture;
  let pod: string;
  const servers: Server[] = [];

  beforeAll(async () => {
    f = await startSimFixture({ tls: true });
    const applied = await f.kubectl.run(['apply', '-f', '-'], { input: DEPLOYMENT });
    expect(applied.stderr).toBe('');
    const first = (path: string) =>
      f.kubectl.run(['get', 'pods', '-l', 'app=web', '-o', `jsonpath={.items[0].${path}}`]);
    await waitFor(async () => (await first('status.phase')).stdout === 'Running', 30_000, 200);
    pod = (await first('metadata.name')).stdout;
  }, 60_000);
  afterAll(async () => {
    for (const s of servers) s.close();
    await f?.close();
  });

  /** A local port whose every connection client-node forwards to the pod's `port`; errors collected. */
  async function clientNodeForward(port: number) {
    const kc = new KubeConfig();
    kc.loadFromFile(f.kubeconfig);
    const forward = new PortForward(kc);
    let errors = '';
    const err = new Writable({
      write(chunk: Buffer, _enc, done) {
        errors += chunk.toString();
        done();
      },
    });
    const server = createServer((socket) => {
      void forward.portForward('default', pod, [port], socket, err, socket);
    });
    servers.push(server);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return { local: (server.address() as AddressInfo).port, errors: () => errors };
  }

  it('client-node forwards a local port to what answers in the pod', async () => {
    const fwd = await clientNodeForward(8080);
    const res = await fetch(`http://127.0.0.1:${fwd.local}/hello?x=1`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(`kube-sim nginx:1.27 on default/${pod}:8080: GET /hello?x=1\n`);
    // a second connection is a second WebSocket
    const again = await fetch(`http://127.0.0.1:${fwd.local}/again`, { method: 'POST', body: 'x' });
    expect(await again.text()).toBe(`kube-sim nginx:1.27 on default/${pod}:8080: POST /again\n`);
    expect(fwd.errors()).toBe('');
  });

  it('client-node hears on the error channel that nothing listens on a port', async () => {
    const fwd = await clientNodeForward(9999);
    const socket = connect(fwd.local, '127.0.0.1');
    socket.on('error', () => undefined);
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    await waitFor(() => fwd.errors().includes('connection refused'));
    socket.destroy();
    expect(fwd.errors()).toMatch(/^error forwarding port 9999 to pod /);
  });

  it('refuses a plain (not upgraded) request and a missing pod', async () => {
    const plain = await f.kubectl.run(['get', '--raw', `/api/v1/namespaces/default/pods/${pod}/portforward`]);
    expect(plain.code).not.toBe(0);
    const kc = new KubeConfig();
    kc.loadFromFile(f.kubeconfig);
    const forward = new PortForward(kc);
    const sink = new Writable({ write: (_c, _e, done) => done() });
    await expect(forward.portForward('default', 'nope', [80], sink, null, process.stdin)).rejects.toThrow();
  });

  it('real kubectl port-forward (SPDY over WebSocket) reaches the pod and reports a refused port', async () => {
    const pf = f.kubectl.spawn(['port-forward', `pod/${pod}`, ':8080', '-n', 'default', '--address', '127.0.0.1']);
    try {
      await waitFor(() => /Forwarding from 127\.0\.0\.1:\d+ -> 8080/.test(pf.output()), 20_000, 100);
      const local = Number(/127\.0\.0\.1:(\d+) -> 8080/.exec(pf.output())![1]);
      const res = await fetch(`http://127.0.0.1:${local}/via-kubectl`);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(`kube-sim nginx:1.27 on default/${pod}:8080: GET /via-kubectl\n`);
      const second = await fetch(`http://127.0.0.1:${local}/second`);
      expect(await second.text()).toContain('GET /second');
      await waitFor(() => pf.output().includes(`Handling connection for ${local}`), 5_000, 50);
    } finally {
      pf.child.kill();
    }
    const refused = f.kubectl.spawn(['port-forward', `pod/${pod}`, ':9999', '-n', 'default', '--address', '127.0.0.1']);
    try {
      await waitFor(() => /Forwarding from 127\.0\.0\.1:\d+ -> 9999/.test(refused.output()), 20_000, 100);
      const local = Number(/127\.0\.0\.1:(\d+) -> 9999/.exec(refused.output())![1]);
      await fetch(`http://127.0.0.1:${local}/`).catch(() => undefined);
      await waitFor(() => refused.output().includes('connection refused'), 10_000, 100);
      expect(refused.output()).toMatch(/an error occurred forwarding \d+ -> 9999: error forwarding port 9999 to pod/);
    } finally {
      refused.child.kill();
    }
  }, 60_000);
});
