/**
 * `…/pods/{name}/portforward` over WebSocket, as the kubelet serves it (portforward.k8s.io, binary
 * `v4.channel.k8s.io` framing): for the i-th port of `?ports=`, channel 2i carries its data and 2i+1 its
 * errors; the first message the server sends on each channel is the port number (2 bytes, little endian).
 * Each WebSocket is one connection to each port; it closes when every port's connection has ended.
 * `SPDY/3.1+portforward.k8s.io` (kubectl ≥ 1.31 tunnels SPDY inside the WebSocket) is handed to ./spdy-tunnel.
 * A plain SPDY upgrade is refused.
 */
import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { PodGetter, PodShape } from '../exec/pod-shape.js';
import { badRequest, podNotFound, toStatusError } from '../exec/status.js';
import type { PodStreamHandler, PodTarget } from '../server/subresource-handlers.js';
import type { StoreError } from '../store/errors.js';
import { connectPodPort } from './pod-ports.js';
import { SPDY_TUNNEL_PROTOCOL, serveSpdyTunnel } from './spdy-tunnel.js';

export const PORTFORWARD_PROTOCOLS = ['v4.channel.k8s.io', 'channel.k8s.io', SPDY_TUNNEL_PROTOCOL] as const;

/** `ports=80,443` or `ports=80&ports=443`; each 1–65535. */
export function parsePorts(query: URLSearchParams): number[] {
  const words = query.getAll('ports').flatMap((p) => p.split(','));
  return words.map((w) => {
    const n = Number(w.trim());
    if (!Number.isInteger(n) || n < 1 || n > 65535) throw badRequest(`invalid port "${w}"`);
    return n;
  });
}

async function plan(getPod: PodGetter, target: PodTarget): Promise<PodShape> {
  const pod = await getPod(target.namespace, target.name);
  if (!pod) throw podNotFound(target.name);
  if (pod.status?.phase !== 'Running')
    throw badRequest(
      `unable to upgrade connection: pod ${target.name} is not running (phase ${pod.status?.phase ?? 'Unknown'})`,
    );
  return pod;
}

const portBytes = (port: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(port);
  return b;
};
const frame = (channel: number, data: Buffer) => Buffer.concat([Buffer.from([channel]), data]);

/** One WebSocket in `v4.channel.k8s.io` framing: a connection to each port. */
function serveChannels(ws: WebSocket, pod: PodShape, ports: number[]): void {
  const streams: (Duplex | undefined)[] = [];
  let open = ports.length;
  const done = () => {
    open--;
    if (open <= 0 && ws.readyState === ws.OPEN) ws.close(1000);
  };
  ports.forEach((port, i) => {
    ws.send(frame(2 * i, portBytes(port)));
    ws.send(frame(2 * i + 1, portBytes(port)));
  });
  ports.forEach((port, i) => {
    const c = connectPodPort(pod, port);
    if ('error' in c) {
      ws.send(frame(2 * i + 1, Buffer.from(c.error)));
      done();
      return;
    }
    streams[i] = c.stream;
    c.stream.on('data', (chunk: Buffer) => {
      if (ws.readyState === ws.OPEN) ws.send(frame(2 * i, chunk));
    });
    c.stream.on('end', done);
    c.stream.on('error', done);
  });
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (!isBinary || data.length === 0) return;
    const channel = data[0]!;
    const stream = channel % 2 === 0 ? streams[channel / 2] : undefined;
    if (stream && !stream.writableEnded) stream.write(data.subarray(1));
  });
  ws.on('close', () => {
    for (const s of streams) s?.destroy();
  });
}

function writeHttpError(socket: Duplex, error: StoreError): void {
  const body = JSON.stringify(error.toStatus());
  socket.end(
    `HTTP/1.1 ${error.code} ${STATUS_CODES[error.code] ?? 'Error'}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

export function createPortForwardHandler(options: { getPod: PodGetter }): PodStreamHandler {
  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    handleProtocols: (offered) => PORTFORWARD_PROTOCOLS.find((p) => offered.has(p)) ?? false,
  });
  // `ws` refuses a subprotocol with a '/' (not an RFC 7230 token), which the SPDY tunnel's name has: the
  // request's header is taken off before the handshake and the chosen protocol added to the answer here.
  const tunnels = new WeakSet<IncomingMessage>();
  wss.on('headers', (headers, req) => {
    if (tunnels.has(req)) headers.push(`Sec-WebSocket-Protocol: ${SPDY_TUNNEL_PROTOCOL}`);
  });
  return {
    async handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, target: PodTarget) {
      let pod: PodShape;
      let ports: number[];
      try {
        pod = await plan(options.getPod, target);
        ports = parsePorts(target.query);
        const tunnel = String(req.headers['sec-websocket-protocol'] ?? '')
          .split(',')
          .some((p) => p.trim() === SPDY_TUNNEL_PROTOCOL);
        // with SPDY the client names its ports per stream; over plain channels they come from the query
        if (ports.length === 0 && !tunnel) throw badRequest('at least one port must be specified (?ports=)');
        if ((req.headers.upgrade ?? '').toLowerCase() !== 'websocket')
          throw badRequest('unable to upgrade connection: kube-sim serves port-forward over WebSocket only');
      } catch (err) {
        writeHttpError(socket, toStatusError(err));
        return;
      }
      const tunnel = String(req.headers['sec-websocket-protocol'] ?? '')
        .split(',')
        .some((p) => p.trim() === SPDY_TUNNEL_PROTOCOL);
      if (tunnel) {
        tunnels.add(req);
        delete req.headers['sec-websocket-protocol'];
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        if (tunnel) serveSpdyTunnel(ws, pod);
        else serveChannels(ws, pod, ports);
      });
    },
    async handleRequest(_req: IncomingMessage, res: ServerResponse, target: PodTarget) {
      let error: StoreError;
      try {
        await plan(options.getPod, target);
        error = badRequest('Upgrade request required');
      } catch (err) {
        error = toStatusError(err);
      }
      res.writeHead(error.code, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(error.toStatus()));
    },
    close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
