/**
 * The agent's tunnel: enrol once (token → credential, kept in a file), then hold one Connect stream to
 * the server, serving its requests against the API server; answer pings; reconnect with jittered
 * exponential backoff when the stream drops. A refused token or credential is fatal (no retry helps).
 */
import { once } from 'node:events';
import { hostname } from 'node:os';
import {
  type AgentMessage,
  AgentServiceClient,
  createFrameBatcher,
  type EnrolResponse,
  type FrameBatcher,
  type ServerMessage,
} from '@argus/proto';
import {
  type ChannelCredentials,
  type ClientDuplexStream,
  credentials,
  Metadata,
  type ServiceError,
  status,
} from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { backoffDelay } from './backoff.js';
import type { AgentConfig } from './config.js';
import { type CredentialStore, type StoredCredential, tokenDigest } from './credential-store.js';
import type { KubeTarget } from './kube-target.js';
import { openUpstream, type UpstreamDeps, type UpstreamStream } from './upstream-stream.js';

export const AGENT_VERSION = '0.1.0';

export class FatalAgentError extends Error {
  override readonly name = 'FatalAgentError';
}

export interface TunnelClientDeps {
  config: AgentConfig;
  logger: Logger;
  target: KubeTarget;
  store: CredentialStore;
  /** PEM of the CA for the server's certificate (--ca-file), when not the system roots. */
  caPem?: Buffer;
  kubernetesVersion: () => Promise<string>;
}

export interface TunnelClient {
  readonly connected: boolean;
  readonly clusterId: string | undefined;
  /** Bytes read from the API server and not yet sent, over all streams. */
  bufferedBytes(): number;
  activeStreams(): number;
  /** Settles when the loop ends: stop() resolves it, a fatal refusal rejects it. */
  readonly done: Promise<void>;
  waitConnected(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export function startTunnelClient(deps: TunnelClientDeps): TunnelClient {
  const { config, logger: log } = deps;
  const name = config.name ?? hostname();
  const channelCreds: ChannelCredentials = config.insecure
    ? credentials.createInsecure()
    : credentials.createSsl(deps.caPem ?? null);
  const client = new AgentServiceClient(config.server, channelCreds, {
    'grpc.max_receive_message_length': 16 * 1024 * 1024,
    // The tunnel reconnects by itself: grpc-js's retry layer only added buffering and work to every message.
    'grpc.enable_retries': 0,
    ...(config.serverName
      ? { 'grpc.ssl_target_name_override': config.serverName, 'grpc.default_authority': config.serverName }
      : {}),
  });
  const streams = new Map<bigint, UpstreamStream>();
  let connected = false;
  let clusterId: string | undefined;
  let stopped = false;
  let current: ClientDuplexStream<AgentMessage, ServerMessage> | undefined;
  let wake: (() => void) | undefined;
  const connectedWaiters = new Set<() => void>();

  async function enrol(token: string): Promise<StoredCredential> {
    const kubernetesVersion = await deps.kubernetesVersion().catch(() => '');
    const res = await new Promise<EnrolResponse>((resolve, reject) =>
      client.enrol(
        { enrolmentToken: token, agentVersion: AGENT_VERSION, kubernetesVersion, agentName: name },
        new Metadata(),
        { deadline: Date.now() + 15_000 },
        (err, r) => (err ? reject(err) : resolve(r)),
      ),
    );
    const stored: StoredCredential = {
      server: config.server,
      cluster_id: res.clusterId,
      agent_id: res.agentId,
      credential: res.credential,
      token_sha256: tokenDigest(token),
      enrolled_at: new Date().toISOString(),
    };
    await deps.store.save(stored);
    log.info({ clusterId: res.clusterId, agentId: res.agentId, file: deps.store.file }, 'enrolled; credential saved');
    return stored;
  }

  async function credential(): Promise<StoredCredential> {
    const stored = await deps.store.load();
    const token = config.token;
    if (stored && (!token || stored.token_sha256 === tokenDigest(token))) return stored;
    if (!token) {
      throw new FatalAgentError(
        `No credential in ${deps.store.file} and no enrolment token: pass --token (from POST /api/clusters/agent-token)`,
      );
    }
    try {
      return await enrol(token);
    } catch (err) {
      const e = err as ServiceError;
      if (
        e.code === status.UNAUTHENTICATED ||
        e.code === status.PERMISSION_DENIED ||
        e.code === status.FAILED_PRECONDITION
      ) {
        throw new FatalAgentError(`Enrolment refused: ${e.details || e.message}`);
      }
      throw err;
    }
  }

  function setConnected(v: boolean, id?: string): void {
    connected = v;
    if (id) clusterId = id;
    if (v) for (const w of connectedWaiters) w();
  }

  async function session(cred: StoredCredential): Promise<boolean> {
    const kubernetesVersion = await deps.kubernetesVersion().catch(() => '');
    const md = new Metadata();
    md.set('authorization', `Bearer ${cred.credential}`);
    const call = client.connect(md);
    // Listeners before any await: an early failure must not be an unhandled 'error' event.
    call.on('error', () => undefined);
    current = call;
    let peerWindow = config.windowBytes;
    let pingIntervalMs = 5_000;
    let lastHeard = Date.now();
    let welcomed = false;
    let closed = false;
    const closedPromise = new Promise<void>((resolve) => call.once('close', resolve));

    const sink = {
      write: (m: AgentMessage) => (closed ? true : call.write(m)),
      drained: () => Promise.race([once(call, 'drain'), closedPromise]),
    };
    const wrap = (messages: AgentMessage[]): AgentMessage => ({ msg: { $case: 'batch', value: { messages } } });
    // Until the server's Welcome says it accepts AgentBatch, every message goes alone.
    let batcher: FrameBatcher<AgentMessage> = createFrameBatcher(sink, { batching: false, wrap });
    function send(msg: AgentMessage): Promise<void> {
      if (closed) return Promise.reject(new Error('tunnel closed'));
      return batcher.send(msg, msg.msg?.$case === 'data' ? msg.msg.value.chunk.length : 64);
    }

    const watchdog = setInterval(() => {
      const silentFor = Date.now() - lastHeard;
      if (silentFor > Math.max(3 * pingIntervalMs, 15_000)) {
        log.warn({ silentMs: silentFor }, 'no message from the server; reconnecting');
        call.cancel();
      }
    }, 1_000);
    watchdog.unref();

    const hello: AgentMessage = {
      msg: {
        $case: 'hello',
        value: {
          agentVersion: AGENT_VERSION,
          kubernetesVersion,
          apiServer: deps.target.server,
          initialWindow: config.windowBytes,
          agentName: name,
          batching: true,
        },
      },
    };
    call.write(hello);

    return new Promise<boolean>((resolve, reject) => {
      const end = (err?: ServiceError) => {
        if (closed) return;
        closed = true;
        clearInterval(watchdog);
        setConnected(false);
        for (const s of streams.values()) s.abort();
        streams.clear();
        if (current === call) current = undefined;
        if (err && (err.code === status.UNAUTHENTICATED || err.code === status.PERMISSION_DENIED)) {
          reject(
            new FatalAgentError(
              `The server refused this agent's credential: ${err.details || err.message}. Enrol again with a new token.`,
            ),
          );
        } else {
          if (err && err.code !== status.CANCELLED)
            log.warn({ code: err.code, details: err.details }, 'tunnel dropped');
          resolve(welcomed);
        }
      };
      call.on('error', (err: ServiceError) => end(err));
      call.on('end', () => end());
      call.on('close', () => end());
      // One set of dependencies for every stream of this session (peerWindow is read when a stream opens).
      const upstreamDeps: UpstreamDeps = {
        target: deps.target,
        send,
        ready: () => !closed && batcher.ready(),
        get peerWindow() {
          return peerWindow;
        },
        connectTimeoutMs: config.connectTimeoutMs,
        logger: log,
        onDone: (done) => streams.delete(done),
      };
      const receive = (m: ServerMessage, inBatch = false): void => {
        const msg = m.msg;
        if (!msg) return;
        switch (msg.$case) {
          case 'batch':
            // One level only: a batch inside a batch is not part of the protocol.
            if (!inBatch) for (const inner of msg.value.messages) receive(inner, true);
            break;
          case 'welcome':
            welcomed = true;
            if (msg.value.batching) {
              batcher.flush();
              batcher = createFrameBatcher(sink, { batching: true, wrap });
            }
            peerWindow = msg.value.initialWindow || peerWindow;
            pingIntervalMs = msg.value.pingIntervalMs || pingIntervalMs;
            setConnected(true, msg.value.clusterId);
            log.info({ clusterId: msg.value.clusterId, server: config.server }, 'tunnel connected');
            break;
          case 'ping':
            void send({ msg: { $case: 'pong', value: { sentUnixMs: msg.value.sentUnixMs } } }).catch(() => undefined);
            break;
          case 'request': {
            const id = msg.value.streamId;
            if (streams.has(id)) break;
            streams.set(id, openUpstream(msg.value, upstreamDeps));
            break;
          }
          case 'data':
            streams
              .get(msg.value.streamId)
              ?.onData(Buffer.from(msg.value.chunk.buffer, msg.value.chunk.byteOffset, msg.value.chunk.byteLength));
            break;
          case 'close':
            streams.get(msg.value.streamId)?.onClose(msg.value.error || undefined);
            break;
          case 'window':
            streams.get(msg.value.streamId)?.onWindow(msg.value.bytes);
            break;
        }
      };
      call.on('data', (m: ServerMessage) => {
        lastHeard = Date.now();
        receive(m);
      });
    });
  }

  async function loop(): Promise<void> {
    let attempt = 0;
    while (!stopped) {
      const startedAt = Date.now();
      try {
        const cred = await credential();
        const welcomed = await session(cred);
        if (welcomed && Date.now() - startedAt > 10_000) attempt = 0;
      } catch (err) {
        if (err instanceof FatalAgentError) throw err;
        const e = err as ServiceError;
        const details = e.details || e.message;
        const hint =
          !config.insecure && /ssl|tls|handshake|wrong version|EPROTO/i.test(details)
            ? 'TLS with the server failed: if it has no GRPC_TLS_* configured, pass --insecure; if its certificate is private, --ca-file'
            : undefined;
        log.warn({ code: e.code, err: details, ...(hint ? { hint } : {}) }, 'cannot reach the Argus server');
      }
      if (stopped) break;
      const delay = backoffDelay(attempt++, config.backoffBaseMs, config.backoffMaxMs);
      log.info({ delayMs: delay, attempt }, 'reconnecting');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, delay);
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      wake = undefined;
    }
  }

  const done = loop().finally(() => {
    client.close();
  });
  done.catch(() => undefined);

  return {
    get connected() {
      return connected;
    },
    get clusterId() {
      return clusterId;
    },
    bufferedBytes() {
      let n = 0;
      for (const s of streams.values()) n += s.bufferedBytes();
      return n;
    },
    activeStreams: () => streams.size,
    done,
    waitConnected(timeoutMs = 30_000) {
      if (connected) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const t = setTimeout(() => {
          connectedWaiters.delete(ok);
          reject(new Error(`agent not connected within ${timeoutMs} ms`));
        }, timeoutMs);
        const ok = () => {
          clearTimeout(t);
          connectedWaiters.delete(ok);
          resolve();
        };
        connectedWaiters.add(ok);
        done.catch((err) => {
          clearTimeout(t);
          reject(err);
        });
      });
    },
    async stop() {
      stopped = true;
      current?.cancel();
      wake?.();
      await done.catch(() => undefined);
    },
  };
}
