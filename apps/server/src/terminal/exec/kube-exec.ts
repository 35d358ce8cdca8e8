/**
 * The Kubernetes exec protocol upstream: a WebSocket upgrade of `…/pods/{pod}/exec` through the cluster
 * connection (direct or agent), offering `v5.channel.k8s.io` then `v4.channel.k8s.io`. Every binary message
 * starts with its channel byte: 0 stdin, 1 stdout, 2 stderr, 3 error (a metav1.Status: the exit code),
 * 4 resize (`{"Width","Height"}`), 255 close (v5 only: half-closes a stream).
 */
import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { AppError } from '@argus/contracts';
import type { ClusterConnection } from '../../clusters/connection.js';
import { createFrameReader, encodeClientFrame, OPCODE } from './ws-frames.js';

export const EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'] as const;
const CH = { stdin: 0, stdout: 1, stderr: 2, error: 3, resize: 4, close: 255 } as const;

export interface ExecTarget {
  namespace: string;
  pod: string;
  container: string;
  command: string[];
  /** Impersonate this user upstream (clusters with impersonation on). */
  impersonate?: string;
}

export interface ExecEvents {
  output(data: Buffer): void;
  /** The process ended: its exit code (from the error channel's Status). */
  exit(code: number): void;
  /** The exec failed or the stream ended without a status. */
  failure(message: string, lost: boolean): void;
}

export interface KubeExec {
  readonly protocol: string;
  /** false: the upstream buffer is full, wait for onDrain. */
  write(data: Buffer): boolean;
  resize(cols: number, rows: number): void;
  onDrain(fn: () => void): void;
  pause(): void;
  resume(): void;
  close(): void;
}

/** The exit code a Status on the error channel says (undefined: not an exit status but a failure). */
export function exitCodeOf(status: {
  status?: string;
  reason?: string;
  details?: { causes?: { reason?: string; message?: string }[] };
}): number | undefined {
  if (status.status === 'Success') return 0;
  if (status.reason === 'NonZeroExitCode') {
    const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
    const code = Number(cause?.message);
    return Number.isInteger(code) ? code : 1;
  }
  return undefined;
}

function execPath(t: ExecTarget): string {
  const q = new URLSearchParams();
  for (const c of t.command) q.append('command', c);
  q.set('container', t.container);
  q.set('stdin', 'true');
  q.set('stdout', 'true');
  q.set('tty', 'true');
  return `/api/v1/namespaces/${encodeURIComponent(t.namespace)}/pods/${encodeURIComponent(t.pod)}/exec?${q}`;
}

function statusMessage(body: Buffer, status: number): string {
  try {
    const s = JSON.parse(body.toString('utf8')) as { message?: string };
    if (s.message) return s.message;
  } catch {
    // not a Status
  }
  return `the cluster answered ${status}`;
}

export async function openKubeExec(
  conn: ClusterConnection,
  target: ExecTarget,
  events: ExecEvents,
  opts: { maxMessageBytes: number; timeoutMs?: number },
): Promise<KubeExec> {
  const headers: Record<string, string> = {
    connection: 'Upgrade',
    upgrade: 'websocket',
    'sec-websocket-version': '13',
    'sec-websocket-key': randomBytes(16).toString('base64'),
    'sec-websocket-protocol': EXEC_PROTOCOLS.join(', '),
  };
  if (target.impersonate) headers['Impersonate-User'] = target.impersonate;
  const up = await conn.upgrade({
    method: 'GET',
    path: execPath(target),
    headers,
    timeoutMs: opts.timeoutMs ?? 15_000,
  });
  if (!up.upgraded) {
    const code = up.status === 404 ? 'NOT_FOUND' : up.status === 403 ? 'FORBIDDEN' : 'EXEC_FAILED';
    throw new AppError(code, statusMessage(up.body, up.status));
  }
  const protocol = String(up.headers['sec-websocket-protocol'] ?? '');
  if (!(EXEC_PROTOCOLS as readonly string[]).includes(protocol)) {
    up.socket.destroy();
    throw new AppError(
      'EXEC_FAILED',
      `the cluster speaks no supported exec protocol (offered ${EXEC_PROTOCOLS.join(', ')}, got "${protocol || 'none'}")`,
    );
  }
  return wrap(up.socket, up.head, protocol, events, opts.maxMessageBytes);
}

function wrap(socket: Duplex, head: Buffer, protocol: string, events: ExecEvents, maxBytes: number): KubeExec {
  let ended = false;
  const finish = (fn: () => void) => {
    if (ended) return;
    ended = true;
    fn();
    socket.destroy();
  };
  const send = (opcode: number, payload: Buffer) =>
    socket.destroyed ? false : socket.write(encodeClientFrame(opcode, payload));
  const reader = createFrameReader(maxBytes, {
    message(opcode, data) {
      if (opcode !== OPCODE.binary || data.length === 0) return;
      const ch = data[0];
      const payload = data.subarray(1);
      if (ch === CH.stdout || ch === CH.stderr) {
        if (payload.length) events.output(payload);
      } else if (ch === CH.error && payload.length) {
        let code: number | undefined;
        let message = payload.toString('utf8');
        try {
          const status = JSON.parse(message) as Parameters<typeof exitCodeOf>[0] & { message?: string };
          code = exitCodeOf(status);
          message = status.message ?? message;
        } catch {
          // a plain message (older protocols): a failure
        }
        finish(() => (code === undefined ? events.failure(message, false) : events.exit(code)));
      }
    },
    ping(data) {
      send(OPCODE.pong, data);
    },
    close() {
      send(OPCODE.close, Buffer.alloc(0));
      finish(() => events.failure('the container connection closed without an exit status', true));
    },
    error(message) {
      finish(() => events.failure(message, true));
    },
  });
  socket.on('data', (chunk: Buffer) => reader.push(chunk));
  socket.on('error', () => finish(() => events.failure('the connection to the container failed', true)));
  socket.on('close', () => finish(() => events.failure('the connection to the container was lost', true)));
  if (head.length) queueMicrotask(() => reader.push(head));

  return {
    protocol,
    write: (data) => send(OPCODE.binary, Buffer.concat([Buffer.from([CH.stdin]), data])),
    resize: (cols, rows) =>
      void send(
        OPCODE.binary,
        Buffer.concat([Buffer.from([CH.resize]), Buffer.from(JSON.stringify({ Width: cols, Height: rows }))]),
      ),
    onDrain: (fn) => void socket.once('drain', fn),
    pause: () => void socket.pause(),
    resume: () => void socket.resume(),
    close() {
      if (ended) return;
      ended = true;
      send(OPCODE.close, Buffer.from([0x03, 0xe8]));
      socket.end();
      setTimeout(() => socket.destroy(), 1_000).unref();
    },
  };
}
