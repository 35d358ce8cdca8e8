/**
 * What answers inside a pod on a forwarded port: kube-sim's containers run no process, so every port a
 * container declares (`ports[].containerPort`, TCP) is answered in-process by a small HTTP server
 * ("kube-sim <image> on <pod>:<port>"); a port no container declares refuses the connection, as an empty
 * port in the pod's network namespace would.
 */
import { createServer, type Server } from 'node:http';
import { Duplex } from 'node:stream';
import type { PodShape } from '../exec/pod-shape.js';

/** The container declaring `port` (TCP), if any. */
export function containerForPort(pod: PodShape, port: number): { name: string; image?: string } | undefined {
  for (const c of pod.spec?.containers ?? [])
    for (const p of c.ports ?? [])
      if (p.containerPort === port && (p.protocol ?? 'TCP') === 'TCP') return { name: c.name, image: c.image };
  return undefined;
}

/** Two connected in-memory streams: what one writes, the other reads. */
export function duplexPair(): [Duplex, Duplex] {
  let a: Duplex;
  let b: Duplex;
  const make = (peer: () => Duplex) =>
    new Duplex({
      read() {},
      write(chunk: Buffer, _enc, done) {
        peer().push(chunk);
        done();
      },
      final(done) {
        peer().push(null);
        done();
      },
      destroy(err, done) {
        const p = peer();
        if (!p.destroyed) p.destroy();
        done(err);
      },
    });
  a = make(() => b);
  b = make(() => a);
  // what node's http server may call on a socket
  for (const s of [a, b]) Object.assign(s, { setTimeout: () => s, setNoDelay: () => s, setKeepAlive: () => s });
  return [a, b];
}

/** The in-pod HTTP server for one pod's port. */
function podServer(pod: PodShape, port: number, image: string | undefined): Server {
  const name = `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
  return createServer((req, res) => {
    req.resume();
    const body = `kube-sim ${image ?? 'container'} on ${name}:${port}: ${req.method} ${req.url}\n`;
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', server: 'kube-sim' });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
}

/**
 * A connection to `port` in the pod: the stream to write the client's bytes to and read the answers from,
 * or an error text (as the kubelet reports on the port's error channel).
 */
export function connectPodPort(pod: PodShape, port: number): { stream: Duplex } | { error: string } {
  const container = containerForPort(pod, port);
  if (!container)
    return {
      error: `error forwarding port ${port} to pod ${pod.metadata?.uid ?? ''}, uid : failed to execute portforward in network namespace "/var/run/netns/cni-${pod.metadata?.uid ?? ''}": failed to connect to localhost:${port} inside namespace "${pod.metadata?.uid ?? ''}", IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused IPv6 dial tcp6: address localhost: no suitable address `,
    };
  const [outside, inside] = duplexPair();
  const server = podServer(pod, port, container.image);
  server.emit('connection', inside);
  inside.on('close', () => server.close());
  return { stream: outside };
}
