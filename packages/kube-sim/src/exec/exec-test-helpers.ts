import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import { createExecHandler, type ExecHandler } from './exec-handler.js';
import type { PodShape } from './pod-shape.js';

/** A Running pod as the controllers leave it, for exec and logs tests. */
export function runningPod(
  name: string,
  containers: { name: string; image: string; env?: Record<string, string> }[],
): PodShape {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, creationTimestamp: '2025-01-01T00:00:00Z' },
    spec: {
      nodeName: 'node-1',
      containers: containers.map((c) => ({
        name: c.name,
        image: c.image,
        env: Object.entries(c.env ?? {}).map(([k, v]) => ({ name: k, value: v })),
      })),
    },
    status: {
      phase: 'Running',
      podIP: '10.244.1.7',
      hostIP: '172.18.0.2',
      startTime: '2025-01-01T00:00:05Z',
      containerStatuses: containers.map((c) => ({
        name: c.name,
        ready: true,
        restartCount: 0,
        state: { running: { startedAt: '2025-01-01T00:00:05Z' } },
      })),
    },
  };
}

export interface ExecTestServer {
  url: string;
  handler: ExecHandler;
  close(): Promise<void>;
}

/** An HTTP server that routes `/api/v1/namespaces/{ns}/pods/{name}/exec` upgrades to an exec handler. */
export async function startExecServer(pods: PodShape[]): Promise<ExecTestServer> {
  const handler = createExecHandler({
    getPod: (ns, name) => pods.find((p) => p.metadata.namespace === ns && p.metadata.name === name),
  });
  const route = (rawUrl: string) => {
    const url = new URL(rawUrl, 'http://x');
    const m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/exec$/.exec(url.pathname);
    return m ? { namespace: m[1]!, name: m[2]!, query: url.searchParams } : undefined;
  };
  const server: Server = createServer((req, res) => {
    const target = route(req.url ?? '/');
    if (target) void handler.handleRequest(req, res, target);
    else res.writeHead(404).end();
  });
  server.on('upgrade', (req, socket, head) => {
    const target = route(req.url ?? '/');
    if (target) void handler.handleUpgrade(req, socket, head, target);
    else socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    handler,
    close: async () => {
      handler.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface ExecResult {
  protocol: string;
  stdout: string;
  stderr: string;
  error: string;
  closeCode: number;
}

export interface ExecClientOptions {
  protocols: string[];
  /** Frames (channel byte + payload) sent once open, each after the previous. */
  send?: Buffer[];
}

/** Connects, sends the frames and collects every channel until the server closes. */
export function execOverWebSocket(url: string, options: ExecClientOptions): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options.protocols);
    const out = { stdout: '', stderr: '', error: '' };
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => {
        body += c.toString();
      });
      res.on('end', () => reject(new Error(`${res.statusCode} ${body}`)));
    });
    ws.on('error', reject);
    ws.on('open', () => {
      for (const f of options.send ?? []) ws.send(f);
    });
    ws.on('message', (data: Buffer) => {
      const text = data.subarray(1).toString('utf8');
      if (data[0] === 1) out.stdout += text;
      else if (data[0] === 2) out.stderr += text;
      else if (data[0] === 3) out.error += text;
    });
    ws.on('close', (code) => resolve({ protocol: ws.protocol, ...out, closeCode: code }));
  });
}

export function execQuery(command: string[], flags: Record<string, boolean> = { stdout: true, stderr: true }): string {
  const q = new URLSearchParams();
  for (const c of command) q.append('command', c);
  for (const [k, v] of Object.entries(flags)) if (v) q.set(k, 'true');
  return q.toString();
}
