/**
 * One authenticated `/ws` connection: parses and validates client messages (a bad one gets an error
 * frame and the connection stays usable), manages its subscriptions within the per-connection limit,
 * and keeps the peer alive with ping/pong (a peer that misses a pong is dropped).
 */
import { AppError, WS_CLOSE_CODES, type WsClientMessage, wsClientMessageSchema } from '@argus/contracts';
import type { Logger } from 'pino';
import type { RawData, WebSocket } from 'ws';
import type { Authorizer } from '../auth/types.js';
import { type AuthenticatedSocket, closeReason } from './authenticate-socket.js';
import type { Hub } from './hub.js';
import { createOutbox, type Outbox } from './outbox.js';
import type { Subscription } from './subscription.js';
import type { WsMetrics } from './ws-metrics.js';

export interface ConnectionLimits {
  maxSubscriptions: number;
  sendBufferBytes: number;
  sendBufferMessages: number;
  pingIntervalMs: number;
  /** How often permissions are re-evaluated for subscriptions without events. */
  permissionRecheckMs: number;
}

export interface ConnectionDeps {
  hub: Hub;
  authorizer: Authorizer;
  metrics: WsMetrics;
  logger: Logger;
  limits: ConnectionLimits;
}

export interface Connection {
  outbox: Outbox;
  close(code: number, reason: string): void;
}

function errorOf(err: unknown): { code: string; message: string } {
  if (err instanceof AppError) return { code: err.code, message: err.message };
  return { code: 'INTERNAL', message: 'Internal server error' };
}

export function openConnection(socket: WebSocket, auth: AuthenticatedSocket, deps: ConnectionDeps): Connection {
  const { metrics, limits } = deps;
  const log = deps.logger.child({ userId: auth.principal.userId });
  const subs = new Map<string, Subscription | 'pending'>();
  // Increases whenever an id is (re)subscribed or unsubscribed, so a slow subscribe knows it was superseded.
  const generation = new Map<string, number>();
  let alive = true;
  let closed = false;

  const outbox = createOutbox(
    socket,
    { maxBytes: limits.sendBufferBytes, maxMessages: limits.sendBufferMessages },
    () => {
      log.warn({ ...outbox.stats() }, 'websocket client too slow: closing');
      conn.close(WS_CLOSE_CODES.TOO_SLOW, 'too many unread messages');
      setTimeout(() => socket.terminate(), 1_000).unref();
    },
  );

  const sendError = (code: string, message: string, id?: string) => {
    metrics.errors.inc({ code });
    outbox.control({ type: 'error', ...(id === undefined ? {} : { id }), code, message });
  };

  function end(id: string): void {
    const s = subs.get(id);
    generation.set(id, (generation.get(id) ?? 0) + 1);
    if (s === undefined) return;
    subs.delete(id);
    metrics.subscriptions.dec();
    if (s !== 'pending') s.stop();
  }

  const ctx = {
    outbox,
    authorizer: deps.authorizer,
    principal: () => auth.principal,
    metrics,
    maxHeld: limits.sendBufferMessages,
    onEnded(id: string) {
      // Ended by the server (resync): the id is free again.
      end(id);
    },
  };

  async function subscribe(msg: Extract<WsClientMessage, { type: 'subscribe' }>): Promise<void> {
    if (!subs.has(msg.id) && subs.size >= limits.maxSubscriptions) {
      return sendError(
        'TOO_MANY_SUBSCRIPTIONS',
        `At most ${limits.maxSubscriptions} subscriptions per connection`,
        msg.id,
      );
    }
    end(msg.id);
    const gen = generation.get(msg.id) ?? 0;
    subs.set(msg.id, 'pending');
    metrics.subscriptions.inc();
    const wanted = () => !closed && generation.get(msg.id) === gen;
    try {
      const sub = await deps.hub.subscribe(auth.principal, msg, ctx, { wanted });
      if (!wanted()) {
        sub?.stop();
        return;
      }
      if (sub) subs.set(msg.id, sub);
      else end(msg.id);
    } catch (err) {
      if (!wanted()) return;
      end(msg.id);
      const e = errorOf(err);
      if (e.code === 'INTERNAL') log.error({ err }, 'subscribe failed');
      sendError(e.code, e.message, msg.id);
    }
  }

  async function reauth(token: string): Promise<void> {
    try {
      const p = await auth.reauthenticate(token);
      outbox.control({ type: 'authenticated', user: { id: p.userId, email: p.email, name: p.name } });
    } catch (err) {
      const e = errorOf(err);
      sendError(e.code, e.message);
    }
  }

  /** The message to act on, or the error to answer with. */
  function parse(data: RawData, isBinary: boolean): WsClientMessage | { error: [string, string, string?] } {
    if (isBinary) return { error: ['BAD_REQUEST', 'Binary frames are not supported: send JSON text'] };
    let raw: unknown;
    try {
      raw = JSON.parse(data.toString());
    } catch {
      return { error: ['INVALID_JSON', 'The message is not valid JSON'] };
    }
    const parsed = wsClientMessageSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    const rawId = raw && typeof raw === 'object' ? (raw as { id?: unknown }).id : undefined;
    const id = typeof rawId === 'string' && rawId.length <= 128 ? rawId : undefined;
    const summary = parsed.error.issues
      .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
      .join('; ');
    return { error: ['VALIDATION_FAILED', `Invalid message: ${summary}`, id] };
  }

  function onMessage(data: RawData, isBinary: boolean): void {
    alive = true;
    const msg = parse(data, isBinary);
    if ('error' in msg) {
      sendError(...msg.error);
      return;
    }
    switch (msg.type) {
      case 'subscribe':
        void subscribe(msg);
        break;
      case 'unsubscribe':
        if (!subs.has(msg.id)) sendError('UNKNOWN_SUBSCRIPTION', `No subscription "${msg.id}"`, msg.id);
        else {
          end(msg.id);
          outbox.control({ type: 'unsubscribed', id: msg.id });
        }
        break;
      case 'ping':
        outbox.control({ type: 'pong' });
        break;
      case 'auth':
        void reauth(msg.token);
        break;
    }
  }

  socket.on('pong', () => {
    alive = true;
  });
  const heartbeat = setInterval(() => {
    if (!alive) {
      log.info('websocket peer missed a heartbeat: dropped');
      closed = true;
      socket.terminate();
      return;
    }
    alive = false;
    socket.ping();
  }, limits.pingIntervalMs);
  heartbeat.unref();
  // Events re-evaluate permissions as they come; this covers quiet resources.
  const recheck = setInterval(() => {
    for (const s of subs.values()) if (s !== 'pending') s.recheck();
  }, limits.permissionRecheckMs);
  recheck.unref();

  socket.on('close', (code, reason) => {
    clearInterval(heartbeat);
    clearInterval(recheck);
    closed = true;
    for (const id of [...subs.keys()]) end(id);
    outbox.close();
    metrics.connections.dec();
    metrics.closes.inc({ code: String(code) });
    if (code !== 1000 && code !== 1001 && code !== 1005) {
      log.info({ code, reason: reason.toString().slice(0, 123) }, 'websocket closed abnormally');
    }
  });

  metrics.connections.inc();
  auth.onMessage(onMessage);

  const conn: Connection = {
    outbox,
    close(code, reason) {
      if (closed) return;
      closed = true;
      socket.close(code, closeReason(reason));
    },
  };
  return conn;
}
