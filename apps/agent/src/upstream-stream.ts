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
import type { KubeTarget, TargetOptions } from './kube-target.js';
import { classify, UpstreamTimeout } from './upstream-errors.js';

export interface UpstreamDeps {
  target: KubeTarget;
  send(msg: AgentMessage): Promise<void>;
  /** Whether a send now leaves without waiting (the tunnel's queue and gRPC's buffer have room). */
  ready(): boolean;
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
  const out: Header[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = (raw[i] as string).toLowerCase();
    if (!upgrade && DROP_RESPONSE.has(name)) continue;
    // A handful of headers: a linear search for a repeated name is cheaper than a Map.
    const seen = out.find((h) => h.name === name);
    if (seen) seen.values.push(raw[i + 1] as string);
    else out.push({ name, values: [raw[i + 1] as string] });
  }
  return out;
}

const PREMATURE_CLOSE = 'ERR_STREAM_PREMATURE_CLOSE';

/**
 * One stream's state and steps. A class rather than a closure per step: every tunnelled request opens
 * one, and its methods are made once, not once per request.
 */
class Upstream implements UpstreamStream {
  readonly id: bigint;
  private readonly gate: CreditGate;
  private finished = false;
  private creq: ClientRequest | undefined;
  private source: Readable | undefined;
  private sink: Writable | undefined;
  /** Bytes of the chunk being relayed that have not left yet. */
  private held = 0;
  private serverEnded: boolean;
  private early: Buffer[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** A chunk waits for window or for the tunnel's buffer; the source is paused meanwhile. */
  private waiting = false;
  private sourceEnded = false;
  private readonly fail = (err: unknown): void => {
    if (!this.finished) this.finish(classify(err, this.deps.target.server));
  };
  private readonly end = (): void => this.finish();

  constructor(
    private readonly start: RequestStart,
    private readonly deps: UpstreamDeps,
  ) {
    this.id = start.streamId;
    this.gate = new CreditGate(deps.peerWindow);
    this.serverEnded = !start.hasBody && !start.upgrade;
    const cred = deps.target.freshCredentials();
    if (cred) this.beginSafely(cred, true);
    else
      deps.target.credentials().then(
        (c) => this.beginSafely(c, false),
        (err) => this.fail(err),
      );
  }

  /** begin(), with a synchronous failure (a header Node refuses, say) reported after the caller has registered us. */
  private beginSafely(cred: TargetOptions, inConstructor: boolean): void {
    try {
      this.begin(cred);
    } catch (err) {
      if (inConstructor) queueMicrotask(() => this.fail(err));
      else this.fail(err);
    }
  }

  private send(msg: AgentMessage['msg']): Promise<void> {
    return this.deps.send({ msg });
  }

  private finish(err?: { code: string; message: string }): void {
    if (this.finished) return;
    this.finished = true;
    if (this.timer) clearTimeout(this.timer);
    this.gate.close();
    this.creq?.destroy();
    if (this.source && 'destroy' in this.source) this.source.destroy();
    if (this.sink && this.sink !== this.creq) this.sink.destroy();
    if (err) {
      this.send({ $case: 'close', value: { streamId: this.id, error: err.message, errorCode: err.code } }).catch(
        () => undefined,
      );
    }
    this.deps.onDone(this.id);
  }

  private writeIn(chunk: Buffer): void {
    this.sink?.write(chunk, (err) => {
      if (err || this.finished) return;
      this.send({ $case: 'window', value: { streamId: this.id, bytes: chunk.length } }).catch(() => undefined);
    });
  }

  private attachSink(w: Writable): void {
    this.sink = w;
    for (const c of this.early) this.writeIn(c);
    this.early = [];
    if (this.serverEnded) w.end();
  }

  /** The API server's side ended: tell the server, and release this stream. */
  private complete(): void {
    if (this.finished) return;
    this.send({ $case: 'close', value: { streamId: this.id, error: '', errorCode: '' } }).then(() => {
      if (this.finished) return;
      this.finished = true;
      this.creq?.destroy();
      if (this.sink && this.sink !== this.creq) this.sink.destroy();
      this.gate.close();
      this.deps.onDone(this.id);
    }, this.fail);
  }

  /** Sends one chunk in StreamData messages of at most MAX_CHUNK, each waiting for the server's window. */
  private async relay(chunk: Buffer): Promise<void> {
    this.held = chunk.length;
    let off = 0;
    while (off < chunk.length) {
      const n = await this.gate.take(Math.min(MAX_CHUNK, chunk.length - off));
      if (this.finished) return;
      await this.send({ $case: 'data', value: { streamId: this.id, chunk: chunk.subarray(off, off + n) } });
      off += n;
      this.held = chunk.length - off;
    }
  }

  private readonly onSourceData = (chunk: Buffer): void => {
    if (this.finished) return;
    if (chunk.length <= MAX_CHUNK && this.deps.ready() && this.gate.tryTake(chunk.length)) {
      this.send({ $case: 'data', value: { streamId: this.id, chunk } }).catch(this.fail);
      return;
    }
    this.waiting = true;
    this.source?.pause();
    this.relay(chunk).then(() => {
      this.waiting = false;
      this.held = 0;
      if (this.finished) return;
      if (this.sourceEnded) this.complete();
      else this.source?.resume();
    }, this.fail);
  };

  private readonly onSourceEnd = (): void => {
    this.sourceEnded = true;
    if (!this.waiting) this.complete();
  };

  private readonly onSourceClose = (): void => {
    if (!this.sourceEnded) this.fail(Object.assign(new Error('Premature close'), { code: PREMATURE_CLOSE }));
  };

  /**
   * Relays what the API server sends. A chunk that fits the server's window while the tunnel has room
   * leaves at once; otherwise `src` pauses until the chunk is through (the window bounds what is in flight).
   */
  private pump(src: Readable): void {
    this.source = src;
    src.on('data', this.onSourceData);
    src.once('end', this.onSourceEnd);
    src.once('error', this.fail);
    src.once('close', this.onSourceClose);
  }

  private begin(cred: TargetOptions): void {
    const { start, deps } = this;
    const { target } = deps;
    if (this.finished) return;
    const headers: OutgoingHttpHeaders = { ...requestHeaders(start.headers, start.upgrade), ...cred.headers };
    const req = (target.secure ? https : http).request({
      protocol: target.base.protocol,
      hostname: target.base.hostname.replace(/^\[|\]$/g, ''),
      port: target.base.port || (target.secure ? 443 : 80),
      method: start.method || 'GET',
      path: target.base.pathname.replace(/\/+$/, '') + start.path,
      headers,
      agent: start.upgrade ? target.single : target.pooled,
      ...(cred.auth ? { auth: cred.auth } : {}),
    });
    this.creq = req;
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
      this.timer = setTimeout(
        () => req.destroy(new UpstreamTimeout(`${target.server} did not answer within ${start.timeoutMs} ms`)),
        start.timeoutMs,
      );
    }
    req.once('error', this.fail);
    req.once('response', (res: IncomingMessage) => {
      if (this.timer) clearTimeout(this.timer);
      res.once('error', () => undefined);
      this.send({
        $case: 'response',
        value: { streamId: this.id, status: res.statusCode ?? 0, headers: responseHeaders(res.rawHeaders, false) },
      }).then(() => this.pump(res), this.end);
    });
    req.once('upgrade', (res: IncomingMessage, socket: Socket, head: Buffer) => {
      if (this.timer) clearTimeout(this.timer);
      socket.on('error', () => undefined);
      if (head.length > 0) socket.unshift(head);
      this.send({
        $case: 'response',
        value: { streamId: this.id, status: 101, headers: responseHeaders(res.rawHeaders, true) },
      }).then(() => {
        this.attachSink(socket);
        this.pump(socket);
      }, this.end);
    });
    if (start.upgrade) {
      // The request itself carries no body; bytes after the 101 go to the socket.
      req.end();
    } else {
      this.attachSink(req);
    }
  }

  onData(chunk: Buffer): void {
    if (this.finished) return;
    if (!this.sink) this.early.push(chunk);
    else this.writeIn(chunk);
  }

  onClose(error: string | undefined): void {
    if (error) {
      this.deps.logger.debug({ streamId: String(this.id), reason: error }, 'stream cancelled by the server');
      this.finish();
      return;
    }
    this.serverEnded = true;
    this.sink?.end();
  }

  onWindow(bytes: number): void {
    this.gate.grant(bytes);
  }

  abort(): void {
    this.finish();
  }

  bufferedBytes(): number {
    return this.held + (this.source?.readableLength ?? 0);
  }
}

export function openUpstream(start: RequestStart, deps: UpstreamDeps): UpstreamStream {
  return new Upstream(start, deps);
}
