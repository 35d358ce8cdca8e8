/**
 * kubectl ≥ 1.31's port-forward: SPDY/3.1 tunneled inside a WebSocket (subprotocol
 * `SPDY/3.1+portforward.k8s.io`; every binary message is a piece of the SPDY byte stream). kube-sim plays
 * the kubelet's side: for each forwarded connection kubectl opens an `error` and a `data` stream (headers
 * `streamType`, `port`, `requestID`); each is answered with SYN_REPLY, the data stream is joined to the
 * pod's port (./pod-ports.ts), and the error stream carries why a port could not be reached, then ends.
 * Header blocks are zlib-compressed with the SPDY/3 dictionary, one compression context per direction.
 * PINGs are echoed; SETTINGS and WINDOW_UPDATE are accepted and ignored (spdystream does no flow control).
 */
import type { Duplex } from 'node:stream';
import { constants, createDeflate, createInflate, type Deflate, type Inflate } from 'node:zlib';
import type { WebSocket } from 'ws';
import type { PodShape } from '../exec/pod-shape.js';
import { connectPodPort } from './pod-ports.js';
import { SPDY3_DICTIONARY } from './spdy-dictionary.js';

export const SPDY_TUNNEL_PROTOCOL = 'SPDY/3.1+portforward.k8s.io';

const SYN_STREAM = 1;
const SYN_REPLY = 2;
const RST_STREAM = 3;
const PING = 6;
const GOAWAY = 7;
const FLAG_FIN = 0x01;
const MAX_DATA = 32 * 1024;

/** One zlib context (SPDY keeps one per direction for the whole connection): each block ends in a sync flush. */
class ZContext {
  constructor(private readonly z: Inflate | Deflate) {}
  process(input: Buffer): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      this.z.once('error', reject);
      this.z.write(input);
      this.z.flush(constants.Z_SYNC_FLUSH, () => {
        this.z.off('error', reject);
        const out: Buffer[] = [];
        for (let c = this.z.read() as Buffer | null; c !== null; c = this.z.read() as Buffer | null) out.push(c);
        resolve(Buffer.concat(out));
      });
    });
  }
}

function parseHeaderBlock(block: Buffer): Map<string, string> {
  const headers = new Map<string, string>();
  let at = 0;
  const u32 = () => {
    const v = block.readUInt32BE(at);
    at += 4;
    return v;
  };
  const n = u32();
  for (let i = 0; i < n; i++) {
    const name = block.subarray(at + 4, at + 4 + block.readUInt32BE(at)).toString('latin1');
    at += 4 + name.length;
    const len = u32();
    headers.set(name.toLowerCase(), block.subarray(at, at + len).toString('utf8'));
    at += len;
  }
  return headers;
}

function control(type: number, flags: number, payload: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt16BE(0x8000 | 3, 0);
  h.writeUInt16BE(type, 2);
  h.writeUInt32BE(payload.length, 4);
  h[4] = flags;
  return Buffer.concat([h, payload]);
}

function data(streamId: number, flags: number, payload: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt32BE(streamId & 0x7fffffff, 0);
  h.writeUInt32BE(payload.length, 4);
  h[4] = flags;
  return Buffer.concat([h, payload]);
}

interface PortRequest {
  port: number;
  error?: number;
  data?: number;
  backend?: Duplex;
  ended?: boolean;
  /** The data stream's FIN was sent. */
  dataDone?: boolean;
}

export function serveSpdyTunnel(ws: WebSocket, pod: PodShape): void {
  const inflate = new ZContext(createInflate({ dictionary: SPDY3_DICTIONARY }));
  const deflate = new ZContext(createDeflate({ dictionary: SPDY3_DICTIONARY }));
  const requests = new Map<string, PortRequest>();
  const byStream = new Map<number, { req: PortRequest; kind: 'error' | 'data' }>();
  let buffer = Buffer.alloc(0);
  let queue: Promise<void> = Promise.resolve();
  let closed = false;

  const send = (frame: Buffer) => {
    if (!closed && ws.readyState === ws.OPEN) ws.send(frame);
  };
  const sendQueued = (make: () => Promise<Buffer> | Buffer) => {
    queue = queue.then(async () => send(await make())).catch(() => shutdown());
  };
  const reply = (streamId: number) =>
    sendQueued(async () => {
      const id = Buffer.alloc(4);
      id.writeUInt32BE(streamId);
      return control(SYN_REPLY, 0, Buffer.concat([id, await deflate.process(Buffer.alloc(4))]));
    });
  const rst = (streamId: number, status: number) => {
    const p = Buffer.alloc(8);
    p.writeUInt32BE(streamId, 0);
    p.writeUInt32BE(status, 4);
    sendQueued(() => control(RST_STREAM, 0, p));
  };
  const endData = (req: PortRequest) => {
    if (req.dataDone || req.data === undefined) return;
    req.dataDone = true;
    const id = req.data;
    sendQueued(() => data(id, FLAG_FIN, Buffer.alloc(0)));
  };
  /**
   * The forwarded connection is over, as the kubelet ends it: the reason (if any) on the error stream, the
   * error stream's end, then the data stream's.
   */
  const finish = (req: PortRequest, reason?: string) => {
    if (req.ended) return;
    req.ended = true;
    req.backend?.destroy();
    if (req.error !== undefined) {
      const id = req.error;
      if (reason) sendQueued(() => data(id, 0, Buffer.from(reason)));
      sendQueued(() => data(id, FLAG_FIN, Buffer.alloc(0)));
    }
    endData(req);
  };
  const start = (req: PortRequest) => {
    if (req.error === undefined || req.data === undefined || req.backend || req.ended) return;
    const c = connectPodPort(pod, req.port);
    if ('error' in c) return finish(req, c.error);
    req.backend = c.stream;
    const dataId = req.data;
    c.stream.on('data', (chunk: Buffer) => {
      for (let i = 0; i < chunk.length; i += MAX_DATA) {
        const part = chunk.subarray(i, i + MAX_DATA);
        sendQueued(() => data(dataId, 0, part));
      }
    });
    c.stream.on('end', () => {
      endData(req);
      finish(req);
    });
    c.stream.on('error', () => finish(req));
  };

  async function onSynStream(flags: number, payload: Buffer): Promise<void> {
    const streamId = payload.readUInt32BE(0) & 0x7fffffff;
    const headers = parseHeaderBlock(await inflate.process(payload.subarray(10)));
    const kind = headers.get('streamtype');
    const port = Number(headers.get('port'));
    const requestId = headers.get('requestid') ?? String(streamId);
    if ((kind !== 'error' && kind !== 'data') || !Number.isInteger(port) || port < 1 || port > 65535) {
      rst(streamId, 1); // PROTOCOL_ERROR: the kubelet refuses a stream without a valid type and port
      return;
    }
    let req = requests.get(requestId);
    if (!req) {
      req = { port };
      requests.set(requestId, req);
    }
    req[kind] = streamId;
    byStream.set(streamId, { req, kind });
    reply(streamId);
    if (flags & FLAG_FIN && kind === 'data') req.backend?.end();
    start(req);
  }

  function onData(streamId: number, flags: number, payload: Buffer): void {
    const s = byStream.get(streamId);
    if (s?.kind !== 'data') return;
    const backend = s.req.backend;
    if (backend && payload.length > 0 && !backend.writableEnded) backend.write(payload);
    if (flags & FLAG_FIN && backend && !backend.writableEnded) backend.end();
  }

  async function onFrame(frame: Buffer): Promise<void> {
    const flags = frame[4]!;
    const payload = frame.subarray(8);
    if ((frame[0]! & 0x80) === 0) return onData(frame.readUInt32BE(0) & 0x7fffffff, flags, payload);
    const type = frame.readUInt16BE(2);
    if (type === SYN_STREAM) await onSynStream(flags, payload);
    else if (type === PING) send(frame);
    else if (type === RST_STREAM) {
      const s = byStream.get(payload.readUInt32BE(0) & 0x7fffffff);
      if (s) finish(s.req);
    } else if (type === GOAWAY) shutdown();
  }

  function shutdown(): void {
    if (closed) return;
    for (const req of requests.values()) req.backend?.destroy();
    closed = true;
    if (ws.readyState === ws.OPEN) ws.close(1000);
  }

  ws.on('message', (chunk: Buffer, isBinary: boolean) => {
    if (!isBinary) return shutdown();
    buffer = Buffer.concat([buffer, chunk]);
    while (buffer.length >= 8) {
      const length = buffer.readUInt32BE(4) & 0xffffff;
      if (buffer.length < 8 + length) break;
      const frame = buffer.subarray(0, 8 + length);
      buffer = buffer.subarray(8 + length);
      queue = queue.then(() => onFrame(frame)).catch(() => shutdown());
    }
  });
  ws.on('close', () => {
    closed = true;
    for (const req of requests.values()) req.backend?.destroy();
  });
}
