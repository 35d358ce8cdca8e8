/**
 * The agents' gRPC endpoint on GRPC_PORT (TLS when GRPC_TLS_CERT_FILE/GRPC_TLS_KEY_FILE are set):
 * Enrol trades an enrolment token for a credential; Connect checks `authorization: Bearer <credential>`,
 * waits for Hello, answers Welcome and hands the stream to the hub as a tunnel session.
 */
import { type AgentMessage, AgentServiceService, type Hello, type ServerMessage } from '@argus/proto';
import {
  Metadata,
  Server,
  ServerCredentials,
  type ServerDuplexStream,
  type ServerUnaryCall,
  type sendUnaryData,
  status,
} from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { AgentAuthError, type AgentEnrolment } from './agent-enrolment.js';
import type { AgentHub } from './agent-hub.js';
import { createTunnelSession } from './tunnel-session.js';

export interface AgentGrpcOptions {
  host: string;
  port: number;
  tls?: { cert: string; key: string };
  enrolment: AgentEnrolment;
  hub: AgentHub;
  logger: Logger;
  windowBytes: number;
  pingIntervalMs: number;
  pingTimeoutMs: number;
  requestTimeoutMs: number;
  helloTimeoutMs?: number;
}

export interface AgentGrpcServer {
  port: number;
  close(): Promise<void>;
}

function refusal(err: unknown, log: Logger): { code: number; details: string; metadata: Metadata } {
  const metadata = new Metadata();
  if (err instanceof AgentAuthError) {
    metadata.set('argus-error-code', err.code);
    return { code: status.UNAUTHENTICATED, details: err.message, metadata };
  }
  log.error({ err }, 'agent call failed');
  metadata.set('argus-error-code', 'INTERNAL');
  return { code: status.INTERNAL, details: 'Internal server error', metadata };
}

export async function startAgentGrpcServer(o: AgentGrpcOptions): Promise<AgentGrpcServer> {
  const log = o.logger.child({ component: 'grpc' });
  const server = new Server({ 'grpc.max_receive_message_length': 16 * 1024 * 1024 });
  const calls = new Set<ServerDuplexStream<AgentMessage, ServerMessage>>();

  server.addService(AgentServiceService, {
    enrol(
      call: ServerUnaryCall<{ enrolmentToken: string; agentName: string; kubernetesVersion: string }, unknown>,
      cb: sendUnaryData<unknown>,
    ) {
      const req = call.request;
      o.enrolment
        .enrol(req.enrolmentToken, { agentName: req.agentName, kubernetesVersion: req.kubernetesVersion })
        .then(
          (r) => {
            log.info(
              { clusterId: r.clusterId, agentId: r.agentId, agentName: req.agentName, peer: call.getPeer() },
              'agent enrolled',
            );
            cb(null, { clusterId: r.clusterId, agentId: r.agentId, credential: r.credential });
          },
          (err: unknown) => {
            log.warn(
              { peer: call.getPeer(), reason: err instanceof AgentAuthError ? err.code : 'error' },
              'enrolment refused',
            );
            cb(refusal(err, log));
          },
        );
    },

    connect(call: ServerDuplexStream<AgentMessage, ServerMessage>) {
      calls.add(call);
      call.on('close', () => calls.delete(call));
      call.on('error', () => undefined);
      const header = String(call.metadata.get('authorization')[0] ?? '');
      const credential = header.replace(/^Bearer\s+/i, '');
      // Hello may arrive before the credential check finishes: catch it now.
      const hello = new Promise<Hello>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error('no Hello from the agent')), o.helloTimeoutMs ?? 10_000);
        const onData = (m: AgentMessage) => {
          if (m.msg?.$case !== 'hello') return;
          clearTimeout(t);
          call.off('data', onData);
          call.pause();
          resolve(m.msg.value);
        };
        call.on('data', onData);
      });
      hello.catch(() => undefined);
      o.enrolment
        .authenticate(credential)
        .then(async (identity) => {
          const h = await hello.catch((err: Error) => {
            call.emit('error', { code: status.INVALID_ARGUMENT, details: err.message });
            return undefined;
          });
          if (!h) return;
          const session = createTunnelSession({
            call,
            clusterId: identity.clusterId,
            agentId: identity.agentId,
            hello: h,
            logger: log,
            windowBytes: o.windowBytes,
            pingIntervalMs: o.pingIntervalMs,
            pingTimeoutMs: o.pingTimeoutMs,
            requestTimeoutMs: o.requestTimeoutMs,
            onSeen: () => void o.enrolment.touch(identity.agentId).catch(() => undefined),
          });
          call.resume();
          call.write({
            msg: {
              $case: 'welcome',
              value: {
                clusterId: identity.clusterId,
                initialWindow: o.windowBytes,
                pingIntervalMs: o.pingIntervalMs,
                batching: true,
              },
            },
          });
          o.hub.attach(session);
        })
        .catch((err: unknown) => {
          log.warn(
            { peer: call.getPeer(), reason: err instanceof AgentAuthError ? err.code : 'error' },
            'agent connection refused',
          );
          call.emit('error', refusal(err, log));
        });
    },
  });

  const creds = o.tls
    ? ServerCredentials.createSsl(
        null,
        [{ cert_chain: Buffer.from(o.tls.cert), private_key: Buffer.from(o.tls.key) }],
        false,
      )
    : ServerCredentials.createInsecure();
  const host = o.host.includes(':') && !o.host.startsWith('[') ? `[${o.host}]` : o.host;
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${host}:${o.port}`, creds, (err, p) => (err ? reject(err) : resolve(p))),
  );
  log.info({ port, tls: Boolean(o.tls) }, 'agent gRPC endpoint listening');
  if (!o.tls) {
    // Agents' credentials and every tunnelled Kubernetes request and answer then cross the network in clear.
    log.warn(
      { port, fix: 'set GRPC_TLS_CERT_FILE and GRPC_TLS_KEY_FILE' },
      'agent gRPC port is plain text: agent credentials and tunnelled Kubernetes traffic are not encrypted',
    );
  }
  return {
    port,
    async close() {
      await o.hub.close();
      return new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 2_000);
        server.tryShutdown(() => {
          clearTimeout(t);
          resolve();
        });
        for (const c of calls) c.end();
      });
    },
  };
}
