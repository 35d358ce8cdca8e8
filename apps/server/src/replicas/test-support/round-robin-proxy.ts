/**
 * A small load balancer for the multi-replica test, as a platform team would put in front of Argus:
 * - HTTP(S): every request (and every WebSocket/SPDY upgrade) goes to the next backend in turn, whatever
 *   connection it came on; a backend that refuses connections is skipped (nginx's `proxy_next_upstream error`).
 * - TCP (the agents' gRPC port): every connection goes to the next backend; a refused one tries the next.
 * It counts what each backend answered, so a test can tell that every replica served.
 */
import { createServer as createHttpsServer, type Server as HttpsServer, request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import {
  createServer as createTcpServer,
  connect as netConnect,
  type Socket,
  type Server as TcpServer,
} from 'node:net';
import { connect as tlsConnect } from 'node:tls';

export interface Backend {
  host: string;
  port: number;
}

export interface RoundRobinProxy {
  port: number;
  /** Requests (or connections) each backend answered, by index. */
  served: number[];
  close(): Promise<void>;
}

/** Tries backends in turn from the next one; resolves with the first that accepts a connection. */
function pick(
  backends: readonly Backend[],
  start: number,
  open: (b: Backend) => Socket,
  ready: 'connect' | 'secureConnect',
): Promise<{ index: number; socket: Socket }> {
  return new Promise((resolve, reject) => {
    const attempt = (tried: number) => {
      if (tried >= backends.length) return reject(new Error('no backend accepts connections'));
      const index = (start + tried) % backends.length;
      const socket = open(backends[index] as Backend);
      const onError = () => {
        socket.destroy();
        attempt(tried + 1);
      };
      socket.once('error', onError);
      socket.once(ready, () => {
        socket.off('error', onError);
        resolve({ index, socket });
      });
    };
    attempt(0);
  });
}

export async function startHttpsRoundRobin(o: {
  backends: readonly Backend[];
  cert: string;
  key: string;
  ca: string;
}): Promise<RoundRobinProxy> {
  let next = 0;
  const served = o.backends.map(() => 0);
  const server: HttpsServer = createHttpsServer({ cert: o.cert, key: o.key }, (req, res) => {
    const start = next++;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const attempt = (tried: number) => {
        if (tried >= o.backends.length) {
          res.writeHead(502).end();
          return;
        }
        const index = (start + tried) % o.backends.length;
        const b = o.backends[index] as Backend;
        let connected = false;
        const up = httpsRequest(
          {
            host: b.host,
            port: b.port,
            method: req.method,
            path: req.url,
            headers: req.headers,
            ca: o.ca,
            agent: false,
          },
          (upRes) => {
            served[index] = (served[index] ?? 0) + 1;
            res.writeHead(upRes.statusCode ?? 502, upRes.headers);
            res.flushHeaders();
            upRes.pipe(res);
            res.on('close', () => upRes.destroy());
          },
        );
        up.on('socket', (s) => s.once('secureConnect', () => (connected = true)));
        up.on('error', (err: NodeJS.ErrnoException) => {
          if (!connected && err.code === 'ECONNREFUSED') attempt(tried + 1);
          else res.destroy();
        });
        res.on('close', () => up.destroy());
        up.end(body);
      };
      attempt(0);
    });
  });
  server.on('upgrade', (req, client: Socket, head: Buffer) => {
    client.on('error', () => undefined);
    pick(
      o.backends,
      next++,
      (b) => tlsConnect({ host: b.host, port: b.port, ca: o.ca, servername: 'localhost' }),
      'secureConnect',
    )
      .then(({ index, socket }) => {
        served[index] = (served[index] ?? 0) + 1;
        const lines = [`${req.method} ${req.url} HTTP/1.1`];
        for (let i = 0; i + 1 < req.rawHeaders.length; i += 2)
          lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
        socket.write(`${lines.join('\r\n')}\r\n\r\n`);
        if (head.length > 0) socket.write(head);
        socket.on('error', () => client.destroy());
        socket.on('close', () => client.destroy());
        client.on('close', () => socket.destroy());
        socket.pipe(client);
        client.pipe(socket);
      })
      .catch(() => client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    served,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export async function startTcpRoundRobin(backends: readonly Backend[]): Promise<RoundRobinProxy> {
  let next = 0;
  const served = backends.map(() => 0);
  const sockets = new Set<Socket>();
  const server: TcpServer = createTcpServer((client) => {
    client.pause();
    client.on('error', () => undefined);
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    pick(backends, next++, (b) => netConnect(b.port, b.host), 'connect')
      .then(({ index, socket }) => {
        served[index] = (served[index] ?? 0) + 1;
        sockets.add(socket);
        socket.on('error', () => client.destroy());
        socket.on('close', () => {
          sockets.delete(socket);
          client.destroy();
        });
        client.on('close', () => socket.destroy());
        socket.pipe(client);
        client.pipe(socket);
        client.resume();
      })
      .catch(() => client.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    served,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
