/**
 * One tunnelled request on the server: RequestStart (+ body under the agent's window), then the agent's
 * ResponseStart, StreamData and StreamClose, shaped as the ClusterConnection results: a buffered
 * KubeResponse, a KubeStream whose body grants window as it is read, or an upgrade whose socket is a
 * Duplex carrying raw bytes both ways under flow control.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { Duplex } from 'node:stream';
import { AppError, ERROR_CODES, type ErrorCode } from '@argus/contracts';
import { CreditGate, type Header, MAX_CHUNK, type ResponseStart, type ServerMessage } from '@argus/proto';
import {
  encodeBody,
  type KubeRequest,
  type KubeResponse,
  type KubeStream,
  type KubeUpgrade,
} from '../clusters/connection.js';
import { createFlowReadable, type FlowReadable } from './flow-readable.js';

export type StreamMode = 'request' | 'stream' | 'upgrade';

export interface StreamHost {
  send(msg: ServerMessage['msg']): Promise<void>;
  /** The agent's per-stream receive window (Hello.initial_window). */
  peerWindow: number;
  /** Our per-stream receive window (Welcome.initial_window). */
  window: number;
  server: string;
  remove(id: bigint): void;
}

export interface TunnelStream {
  onResponse(r: ResponseStart): void;
  onData(chunk: Buffer): void;
  onClose(error: string, code: string): void;
  onWindow(bytes: number): void;
  fail(err: AppError): void;
  buffered(): number;
}

export function toHeaders(h: Record<string, string | string[]> | undefined): Header[] {
  return Object.entries(h ?? {}).map(([name, v]) => ({ name, values: Array.isArray(v) ? v : [String(v)] }));
}

function fromHeaders(list: Header[]): { headers: IncomingHttpHeaders; rawHeaders: string[] } {
  const headers: IncomingHttpHeaders = {};
  const rawHeaders: string[] = [];
  for (const h of list) {
    const name = h.name.toLowerCase();
    headers[name] = name === 'set-cookie' || h.values.length > 1 ? h.values : h.values[0];
    for (const v of h.values) rawHeaders.push(h.name, v);
  }
  return { headers, rawHeaders };
}

export function agentError(code: string, message: string): AppError {
  const known = code in ERROR_CODES ? (code as ErrorCode) : 'CLUSTER_UNREACHABLE';
  return new AppError(known, message);
}

type Settle = (err: AppError | undefined, value?: KubeResponse | KubeStream | KubeUpgrade) => void;

/**
 * One stream's state and steps. A class rather than a closure per step: every tunnelled request opens
 * one, and its methods are made once, not once per request.
 */
class TunnelRequest implements TunnelStream {
  private readonly gate: CreditGate;
  private settled = false;
  private done = false;
  /** A unary answer's body, gathered whole. */
  private chunks: Buffer[] | undefined;
  private response: ResponseStart | undefined;
  private flow: FlowReadable | undefined;
  private upgradeResult = false;
  private localEnded = false;
  private ungranted = 0;
  private remoteEnded = false;
  private readonly grant = (bytes: number): void => {
    this.host.send({ $case: 'window', value: { streamId: this.id, bytes } }).catch(() => undefined);
  };

  constructor(
    private readonly id: bigint,
    private readonly mode: StreamMode,
    req: KubeRequest,
    private readonly host: StreamHost,
    private readonly settle: Settle,
  ) {
    this.gate = new CreditGate(host.peerWindow);
    const headers: Record<string, string | string[]> = { Accept: 'application/json', ...(req.headers ?? {}) };
    const body = encodeBody(req.body, headers);
    if (body) headers['Content-Length'] = String(body.length);
    this.start(req, headers, body).catch((err: unknown) => {
      if (this.done) return;
      this.once(
        err instanceof AppError
          ? err
          : agentError('CLUSTER_UNREACHABLE', `Sending the request to the agent failed: ${(err as Error).message}`),
      );
      this.cancel('send failed');
    });
  }

  private async start(req: KubeRequest, headers: Record<string, string | string[]>, body: Buffer | undefined) {
    const { id, host } = this;
    await host.send({
      $case: 'request',
      value: {
        streamId: id,
        method: req.method ?? 'GET',
        path: req.path,
        headers: toHeaders(headers),
        upgrade: this.mode === 'upgrade',
        hasBody: body !== undefined,
        timeoutMs: req.timeoutMs ?? 0,
      },
    });
    if (body) {
      await this.sendBytes(body);
      await host.send({ $case: 'close', value: { streamId: id, error: '', errorCode: '' } });
    }
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.gate.close();
    this.host.remove(this.id);
  }

  private cancel(reason: string): void {
    if (this.done) return;
    this.host
      .send({ $case: 'close', value: { streamId: this.id, error: reason, errorCode: 'CANCELLED' } })
      .catch(() => undefined);
    this.finish();
  }

  private once(err: AppError | undefined, value?: KubeResponse | KubeStream | KubeUpgrade): void {
    if (this.settled) return;
    this.settled = true;
    this.settle(err, value);
  }

  private async sendBytes(chunk: Buffer): Promise<void> {
    let off = 0;
    while (off < chunk.length) {
      const n = await this.gate.take(Math.min(MAX_CHUNK, chunk.length - off));
      await this.host.send({ $case: 'data', value: { streamId: this.id, chunk: chunk.subarray(off, off + n) } });
      off += n;
    }
  }

  private upgradeSocket(): Duplex {
    const f = createFlowReadable(this.grant, () => undefined);
    this.flow = f;
    const self = this;
    const duplex = new Duplex({
      allowHalfOpen: true,
      read() {
        f.readable.resume();
      },
      write(chunk: Buffer, _enc, cb) {
        self.sendBytes(chunk).then(() => cb(), cb);
      },
      final(cb) {
        self.localEnded = true;
        self.host.send({ $case: 'close', value: { streamId: self.id, error: '', errorCode: '' } }).then(() => {
          if (self.remoteEnded) self.finish();
          cb();
        }, cb);
      },
      destroy(err, cb) {
        if (!(self.localEnded && self.remoteEnded)) self.cancel('closed by the server');
        f.fail(err ?? new Error('closed'));
        cb(err);
      },
    });
    f.readable.on('data', (c: Buffer) => {
      if (!duplex.push(c)) f.readable.pause();
    });
    f.readable.on('end', () => duplex.push(null));
    f.readable.on('error', (e) => duplex.destroy(e));
    return duplex;
  }

  onResponse(r: ResponseStart): void {
    this.response = r;
    const { mode } = this;
    if (mode === 'request' || (mode === 'upgrade' && r.status !== 101)) {
      this.chunks = [];
      return;
    }
    const { headers: h, rawHeaders } = fromHeaders(r.headers);
    if (mode === 'upgrade') {
      this.upgradeResult = true;
      this.once(undefined, {
        upgraded: true,
        status: 101,
        headers: h,
        rawHeaders,
        socket: this.upgradeSocket(),
        head: Buffer.alloc(0),
      });
      return;
    }
    const f = createFlowReadable(this.grant, () => {
      if (!this.done) this.cancel('closed by the server');
    });
    this.flow = f;
    this.once(undefined, { status: r.status, headers: h, body: f.readable, close: () => f.readable.destroy() });
  }

  onData(chunk: Buffer): void {
    if (this.chunks) {
      // Buffered whole (like the direct transport): grant in batches to keep the agent sending.
      this.chunks.push(chunk);
      this.ungranted += chunk.length;
      if (this.ungranted >= this.host.window / 4) {
        this.grant(this.ungranted);
        this.ungranted = 0;
      }
    } else this.flow?.push(chunk);
  }

  onClose(error: string, code: string): void {
    if (error) {
      const err = agentError(code, error);
      this.once(err);
      this.flow?.fail(err);
      this.finish();
      return;
    }
    const { chunks, response } = this;
    if (chunks && response) {
      const all = Buffer.concat(chunks);
      const { headers: h } = fromHeaders(response.headers);
      if (this.mode === 'upgrade')
        this.once(undefined, { upgraded: false, status: response.status, headers: h, body: all });
      else
        this.once(undefined, {
          status: response.status,
          headers: h,
          body: all,
          json: <T>() => JSON.parse(all.toString('utf8')) as T,
        });
    } else if (!response) {
      this.once(
        agentError('CLUSTER_UNREACHABLE', `The agent closed the stream to ${this.host.server} before answering`),
      );
    }
    this.flow?.end();
    this.remoteEnded = true;
    // An upgrade stays open for our direction until the Duplex ends; others are complete now.
    if (!this.upgradeResult || this.localEnded) this.finish();
  }

  onWindow(bytes: number): void {
    this.gate.grant(bytes);
  }

  fail(err: AppError): void {
    this.once(err);
    this.flow?.fail(err);
    this.finish();
  }

  buffered(): number {
    return this.flow?.buffered() ?? 0;
  }
}

/** Starts the stream; `settle` receives the ClusterConnection result or its error exactly once. */
export function openTunnelStream(
  id: bigint,
  mode: StreamMode,
  req: KubeRequest,
  host: StreamHost,
  settle: Settle,
): TunnelStream {
  return new TunnelRequest(id, mode, req, host, settle);
}
