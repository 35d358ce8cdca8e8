/**
 * The auth rule shared by every WebSocket endpoint (`/ws`, `/ws/terminal`, `/ws/ai`): credentials come
 * in the first message `{"type":"auth","token":"…"}` within a time limit, never in the URL, and are
 * checked by the same Authenticator as the HTTP auth stage (JWT or API key). While connected, the
 * credential is checked again periodically, so logout, revocation, expiry and a disabled account end
 * the connection; the client may send a fresh token for the same user at any time.
 */
import { AppError, WS_CLOSE_CODES, wsAuthMessageSchema } from '@argus/contracts';
import type { Logger } from 'pino';
import type { RawData, WebSocket } from 'ws';
import type { Authenticator, Principal } from '../auth/types.js';

export interface SocketAuthOptions {
  authenticator: Authenticator;
  timeoutMs: number;
  logger: Logger;
  /** Messages that may arrive after the auth message before the caller takes over (default 32). */
  maxPending?: number;
  /** Re-check the credential this often; 0 never. */
  recheckMs?: number;
}

export type SocketMessageHandler = (data: RawData, isBinary: boolean) => void;

export interface AuthenticatedSocket {
  readonly principal: Principal;
  /** Hands incoming messages to the handler: those buffered during authentication first. */
  onMessage(handler: SocketMessageHandler): void;
  /** Replaces the credential with a fresh one of the same user; rejects with an AppError. */
  reauthenticate(token: string): Promise<Principal>;
}

/** Close reasons are limited to 123 bytes by the protocol. */
export function closeReason(text: string): string {
  let out = text;
  while (Buffer.byteLength(out) > 123) out = out.slice(0, -1);
  return out;
}

export function sendJson(socket: WebSocket, message: unknown): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

function refuse(socket: WebSocket, code: string, message: string, closeCode: number): void {
  sendJson(socket, { type: 'error', code, message });
  socket.close(closeCode, closeReason(`${code}: ${message}`));
}

const authFailure = (err: unknown) =>
  err instanceof AppError && err.status === 401
    ? { code: err.code, message: err.message }
    : { code: 'UNAUTHENTICATED', message: 'The credential could not be checked' };

/**
 * Waits for the auth message and checks it. Resolves with the authenticated socket, or undefined when the
 * socket was refused (it is then closed with 4401 or 4408) or closed by the peer.
 */
export function authenticateSocket(
  socket: WebSocket,
  opts: SocketAuthOptions,
): Promise<AuthenticatedSocket | undefined> {
  const maxPending = opts.maxPending ?? 32;
  const pending: Array<[RawData, boolean]> = [];
  let phase: 'waiting' | 'checking' | 'authenticated' | 'done' = 'waiting';
  // Read through a function where an await may have changed it.
  const current = () => phase;
  let handler: SocketMessageHandler | undefined;
  let credential = '';
  let principal: Principal | undefined;
  let recheck: NodeJS.Timeout | undefined;

  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      if (phase !== 'waiting') return;
      phase = 'done';
      refuse(
        socket,
        'UNAUTHENTICATED',
        `send {"type":"auth","token":…} first, within ${opts.timeoutMs} ms`,
        WS_CLOSE_CODES.AUTH_TIMEOUT,
      );
      resolve(undefined);
    }, opts.timeoutMs);

    socket.on('close', () => {
      clearTimeout(timer);
      if (recheck) clearInterval(recheck);
      if (phase === 'waiting' || phase === 'checking') {
        phase = 'done';
        resolve(undefined);
      }
    });

    socket.on('message', (data, isBinary) => {
      if (handler) return handler(data, isBinary);
      if (phase === 'waiting') return void first(data, isBinary);
      if (phase === 'done') return;
      if (pending.length >= maxPending) {
        phase = 'done';
        refuse(socket, 'BAD_REQUEST', 'too many messages before authentication completed', 1008);
        return resolve(undefined);
      }
      pending.push([data, isBinary]);
    });

    async function first(data: RawData, isBinary: boolean): Promise<void> {
      phase = 'checking';
      clearTimeout(timer);
      let token: string | undefined;
      if (!isBinary) {
        try {
          const parsed = wsAuthMessageSchema.safeParse(JSON.parse(data.toString()));
          if (parsed.success) token = parsed.data.token;
        } catch {
          // not JSON: refused below
        }
      }
      if (token === undefined) {
        phase = 'done';
        refuse(
          socket,
          'UNAUTHENTICATED',
          'the first message must be {"type":"auth","token":…}',
          WS_CLOSE_CODES.UNAUTHENTICATED,
        );
        return resolve(undefined);
      }
      try {
        principal = await opts.authenticator.authenticate(token);
        credential = token;
      } catch (err) {
        const f = authFailure(err);
        if (!(err instanceof AppError))
          opts.logger.warn({ err: (err as Error).message }, 'websocket authentication failed');
        if (current() === 'done') return;
        phase = 'done';
        refuse(socket, f.code, f.message, WS_CLOSE_CODES.UNAUTHENTICATED);
        return resolve(undefined);
      }
      if (current() === 'done' || socket.readyState !== socket.OPEN) return resolve(undefined);
      phase = 'authenticated';
      sendJson(socket, {
        type: 'authenticated',
        user: { id: principal.userId, email: principal.email, name: principal.name },
      });
      if (opts.recheckMs) {
        recheck = setInterval(() => void check(), opts.recheckMs);
        recheck.unref();
      }
      resolve(authenticated);
    }

    async function check(): Promise<void> {
      try {
        const p = await opts.authenticator.authenticate(credential);
        if (principal && p.userId === principal.userId) principal = p;
      } catch (err) {
        if (!(err instanceof AppError) || err.status !== 401) {
          // The database may be briefly unreachable: keep the connection, try again next time.
          opts.logger.warn({ err: (err as Error).message }, 'websocket credential re-check failed');
          return;
        }
        if (recheck) clearInterval(recheck);
        opts.logger.info({ userId: principal?.userId, code: err.code }, 'websocket closed: credential no longer valid');
        refuse(socket, err.code, err.message, WS_CLOSE_CODES.UNAUTHENTICATED);
      }
    }

    const authenticated: AuthenticatedSocket = {
      get principal() {
        return principal!;
      },
      onMessage(h) {
        handler = h;
        for (const [data, isBinary] of pending.splice(0)) h(data, isBinary);
      },
      async reauthenticate(token) {
        const p = await opts.authenticator.authenticate(token);
        if (p.userId !== principal?.userId) {
          throw new AppError('FORBIDDEN', 'A connection stays with the user that opened it; open a new one');
        }
        principal = p;
        credential = token;
        return p;
      },
    };
  });
}
