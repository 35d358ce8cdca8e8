/**
 * For tests: librdkafka's mock Kafka cluster (Debian's `kcat`), which lives as long as its kcat process, and
 * a TCP proxy in front of it that a test cuts and restores (stopping the mock would lose its state). Every
 * client connection goes through the proxy: the mock advertises its own address in metadata, so the
 * client's socket factory sends each connection to the proxy whatever address it asks for.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { ISocketFactory } from 'kafkajs';

export interface MockKafka {
  bootstrap: string;
  port: number;
  stop(): Promise<void>;
}

export async function startMockKafka(): Promise<MockKafka> {
  const child: ChildProcess = spawn(
    'kcat',
    ['-b', '127.0.0.1:1', '-X', 'test.mock.num.brokers=1', '-C', '-t', 'argus-mock-keepalive'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`kcat did not start its mock cluster: ${err}`)), 15_000);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`kcat is needed for the Kafka tests (apt-get install kcat): ${e.message}`));
    });
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /replaced with 127\.0\.0\.1:(\d+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
  });
  return {
    bootstrap: `127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface TcpProxy {
  port: number;
  /** Drops every connection and refuses new ones (Kafka "down"). */
  cut(): void;
  restore(): void;
  /** A kafkajs socket factory that connects through this proxy. */
  socketFactory: ISocketFactory;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  let open = true;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (!open) return client.destroy();
    const upstream = connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    cut() {
      open = false;
      for (const s of sockets) s.destroy();
    },
    restore() {
      open = true;
    },
    socketFactory: ({ onConnect }) => {
      const socket = connect(port, '127.0.0.1', onConnect);
      socket.setKeepAlive(true, 1_000);
      return socket;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
