import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { PodStreamHandler, PodTarget } from '../server/subresource-handlers.js';
import type { StoreError } from '../store/errors.js';
import { type ExecStreams, runExecSession } from './exec-session.js';
import { createFakeFs } from './fake-fs.js';
import {
  findContainer,
  findContainerStatus,
  type PodGetter,
  type PodShape,
  podHostname,
  resolveContainerName,
} from './pod-shape.js';
import { chooseProtocol, type ExecProtocol, PROTOCOL_V1, type TerminalSize } from './protocol.js';
import { createShell } from './shell.js';
import { badRequest, podNotFound, toStatusError } from './status.js';

/** The pod an exec request is for; its query carries `command`, `container`, `stdin`, `stdout`, `stderr`, `tty`. */
export type ExecTarget = PodTarget;

export interface ExecHandlerOptions {
  getPod: PodGetter;
  now?: () => number;
  onResize?: (target: ExecTarget, size: TerminalSize) => void;
}

export interface ExecHandler extends PodStreamHandler {
  /** An upgrade request (WebSocket, or SPDY which is refused) for `…/pods/{name}/exec`. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, target: ExecTarget): Promise<void>;
  /** A plain request to `…/exec`: the validation error, or 400 because streaming needs an upgrade. */
  handleRequest(req: IncomingMessage, res: ServerResponse, target: ExecTarget): Promise<void>;
  /** Closes every open exec session. */
  close(): void;
}

interface ExecPlan {
  pod: PodShape;
  container: string;
  streams: ExecStreams;
}

function flag(query: URLSearchParams, name: string): boolean {
  const v = query.get(name);
  return v === 'true' || v === '1';
}

/** Validates an exec request as the API server and kubelet do; throws a StoreError. */
export async function planExec(getPod: PodGetter, target: ExecTarget): Promise<ExecPlan> {
  const pod = await getPod(target.namespace, target.name);
  if (!pod) throw podNotFound(target.name);
  const query = target.query;
  const streams: ExecStreams = {
    command: query.getAll('command'),
    stdin: flag(query, 'stdin'),
    stdout: flag(query, 'stdout'),
    stderr: flag(query, 'stderr'),
    tty: flag(query, 'tty'),
  };
  if (!streams.stdin && !streams.stdout && !streams.stderr) {
    throw badRequest('you must specify at least 1 of stdin, stdout, stderr');
  }
  if (streams.tty) streams.stderr = false;
  if (streams.command.length === 0) throw badRequest('you must specify at least one command for the container');
  const resolved = resolveContainerName(pod, query.get('container'));
  if ('error' in resolved) throw badRequest(resolved.error);
  if (!pod.spec?.nodeName) throw badRequest(`pod ${target.name} does not have a host assigned`);
  const status = findContainerStatus(pod, resolved.name);
  if (!status?.state?.running || pod.status?.phase !== 'Running') {
    throw badRequest(`container not found ("${resolved.name}")`);
  }
  return { pod, container: resolved.name, streams };
}

/** The environment a container process sees: the pod's env plus what the kubelet injects. */
export function containerEnvironment(pod: PodShape, container: string, tty: boolean): Record<string, string> {
  const env: Record<string, string> = {
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    HOSTNAME: podHostname(pod),
  };
  if (tty) env.TERM = 'xterm';
  for (const e of findContainer(pod, container)?.env ?? []) {
    env[e.name] = e.value ?? '';
  }
  Object.assign(env, {
    KUBERNETES_SERVICE_HOST: '10.96.0.1',
    KUBERNETES_SERVICE_PORT: '443',
    KUBERNETES_SERVICE_PORT_HTTPS: '443',
    KUBERNETES_PORT: 'tcp://10.96.0.1:443',
    KUBERNETES_PORT_443_TCP: 'tcp://10.96.0.1:443',
    KUBERNETES_PORT_443_TCP_PROTO: 'tcp',
    KUBERNETES_PORT_443_TCP_PORT: '443',
    KUBERNETES_PORT_443_TCP_ADDR: '10.96.0.1',
    HOME: '/root',
  });
  return env;
}

function writeHttpError(socket: Duplex, error: StoreError): void {
  const body = JSON.stringify(error.toStatus());
  socket.end(
    `HTTP/1.1 ${error.code} ${STATUS_CODES[error.code] ?? 'Error'}\r\n` +
      'Content-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}

export function createExecHandler(options: ExecHandlerOptions): ExecHandler {
  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    handleProtocols: (offered) => chooseProtocol(offered) ?? false,
  });

  const handleUpgrade = async (req: IncomingMessage, socket: Duplex, head: Buffer, target: ExecTarget) => {
    let plan: ExecPlan;
    try {
      plan = await planExec(options.getPod, target);
    } catch (err) {
      writeHttpError(socket, toStatusError(err));
      return;
    }
    if ((req.headers.upgrade ?? '').toLowerCase() !== 'websocket') {
      writeHttpError(socket, badRequest('unable to upgrade connection: kube-sim serves exec over WebSocket only'));
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const protocol = (ws.protocol || PROTOCOL_V1) as ExecProtocol;
      const pod = plan.pod;
      const env = containerEnvironment(pod, plan.container, plan.streams.tty);
      const image = findContainer(pod, plan.container)?.image;
      const fs = createFakeFs({
        hostname: podHostname(pod),
        namespace: target.namespace,
        podIP: pod.status?.podIP,
        image,
        env,
        serviceAccount: pod.spec?.serviceAccountName,
      });
      const flavour = plan.streams.command[0]?.endsWith('bash') ? 'bash' : 'sh';
      // A TTY starts at 80x24 until the client's first resize message.
      let size: TerminalSize | undefined = plan.streams.tty ? { width: 80, height: 24 } : undefined;
      const shell = createShell({ env, hostname: podHostname(pod), fs, flavour, now: options.now, size: () => size });
      runExecSession({
        socket: ws,
        protocol,
        streams: plan.streams,
        shell,
        onResize: (next) => {
          if (plan.streams.tty) size = next;
          options.onResize?.(target, next);
        },
      });
    });
  };

  const handleRequest = async (_req: IncomingMessage, res: ServerResponse, target: ExecTarget) => {
    let error: StoreError;
    try {
      await planExec(options.getPod, target);
      error = badRequest('Upgrade request required');
    } catch (err) {
      error = toStatusError(err);
    }
    res.writeHead(error.code, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(error.toStatus()));
  };

  return {
    handleUpgrade,
    handleRequest,
    close: () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
