/**
 * One shell in a container for one `/ws/terminal` connection: RBAC (`pods:exec` in the pod's namespace),
 * the per-user session cap, the upstream exec (./kube-exec.ts), input/output with bounded buffers and
 * backpressure both ways, the idle timeout and maximum length, and audit rows at start and end.
 */
import { randomUUID } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import { AppError, type ErrorCode, type TerminalOpenExec } from '@argus/contracts';
import type { Logger } from 'pino';
import type { Principal } from '../../auth/types.js';
import type { ClusterModule } from '../../clusters/cluster-module.js';
import type { RecordingService } from '../recording/recorder.js';
import type { TerminalSink } from '../types.js';
import { auditTerminalExec } from './exec-audit.js';
import { type KubeExec, openKubeExec } from './kube-exec.js';

export interface ExecLimits {
  idleMs: number;
  maxSessionMs: number;
  maxSessionsPerUser: number;
  bufferBytes: number;
  /** How often the pod is checked while the session runs (it may be deleted). */
  podCheckMs: number;
}

export interface ExecSessionDeps {
  module: Pick<ClusterModule, 'clusters' | 'db' | 'logger'>;
  authorizer: { can(p: Principal, resource: string, action: string, scope: object): Promise<boolean> };
  limits: ExecLimits;
  /** Open sessions per user (shared by every connection of this server). */
  counts: Map<string, number>;
  logger: Logger;
  /** Session recordings (asciicast), when the admin setting is on. */
  recordings?: RecordingService;
}

export interface ExecSession {
  input(data: string): void;
  resize(cols: number, rows: number): void;
  /** The browser went away. */
  close(): void;
}

interface PodLike {
  metadata?: { uid?: string; annotations?: Record<string, string> };
  spec?: { containers?: { name: string }[] };
  status?: { phase?: string };
}

function pickContainer(pod: PodLike, asked: string | undefined, podName: string): string {
  const names = (pod.spec?.containers ?? []).map((c) => c.name);
  if (asked !== undefined) {
    if (!names.includes(asked))
      throw new AppError(
        'NOT_FOUND',
        `container ${asked} is not valid for pod ${podName} (it has ${names.join(', ')})`,
      );
    return asked;
  }
  const preferred = pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
  if (preferred && names.includes(preferred)) return preferred;
  if (!names[0]) throw new AppError('EXEC_FAILED', `pod ${podName} has no containers`);
  return names[0];
}

const podPath = (ns: string, pod: string) =>
  `/api/v1/namespaces/${encodeURIComponent(ns)}/pods/${encodeURIComponent(pod)}`;

export async function startExecSession(
  deps: ExecSessionDeps,
  ctx: { principal: Principal; ip: string; open: TerminalOpenExec; sink: TerminalSink; onEnd(): void },
): Promise<ExecSession> {
  const { principal, open, sink } = ctx;
  const { limits, module } = deps;
  const command = open.command ?? ['sh'];
  const session = randomUUID();
  const cluster = await module.clusters.resolve(open.cluster);
  const base = { principal, ip: ctx.ip, clusterId: cluster.id, namespace: open.namespace, pod: open.pod };
  const denied = async (err: AppError, status: number) => {
    await auditTerminalExec(module.db, deps.logger, {
      ...base,
      phase: 'start',
      outcome: status === 403 ? 'denied' : 'failed',
      status,
      errorCode: err.code,
      details: { session, command, ...(open.container ? { container: open.container } : {}), reason: err.message },
    });
    return err;
  };

  if (!(await deps.authorizer.can(principal, 'pods', 'exec', { clusterId: cluster.id, namespace: open.namespace }))) {
    throw await denied(
      new AppError(
        'FORBIDDEN',
        `Argus user "${principal.email}" may not exec into pods in the namespace "${open.namespace}" (needs pods:exec)`,
      ),
      403,
    );
  }
  const open_ = deps.counts.get(principal.userId) ?? 0;
  if (open_ >= limits.maxSessionsPerUser) {
    throw await denied(
      new AppError(
        'TOO_MANY_SESSIONS',
        `you already have ${open_} terminal sessions open (the limit is ${limits.maxSessionsPerUser})`,
      ),
      429,
    );
  }
  // Reserved now (before any await) so that concurrent opens cannot pass the cap together.
  deps.counts.set(principal.userId, open_ + 1);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    deps.counts.set(principal.userId, Math.max(0, (deps.counts.get(principal.userId) ?? 1) - 1));
  };
  const conn = await module.clusters.connection(cluster.id).catch((err: unknown) => {
    release();
    throw err;
  });
  const impersonate = cluster.impersonateUsers ? principal.email : undefined;
  const podRes = await conn
    .request({
      path: podPath(open.namespace, open.pod),
      ...(impersonate ? { headers: { 'Impersonate-User': impersonate } } : {}),
    })
    .catch((err: unknown) => {
      release();
      throw err;
    });
  let container: string;
  let podUid: string | undefined;
  try {
    if (podRes.status === 404)
      throw new AppError('NOT_FOUND', `pods "${open.pod}" not found in namespace "${open.namespace}"`);
    if (podRes.status !== 200)
      throw new AppError('EXEC_FAILED', `the cluster answered ${podRes.status} for pod ${open.pod}`);
    const podObject = podRes.json<PodLike>();
    podUid = podObject.metadata?.uid;
    container = pickContainer(podObject, open.container, open.pod);
  } catch (err) {
    release();
    const e = err as AppError;
    throw await denied(e, e.status);
  }

  const started = Date.now();
  let bytesIn = 0;
  let bytesOut = 0;
  let ended = false;
  let lastActivity = Date.now();
  let waitingDrain = false;
  let outputPaused = false;
  let exec: KubeExec | undefined;
  let recorder: Awaited<ReturnType<RecordingService['start']>>;
  const decoder = new StringDecoder('utf8');
  const timers: NodeJS.Timeout[] = [];
  const log = deps.logger.child({ session, clusterId: cluster.id, pod: open.pod, user: principal.userId });

  const end = (how: { code: number } | { error: ErrorCode; message: string }) => {
    if (ended) return;
    ended = true;
    for (const t of timers) clearInterval(t);
    release();
    const rest = decoder.end();
    if (rest) sink.send({ type: 'output', data: rest });
    if (rest) recorder?.output(rest);
    void recorder?.end();
    if ('code' in how) sink.send({ type: 'exit', code: how.code });
    else sink.send({ type: 'error', code: how.error, message: how.message });
    exec?.close();
    log.info(
      { exitCode: 'code' in how ? how.code : undefined, reason: 'error' in how ? how.error : undefined },
      'terminal session ended',
    );
    void auditTerminalExec(module.db, deps.logger, {
      ...base,
      phase: 'end',
      outcome: 'code' in how || how.error !== 'EXEC_FAILED' ? 'success' : 'failed',
      status: 'code' in how ? 200 : 499,
      ...('error' in how ? { errorCode: how.error } : {}),
      durationMs: Date.now() - started,
      details: {
        session,
        container,
        command,
        exit_code: 'code' in how ? how.code : null,
        bytes_in: bytesIn,
        bytes_out: bytesOut,
        ...('error' in how ? { reason: how.message } : {}),
        ...(recorder ? { recording: true } : {}),
      },
    });
    ctx.onEnd();
  };

  recorder = await deps.recordings
    ?.start({
      session,
      userId: principal.userId,
      email: principal.email,
      clusterId: cluster.id,
      namespace: open.namespace,
      pod: open.pod,
      container,
      command,
      ...(open.cols && open.rows ? { cols: open.cols, rows: open.rows } : {}),
    })
    .catch((err: unknown) => {
      // a recording that cannot start does not keep the user out of the shell: logged, and the audit says so
      log.error({ err }, 'terminal recording could not start');
      return undefined;
    });
  try {
    exec = await openKubeExec(
      conn,
      { namespace: open.namespace, pod: open.pod, container, command, ...(impersonate ? { impersonate } : {}) },
      {
        output(data) {
          if (ended) return;
          bytesOut += data.length;
          lastActivity = Date.now();
          const text = decoder.write(data);
          if (text) sink.send({ type: 'output', data: text });
          if (text) recorder?.output(text);
          // Backpressure: a browser that does not keep up pauses the container's output.
          if (!outputPaused && sink.buffered > limits.bufferBytes) {
            outputPaused = true;
            exec?.pause();
            const wait = setInterval(() => {
              if (ended || sink.buffered <= limits.bufferBytes / 2) {
                clearInterval(wait);
                outputPaused = false;
                exec?.resume();
              }
            }, 50);
            timers.push(wait);
          }
        },
        exit: (code) => end({ code }),
        failure: (message, lost) => end(lost ? { error: 'SESSION_LOST', message } : { error: 'EXEC_FAILED', message }),
      },
      { maxMessageBytes: limits.bufferBytes },
    );
  } catch (err) {
    release();
    await recorder?.discard();
    const e = err instanceof AppError ? err : new AppError('EXEC_FAILED', (err as Error).message);
    throw await denied(e, e.status);
  }

  await auditTerminalExec(module.db, deps.logger, {
    ...base,
    phase: 'start',
    outcome: 'success',
    status: 101,
    details: { session, container, command, ...(recorder ? { recording: true } : {}) },
  });
  log.info({ container, protocol: exec.protocol, recording: !!recorder }, 'terminal session started');
  sink.send({ type: 'opened', container, protocol: exec.protocol, ...(recorder ? { recording: true } : {}) });
  if (open.cols && open.rows) exec.resize(open.cols, open.rows);

  timers.push(
    setInterval(
      () => {
        const idle = Date.now() - lastActivity;
        if (idle >= limits.idleMs)
          end({ error: 'SESSION_IDLE', message: `session idle for ${Math.round(limits.idleMs / 1000)} s: closed` });
      },
      Math.min(1_000, limits.idleMs),
    ),
  );
  const expiry = setTimeout(
    () =>
      end({
        error: 'SESSION_EXPIRED',
        message: `session reached its maximum length of ${Math.round(limits.maxSessionMs / 1000)} s: closed`,
      }),
    limits.maxSessionMs,
  );
  timers.push(expiry);
  timers.push(
    setInterval(() => {
      void conn
        .request({
          path: podPath(open.namespace, open.pod),
          ...(impersonate ? { headers: { 'Impersonate-User': impersonate } } : {}),
        })
        .then((res) => {
          if (res.status === 404) end({ error: 'SESSION_LOST', message: `pod ${open.pod} has gone: session closed` });
          if (res.status !== 200) return;
          const now = res.json<PodLike>();
          // A StatefulSet's pod comes back with the same name: another uid is another pod.
          if (now.metadata?.uid !== podUid)
            end({ error: 'SESSION_LOST', message: `pod ${open.pod} was deleted: session closed` });
          else if (now.status?.phase !== 'Running')
            end({ error: 'SESSION_LOST', message: `pod ${open.pod} is no longer running: session closed` });
        })
        .catch(() => undefined);
    }, limits.podCheckMs),
  );
  for (const t of timers) t.unref();

  return {
    input(data) {
      if (ended || !exec) return;
      const bytes = Buffer.from(data, 'utf8');
      bytesIn += bytes.length;
      lastActivity = Date.now();
      // Backpressure: a container that does not read pauses the browser's input.
      if (!exec.write(bytes) && sink.pauseInput && !waitingDrain) {
        waitingDrain = true;
        sink.pauseInput();
        exec.onDrain(() => {
          waitingDrain = false;
          sink.resumeInput?.();
        });
      }
    },
    resize(cols, rows) {
      if (ended) return;
      exec?.resize(cols, rows);
      recorder?.resize(cols, rows);
    },
    close() {
      if (!ended) end({ error: 'SESSION_LOST', message: 'the browser closed the terminal' });
    },
  };
}
