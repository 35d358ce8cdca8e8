/**
 * `GET /ws/terminal`: the web terminal's WebSocket. The same first-message auth as `/ws`
 * (ws/authenticate-socket.ts; no credential in the URL), the Origin checked before the upgrade, then one
 * `open` per connection: exec mode (a shell in a container, ./exec) or `mode:"smart"` (kubectl-style
 * commands, handed to the smart-stream factory from ./smart). Frames: @argus/contracts terminal.ts.
 */
import {
  AppError,
  type TerminalClientMessage,
  type TerminalServerMessage,
  terminalClientMessageSchema,
} from '@argus/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import type { ClusterModule } from '../clusters/cluster-module.js';
import type { Config } from '../config/load-config.js';
import { toAppError } from '../http/error-handler.js';
import { noBody, passthroughResponse } from '../http/openapi/responses.js';
import { terminalRecordingRoutes } from '../http/routes/terminal-recordings.js';
import { authenticateSocket, closeReason, sendJson } from '../ws/authenticate-socket.js';
import { type ExecSession, startExecSession } from './exec/exec-session.js';
import { createRecordingService, createTerminalSettings } from './recording/recorder.js';
import type { SmartStream, SmartStreamFactory, TerminalSink } from './types.js';

export interface TerminalDeps {
  config: Config;
  module: ClusterModule;
  /** Smart mode's stream factory (./smart); absent: smart opens are answered NOT_IMPLEMENTED. */
  smart?: SmartStreamFactory;
  /** Tests: how often a running session checks that its pod still exists (default 5 s). */
  podCheckMs?: number;
}

const URL_CREDENTIALS = ['token', 'access_token', 'api_key', 'apikey', 'key', 'auth', 'authorization'];

/** Same-origin (the Host the browser asked), PUBLIC_URL's origin, or ALLOWED_ORIGINS; no Origin (not a browser) passes. */
export function originAllowed(
  request: FastifyRequest,
  config: Pick<Config, 'PUBLIC_URL' | 'ALLOWED_ORIGINS'>,
): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (config.ALLOWED_ORIGINS.includes('*') || config.ALLOWED_ORIGINS.includes(origin)) return true;
  if (config.PUBLIC_URL && new URL(config.PUBLIC_URL).origin === origin) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

const ROUTE_SCHEMA = {
  summary: 'Web terminal over WebSocket: a shell in a container (pods:exec) or a smart kubectl-style stream',
  description: [
    'A WebSocket upgrade (101); every frame is one JSON text message with a `type`. A cross-site Origin is 403;',
    'credentials never go in the URL (400): the first message is `{"type":"auth","token"}` →',
    '`{"type":"authenticated","user"}` (4408/4401 as on `/ws`). Then one',
    '`{"type":"open","cluster","namespace","pod","container"?,"command"?:["sh"],"cols"?,"rows"?}` (needs',
    'pods:exec in the pod\'s namespace) → `{"type":"opened","container","protocol"}`, or',
    '`{"type":"open","mode":"smart","cluster","namespace"?}`. Then `{"type":"input","data"}`,',
    '`{"type":"resize","cols","rows"}`; the server sends `{"type":"output","data"}`, `{"type":"exit","code"}` and',
    '`{"type":"error","code","message"}` (FORBIDDEN, NOT_FOUND, EXEC_FAILED, SESSION_IDLE, SESSION_EXPIRED,',
    'TOO_MANY_SESSIONS, SESSION_LOST, BAD_REQUEST). Sessions are audited at start and end.',
    'A plain GET (no upgrade) is 404.',
  ].join(' '),
} as const;

export async function registerTerminal(app: FastifyInstance, deps: TerminalDeps): Promise<void> {
  const { config } = deps;
  const logger = deps.module.logger.child({ component: 'terminal' });
  const counts = new Map<string, number>();
  const limits = {
    idleMs: config.TERMINAL_IDLE_TIMEOUT_SECONDS * 1000,
    maxSessionMs: config.TERMINAL_MAX_SESSION_SECONDS * 1000,
    maxSessionsPerUser: config.TERMINAL_MAX_SESSIONS_PER_USER,
    bufferBytes: config.TERMINAL_BUFFER_BYTES,
    podCheckMs: deps.podCheckMs ?? 5_000,
  };
  const db = deps.module.db;
  const settings = createTerminalSettings(db);
  const maxBytes = config.TERMINAL_RECORDING_MAX_BYTES;
  const recordings = createRecordingService({ db, logger, settings, maxBytes });
  await app.register(terminalRecordingRoutes, { db, settings, recordings, maxBytes });

  async function guard(request: FastifyRequest): Promise<void> {
    const query = request.query as Record<string, unknown>;
    if (Object.keys(query ?? {}).some((k) => URL_CREDENTIALS.includes(k.toLowerCase())))
      throw new AppError(
        'BAD_REQUEST',
        'Credentials are not accepted in the URL: send {"type":"auth","token":…} as the first message',
      );
    if (!originAllowed(request, config))
      throw new AppError('FORBIDDEN', `The Origin ${request.headers.origin} may not open a terminal`);
  }

  app.route({
    method: 'GET',
    url: '/ws/terminal',
    config: { permission: 'public' },
    preValidation: guard,
    schema: {
      ...ROUTE_SCHEMA,
      response: {
        101: passthroughResponse('Switching Protocols: the WebSocket'),
        404: noBody('Not a WebSocket upgrade (no body)'),
      },
    },
    handler: async (_request, reply) => reply.code(404).send(),
    wsHandler: async (socket: WebSocket, request) => {
      const auth = await authenticateSocket(socket, {
        authenticator: app.authenticator,
        timeoutMs: config.WS_AUTH_TIMEOUT_MS,
        recheckMs: config.WS_REAUTH_INTERVAL_MS,
        logger,
      });
      if (!auth) return;
      let pending = 0;
      const sink: TerminalSink = {
        send(msg: TerminalServerMessage) {
          if (socket.readyState !== socket.OPEN) return;
          const text = JSON.stringify(msg);
          pending += text.length;
          socket.send(text, () => {
            pending -= text.length;
          });
        },
        get buffered() {
          return Math.max(pending, socket.bufferedAmount);
        },
        close: (code = 1000, reason = '') => socket.close(code, closeReason(reason)),
        pauseInput: () => socket.pause(),
        resumeInput: () => socket.resume(),
      };
      let state: 'idle' | 'opening' | 'exec' | 'smart' | 'ended' = 'idle';
      let exec: ExecSession | undefined;
      let smart: SmartStream | undefined;
      const fail = (err: unknown) => {
        const e = toAppError(err);
        if (e.status >= 500) logger.warn({ err, code: e.code }, 'terminal open failed');
        sendJson(socket, { type: 'error', code: e.code, message: e.message });
      };

      const open = async (msg: Extract<TerminalClientMessage, { type: 'open' }>) => {
        state = 'opening';
        try {
          if (msg.mode === 'smart') {
            if (!deps.smart) throw new AppError('BAD_REQUEST', 'smart mode is not available on this server');
            smart = await deps.smart({ principal: auth.principal, open: msg, sink, logger });
            if (socket.readyState !== socket.OPEN) return smart.close();
            state = 'smart';
            sink.send({ type: 'opened' });
            return;
          }
          exec = await startExecSession(
            { module: deps.module, authorizer: app.authorizer, limits, counts, logger, recordings },
            {
              principal: auth.principal,
              ip: request.ip,
              open: msg,
              sink,
              onEnd: () => {
                state = 'ended';
                setTimeout(() => socket.close(1000, 'session ended'), 100).unref();
              },
            },
          );
          if (socket.readyState !== socket.OPEN) return exec.close();
          if (state === 'opening') state = 'exec';
        } catch (err) {
          // Refused: the connection stays, so the client may open something else (e.g. smart mode).
          state = 'idle';
          fail(err);
        }
      };

      socket.on('close', () => {
        state = 'ended';
        exec?.close();
        smart?.close();
      });
      auth.onMessage((data, isBinary) => {
        if (isBinary) return fail(new AppError('BAD_REQUEST', 'frames are JSON text'));
        let msg: TerminalClientMessage;
        try {
          const parsed = terminalClientMessageSchema.safeParse(JSON.parse(data.toString()));
          if (!parsed.success)
            return fail(
              new AppError('BAD_REQUEST', `not a terminal message: ${parsed.error.issues[0]?.message ?? 'invalid'}`),
            );
          msg = parsed.data;
        } catch {
          return fail(new AppError('BAD_REQUEST', 'frames are JSON text'));
        }
        if (msg.type === 'ping') return sink.send({ type: 'pong' });
        if (msg.type === 'open') {
          if (state !== 'idle')
            return fail(new AppError('BAD_REQUEST', 'a session is already open on this connection'));
          return void open(msg);
        }
        if (state === 'exec' && exec) {
          if (msg.type === 'input') exec.input(msg.data);
          else exec.resize(msg.cols, msg.rows);
        } else if (state === 'smart' && smart) {
          if (msg.type === 'input') smart.input(msg.data);
          else smart.resize?.(msg.cols, msg.rows);
        } else if (state !== 'ended') fail(new AppError('BAD_REQUEST', 'send {"type":"open",…} first'));
      });
    },
  });
}
