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

/** Starts the stream; `settle` receives the ClusterConnection result or its error exactly once. */
export function openTunnelStream(
  id: bigint,
  mode: StreamMode,
  req: KubeRequest,
  host: StreamHost,
  settle: (err: AppError | undefined, value?: KubeResponse | KubeStream | KubeUpgrade) => void,
): TunnelStream {
  const gate = new CreditGate(host.peerWindow);
  const headers: Record<string, string | string[]> = { Accept: 'application/json', ...(req.headers ?? {}) };
  const body = encodeBody(req.body, headers);
  if (body) headers['Content-Length'] = String(body.length);
  let settled = false;
  let done = false;
  let buffered: Buffer[] | undefined;
  let response: ResponseStart | undefined;
  let flow: FlowReadable | undefined;
  let upgradeResult = false;
  let localEnded = false;
  let ungranted = 0;
  let remoteEnded = false;

  const grant = (bytes: number) =>
    void host.send({ $case: 'window', value: { streamId: id, bytes } }).catch(() => undefined);
  const finish = () => {
    if (done) return;
    done = true;
    gate.fail(new Error('stream closed'));
    host.remove(id);
  };
  const cancel = (reason: string) => {
    if (done) return;
    void host
      .send({ $case: 'close', value: { streamId: id, error: reason, errorCode: 'CANCELLED' } })
      .catch(() => undefined);
    finish();
  };
  const once = (err: AppError | undefined, value?: KubeResponse | KubeStream | KubeUpgrade) => {
    if (settled) return;
    settled = true;
    settle(err, value);
  };

  async function sendBytes(chunk: Buffer): Promise<void> {
    let off = 0;
    while (off < chunk.length) {
      const n = await gate.take(Math.min(MAX_CHUNK, chunk.length - off));
      await host.send({ $case: 'data', value: { streamId: id, chunk: chunk.subarray(off, off + n) } });
      off += n;
    }
  }

  function upgradeSocket(): Duplex {
    const f = createFlowReadable(grant, () => undefined);
    flow = f;
    const duplex = new Duplex({
      allowHalfOpen: true,
      read() {
        f.readable.resume();
      },
      write(chunk: Buffer, _enc, cb) {
        sendBytes(chunk).then(() => cb(), cb);
      },
      final(cb) {
        localEnded = true;
        host.send({ $case: 'close', value: { streamId: id, error: '', errorCode: '' } }).then(() => {
          if (remoteEnded) finish();
          cb();
        }, cb);
      },
      destroy(err, cb) {
        if (!(localEnded && remoteEnded)) cancel('closed by the server');
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

  void (async () => {
    await host.send({
      $case: 'request',
      value: {
        streamId: id,
        method: req.method ?? 'GET',
        path: req.path,
        headers: toHeaders(headers),
        upgrade: mode === 'upgrade',
        hasBody: body !== undefined,
        timeoutMs: req.timeoutMs ?? 0,
      },
    });
    if (body) {
      await sendBytes(body);
      await host.send({ $case: 'close', value: { streamId: id, error: '', errorCode: '' } });
    }
  })().catch((err: unknown) => {
    if (!done) {
      once(
        err instanceof AppError
          ? err
          : agentError('CLUSTER_UNREACHABLE', `Sending the request to the agent failed: ${(err as Error).message}`),
      );
      cancel('send failed');
    }
  });

  return {
    onResponse(r) {
      response = r;
      const { headers: h, rawHeaders } = fromHeaders(r.headers);
      if (mode === 'request' || (mode === 'upgrade' && r.status !== 101)) {
        buffered = [];
        return;
      }
      if (mode === 'upgrade') {
        upgradeResult = true;
        once(undefined, {
          upgraded: true,
          status: 101,
          headers: h,
          rawHeaders,
          socket: upgradeSocket(),
          head: Buffer.alloc(0),
        });
        return;
      }
      const f = createFlowReadable(grant, () => {
        if (!done) cancel('closed by the server');
      });
      flow = f;
      once(undefined, { status: r.status, headers: h, body: f.readable, close: () => f.readable.destroy() });
    },
    onData(chunk) {
      if (buffered) {
        // Buffered whole (like the direct transport): grant in batches to keep the agent sending.
        buffered.push(chunk);
        ungranted += chunk.length;
        if (ungranted >= host.window / 4) {
          grant(ungranted);
          ungranted = 0;
        }
      } else flow?.push(chunk);
    },
    onClose(error, code) {
      if (error) {
        const err = agentError(code, error);
        once(err);
        flow?.fail(err);
        finish();
        return;
      }
      if (buffered && response) {
        const all = Buffer.concat(buffered);
        const { headers: h } = fromHeaders(response.headers);
        if (mode === 'upgrade') once(undefined, { upgraded: false, status: response.status, headers: h, body: all });
        else
          once(undefined, {
            status: response.status,
            headers: h,
            body: all,
            json: <T>() => JSON.parse(all.toString('utf8')) as T,
          });
      } else if (!response) {
        once(agentError('CLUSTER_UNREACHABLE', `The agent closed the stream to ${host.server} before answering`));
      }
      flow?.end();
      remoteEnded = true;
      // An upgrade stays open for our direction until the Duplex ends; others are complete now.
      if (!upgradeResult || localEnded) finish();
    },
    onWindow(bytes) {
      gate.grant(bytes);
    },
    fail(err) {
      once(err);
      flow?.fail(err);
      finish();
    },
    buffered: () => flow?.buffered() ?? 0,
  };
}
