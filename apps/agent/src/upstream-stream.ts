/**
 * One tunnelled stream on the agent: a request to the API server (unary, watch/log stream, or an upgrade
 * with raw bytes both ways), its response relayed back in StreamData chunks under the server's window,
 * and the server's bytes written upstream, granting window back only once they are flushed.
 */
import http, { type ClientRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import type { Readable, Writable } from 'node:stream';
import { type AgentMessage, CreditGate, type Header, MAX_CHUNK, type RequestStart } from '@argus/proto';
import type { Logger } from 'pino';
import type { KubeTarget } from './kube-target.js';
import { classify, UpstreamTimeout } from './upstream-errors.js';

export interface UpstreamDeps {
  target: KubeTarget;
  send(msg: AgentMessage): Promise<void>;
  /** The server's per-stream window (Welcome.initial_window). */
  peerWindow: number;
  connectTimeoutMs: number;
  logger: Logger;
  onDone(id: bigint): void;
}

export interface UpstreamStream {
  readonly id: bigint;
  onData(chunk: Buffer): void;
  /** The server ended its direction (no error) or aborted the stream (error). */
  onClose(error: string | undefined): void;
  onWindow(bytes: number): void;
  /** The tunnel is gone: stop everything, send nothing. */
  abort(): void;
  /** Bytes read from the API server and not yet sent to the server. */
  bufferedBytes(): number;
}

const DROP_REQUEST = new Set(['host', 'authorization', 'proxy-authorization', 'te', 'keep-alive', 'transfer-encoding']);
const HOP_BY_HOP = new Set(['connection', 'upgrade']);
const DROP_RESPONSE = new Set(['connection', 'keep-alive', 'transfer-encoding']);

function requestHeaders(headers: Header[], upgrade: boolean): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const h of headers) {
    const name = h.name.toLowerCase();
    if (DROP_REQUEST.has(name) || (!upgrade && HOP_BY_HOP.has(name))) continue;
    out[name] = h.values.length === 1 ? h.values[0] : h.values;
  }
  return out;
}

export function responseHeaders(raw: string[], upgrade: boolean): Header[] {
  const byName = new Map<string, string[]>();
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (!upgrade && DROP_RESPONSE.has(name)) continue;
    const list = byName.get(name) ?? [];
    list.push(raw[i + 1]!);
    byName.set(name, list);
  }
  return [...byName].map(([name, values]) => ({ name, values }));
}

export function openUpstream(start: RequestStart, deps: UpstreamDeps): UpstreamStream {
  const id = start.streamId;
  const { target } = deps;
  const gate = new CreditGate(deps.peerWindow);
  let finished = false;
  let creq: ClientRequest | undefined;
  let source: Readable | undefined;
  let sink: Writable | undefined;
  let held = 0;
  let serverEnded = !start.hasBody && !start.upgrade;
  let early: Buffer[] = [];
  let timer: NodeJS.Timeout | undefined;

  const send = (msg: AgentMessage['msg']) => deps.send({ msg });
  function finish(err?: { code: string; message: string }): void {
    if (finished) return;
    finished = true;
    if (timer) clearTimeout(timer);
    gate.fail(new Error('stream closed'));
    creq?.destroy();
    if (source && 'destroy' in source) source.destroy();
    if (sink && sink !== creq) sink.destroy();
    if (err) {
      void send({ $case: 'close', value: { streamId: id, error: err.message, errorCode: err.code } }).catch(
        () => undefined,
      );
    }
    deps.onDone(id);
  }

  function writeIn(chunk: Buffer): void {
    sink?.write(chunk, (err) => {
      if (err || finished) return;
      void send({ $case: 'window', value: { streamId: id, bytes: chunk.length } }).catch(() => undefined);
    });
  }

  function attachSink(w: Writable): void {
    sink = w;
    for (const c of early) writeIn(c);
    early = [];
    if (serverEnded) w.end();
  }

  async function pump(src: Readable): Promise<void> {
    source = src;
    try {
      for await (const chunk of src as AsyncIterable<Buffer>) {
        held = chunk.length;
        let off = 0;
        while (off < chunk.length) {
          const n = await gate.take(Math.min(MAX_CHUNK, chunk.length - off));
          if (finished) return;
          await send({ $case: 'data', value: { streamId: id, chunk: chunk.subarray(off, off + n) } });
          off += n;
          held = chunk.length - off;
        }
        held = 0;
      }
      if (finished) return;
      await send({ $case: 'close', value: { streamId: id, error: '', errorCode: '' } });
      finished = true;
      creq?.destroy();
      if (sink && sink !== creq) sink.destroy();
      gate.fail(new Error('stream closed'));
      deps.onDone(id);
    } catch (err) {
      if (!finished) finish(classify(err, target.server));
    }
  }

  async function begin(): Promise<void> {
    const cred = await target.credentials();
    const headers: OutgoingHttpHeaders = { ...requestHeaders(start.headers, start.upgrade), ...cred.headers };
    const mod = target.secure ? https : http;
    const prefix = target.base.pathname.replace(/\/+$/, '');
    const req = mod.request({
      protocol: target.base.protocol,
      hostname: target.base.hostname.replace(/^\[|\]$/g, ''),
      port: target.base.port || (target.secure ? 443 : 80),
      method: start.method || 'GET',
      path: prefix + start.path,
      headers,
      agent: start.upgrade ? target.single : target.pooled,
      ...(cred.auth ? { auth: cred.auth } : {}),
    });
    creq = req;
    if (finished) {
      req.destroy();
      return;
    }
    req.once('socket', (socket: Socket) => {
      if (!socket.connecting) return;
      const t = setTimeout(
        () =>
          req.destroy(
            new UpstreamTimeout(`${target.server} did not accept a connection within ${deps.connectTimeoutMs} ms`),
          ),
        deps.connectTimeoutMs,
      );
      socket.once(target.secure ? 'secureConnect' : 'connect', () => clearTimeout(t));
      socket.once('close', () => clearTimeout(t));
    });
    if (start.timeoutMs > 0) {
      timer = setTimeout(
        () => req.destroy(new UpstreamTimeout(`${target.server} did not answer within ${start.timeoutMs} ms`)),
        start.timeoutMs,
      );
    }
    req.once('error', (err) => finish(classify(err, target.server)));
    req.once('response', (res: IncomingMessage) => {
      if (timer) clearTimeout(timer);
      res.once('error', () => undefined);
      void send({
        $case: 'response',
        value: { streamId: id, status: res.statusCode ?? 0, headers: responseHeaders(res.rawHeaders, false) },
      })
        .then(() => pump(res))
        .catch(() => finish());
    });
    req.once('upgrade', (res: IncomingMessage, socket: Socket, head: Buffer) => {
      if (timer) clearTimeout(timer);
      socket.on('error', () => undefined);
      if (head.length > 0) socket.unshift(head);
      void send({
        $case: 'response',
        value: { streamId: id, status: 101, headers: responseHeaders(res.rawHeaders, true) },
      })
        .then(() => {
          attachSink(socket);
          return pump(socket);
        })
        .catch(() => finish());
    });
    if (start.upgrade) {
      // The request itself carries no body; bytes after the 101 go to the socket.
      req.end();
    } else {
      attachSink(req);
    }
  }

  begin().catch((err) => finish(classify(err, target.server)));

  return {
    id,
    onData(chunk) {
      if (finished) return;
      if (!sink) early.push(chunk);
      else writeIn(chunk);
    },
    onClose(error) {
      if (error) {
        deps.logger.debug({ streamId: String(id), reason: error }, 'stream cancelled by the server');
        finish();
        return;
      }
      serverEnded = true;
      sink?.end();
    },
    onWindow(bytes) {
      gate.grant(bytes);
    },
    abort() {
      finish();
    },
    bufferedBytes() {
      return held + (source?.readableLength ?? 0);
    },
  };
}
