/**
 * The server side of one agent's Connect stream: multiplexes ClusterConnection calls as streams by id,
 * pings the agent and drops it when it stops answering, and fails every in-flight call fast with
 * CLUSTER_UNREACHABLE when the stream ends.
 */
import { once } from 'node:events';
import { AppError } from '@argus/contracts';
import { type AgentMessage, createFrameBatcher, type Hello, type ServerMessage } from '@argus/proto';
import type { ServerDuplexStream } from '@grpc/grpc-js';
import type { Logger } from 'pino';
import type { KubeRequest, KubeResponse, KubeStream, KubeUpgrade } from '../clusters/connection.js';
import { openTunnelStream, type StreamMode, type TunnelStream } from './tunnel-stream.js';

export interface TunnelSessionOptions {
  call: ServerDuplexStream<AgentMessage, ServerMessage>;
  clusterId: string;
  agentId: string;
  hello: Hello;
  logger: Logger;
  /** Our per-stream receive window. */
  windowBytes: number;
  pingIntervalMs: number;
  /** No message from the agent for this long drops it. */
  pingTimeoutMs: number;
  requestTimeoutMs: number;
  onSeen(): void;
}

export interface TunnelSession {
  readonly clusterId: string;
  readonly agentId: string;
  readonly hello: Hello;
  readonly connectedAt: Date;
  readonly server: string;
  /** Settles with the reason once the session is over. */
  readonly ended: Promise<string>;
  readonly isOpen: boolean;
  request(req: KubeRequest): Promise<KubeResponse>;
  stream(req: KubeRequest): Promise<KubeStream>;
  upgrade(req: KubeRequest): Promise<KubeUpgrade>;
  activeStreams(): number;
  /** Bytes waiting for slow consumers, over all streams. */
  bufferedBytes(): number;
  lastRttMs(): number | undefined;
  /** Ends the session; with a gRPC status code the agent sees that status (e.g. UNAUTHENTICATED on revocation). */
  close(reason: string, grpcCode?: number): void;
}

/** A view of the decoded chunk (no copy). */
const asBuffer = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

export function createTunnelSession(o: TunnelSessionOptions): TunnelSession {
  const { call, logger: log } = o;
  const streams = new Map<bigint, TunnelStream>();
  const server = o.hello.apiServer ? `${o.hello.apiServer} (via agent)` : `agent:${o.clusterId}`;
  const peerWindow = o.hello.initialWindow || 256 * 1024;
  let nextId = 1n;
  let open = true;
  let lastHeard = Date.now();
  let lastSeenWrite = 0;
  let rtt: number | undefined;
  let endReason!: (r: string) => void;
  const ended = new Promise<string>((resolve) => {
    endReason = resolve;
  });
  const closed = ended.then(() => undefined);

  // Small messages due in one turn of the event loop leave as one ServerBatch when the agent accepts it.
  const batcher = createFrameBatcher<ServerMessage>(
    {
      write: (m) => (open ? call.write(m) : true),
      drained: () => Promise.race([once(call, 'drain'), closed]),
    },
    { batching: o.hello.batching, wrap: (messages) => ({ msg: { $case: 'batch', value: { messages } } }) },
  );
  function send(msg: ServerMessage['msg']): Promise<void> {
    if (!open) return Promise.reject(new AppError('CLUSTER_UNREACHABLE', `The agent for ${server} disconnected`));
    return batcher.send({ msg }, msg?.$case === 'data' ? msg.value.chunk.length : 64);
  }

  function seen(): void {
    lastHeard = Date.now();
    if (lastHeard - lastSeenWrite > 15_000) {
      lastSeenWrite = lastHeard;
      o.onSeen();
    }
  }

  function end(reason: string): void {
    if (!open) return;
    open = false;
    clearInterval(pinger);
    const err = new AppError('CLUSTER_UNREACHABLE', `The agent for cluster ${o.clusterId} disconnected: ${reason}`, {
      details: { reason: 'agent-disconnected' },
    });
    for (const s of [...streams.values()]) s.fail(err);
    streams.clear();
    endReason(reason);
  }

  const pinger = setInterval(() => {
    if (Date.now() - lastHeard > o.pingTimeoutMs) {
      log.warn({ clusterId: o.clusterId, silentMs: Date.now() - lastHeard }, 'agent stopped answering; dropping it');
      end('heartbeat timeout');
      call.end();
      return;
    }
    void send({ $case: 'ping', value: { sentUnixMs: BigInt(Date.now()) } }).catch(() => undefined);
  }, o.pingIntervalMs);
  pinger.unref();

  function receive(m: AgentMessage, inBatch = false): void {
    const msg = m.msg;
    if (!msg) return;
    switch (msg.$case) {
      case 'batch':
        // One level only: a batch inside a batch is not part of the protocol.
        if (!inBatch) for (const inner of msg.value.messages) receive(inner, true);
        break;
      case 'pong':
        rtt = Date.now() - Number(msg.value.sentUnixMs);
        break;
      case 'response':
        streams.get(msg.value.streamId)?.onResponse(msg.value);
        break;
      case 'data':
        streams.get(msg.value.streamId)?.onData(asBuffer(msg.value.chunk));
        break;
      case 'close':
        streams.get(msg.value.streamId)?.onClose(msg.value.error, msg.value.errorCode);
        break;
      case 'window':
        streams.get(msg.value.streamId)?.onWindow(msg.value.bytes);
        break;
      default:
        break;
    }
  }
  call.on('data', (m: AgentMessage) => {
    seen();
    receive(m);
  });
  call.on('end', () => {
    end('the agent closed the tunnel');
    call.end();
  });
  call.on('cancelled', () => end('the tunnel was cancelled'));
  call.on('error', (err: Error) => end(`tunnel error: ${err.message}`));
  call.on('close', () => end('the tunnel closed'));

  function open_<T>(mode: StreamMode, req: KubeRequest): Promise<T> {
    if (!open)
      return Promise.reject(
        new AppError('CLUSTER_UNREACHABLE', `The agent for cluster ${o.clusterId} is not connected`),
      );
    const id = nextId++;
    const ms = req.timeoutMs ?? o.requestTimeoutMs;
    return new Promise<T>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const cancel = (err: AppError) => {
        void send({ $case: 'close', value: { streamId: id, error: err.message, errorCode: err.code } }).catch(
          () => undefined,
        );
        stream.fail(err);
      };
      const onAbort = () =>
        cancel(new AppError('CLUSTER_UNREACHABLE', `Cannot reach the cluster at ${server}: aborted`));
      const stream = openTunnelStream(
        id,
        mode,
        req,
        {
          send,
          peerWindow,
          window: o.windowBytes,
          server,
          remove: (done) => streams.delete(done),
        },
        (err, value) => {
          if (timer) clearTimeout(timer);
          req.signal?.removeEventListener('abort', onAbort);
          if (err) reject(err);
          else resolve(value as T);
        },
      );
      streams.set(id, stream);
      const what = mode === 'request' ? 'answer' : mode === 'stream' ? 'start streaming' : 'accept the upgrade';
      timer = setTimeout(
        () => cancel(new AppError('UPSTREAM_TIMEOUT', `The cluster at ${server} did not ${what} within ${ms} ms`)),
        ms,
      );
      if (req.signal) {
        if (req.signal.aborted) onAbort();
        else req.signal.addEventListener('abort', onAbort, { once: true });
      }
    });
  }

  return {
    clusterId: o.clusterId,
    agentId: o.agentId,
    hello: o.hello,
    connectedAt: new Date(),
    server,
    ended,
    get isOpen() {
      return open;
    },
    request: (req) => open_<KubeResponse>('request', req),
    stream: (req) => open_<KubeStream>('stream', req),
    upgrade: (req) => open_<KubeUpgrade>('upgrade', req),
    activeStreams: () => streams.size,
    bufferedBytes() {
      let n = 0;
      for (const s of streams.values()) n += s.buffered();
      return n;
    },
    lastRttMs: () => rtt,
    close(reason, grpcCode) {
      end(reason);
      if (grpcCode !== undefined) call.emit('error', { code: grpcCode, details: reason });
      else call.end();
    },
  };
}
