/**
 * A connection's outgoing messages, bounded by bytes and count. Frames are handed to the socket only
 * while little is in flight (written but not yet accepted by the kernel), so a client that stops
 * reading makes the queue grow here, where it is measured: an event that does not fit is refused and
 * its subscription is told to resync. Pull sources (a subscription's initial state) are drained only
 * when the queue is empty, so a large initial state never fills the buffer.
 */
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import type { WireFrame } from './ws-frame.js';

export interface OutboxLimits {
  maxBytes: number;
  maxMessages: number;
  /** Bytes handed to the socket and not yet written out before we hold back (default 256 KiB). */
  inFlightBytes?: number;
}

interface Frame {
  sub: string | undefined;
  /** A protocol message's text, or an event frame (shared by every subscriber of the event). */
  data: string | WireFrame;
  bytes: number;
}

export interface Outbox {
  /** A protocol message (subscribed, synced, resync, error, pong); past twice the budget the client is too slow. */
  control(message: unknown): void;
  /** An event frame of a subscription; false when it does not fit (nothing queued). */
  event(sub: string, frame: WireFrame): boolean;
  /** Drops the queued (not yet sent) frames of a subscription; returns how many. */
  drop(sub: string): number;
  /** Frames pulled when the queue is empty; `next` returns undefined when done. */
  addSource(sub: string, next: () => string | undefined, done: () => void): void;
  removeSource(sub: string): void;
  stats(): { queuedBytes: number; queuedMessages: number; inFlightBytes: number };
  /**
   * Between cork() and uncork() (one batch of events), the frames sent leave in one TCP write instead of
   * one system call per frame (each frame stays its own WebSocket message).
   */
  cork(): void;
  uncork(): void;
  close(): void;
}

/** The ws internals the direct path relies on (ws 8: `_socket` is the net.Socket, `_sender` its Sender). */
interface WsInternals {
  _socket?: Socket;
  _sender?: { _state?: unknown; _queue?: unknown };
}

export function createOutbox(socket: WebSocket, limits: OutboxLimits, onTooSlow: () => void): Outbox {
  const inFlightLimit = limits.inFlightBytes ?? 256 * 1024;
  let queue: Frame[] = [];
  let head = 0;
  let queuedBytes = 0;
  // Without the raw socket (fakes): bytes and messages handed to ws whose write callback has not run yet.
  let sentBytes = 0;
  let sentCount = 0;
  let closed = false;
  let pumping = false;
  const sources = new Map<string, { next: () => string | undefined; done: () => void }>();

  // Event frames go straight to the TCP socket (complete frames, the same bytes for every subscriber): no
  // header allocation, options objects or callback per subscriber per event, as ws.send would cost. That
  // is only equivalent while ws has nothing queued of its own (it queues only while compressing or reading
  // a Blob: perMessageDeflate is off and we send no Blobs), so each write checks; otherwise ws sends it.
  // In-flight bytes are then the socket's writableLength, and a full socket is pumped again on 'drain'.
  const internals = socket as unknown as WsInternals;
  const raw = internals._socket;
  const sender = internals._sender;
  const direct =
    raw !== undefined && sender !== undefined && Array.isArray(sender._queue) && sender._state === 0
      ? { raw, sender, queue: sender._queue as unknown[] }
      : undefined;
  if (raw) raw.on('drain', () => pumping || pump());

  const inFlight = () => (raw ? raw.writableLength : sentBytes);

  function write(data: string | WireFrame, bytes: number): void {
    if (
      typeof data !== 'string' &&
      direct !== undefined &&
      direct.sender._state === 0 &&
      direct.queue.length === 0 &&
      direct.raw.writable
    ) {
      direct.raw.write(data.wire);
      return;
    }
    const payload = typeof data === 'string' ? data : data.payload;
    // binary: false — a Buffer is sent as a text frame, as is (not copied per socket).
    if (raw) {
      socket.send(payload, { binary: false });
      return;
    }
    sentBytes += bytes;
    sentCount++;
    socket.send(payload, { binary: false }, () => {
      sentBytes -= bytes;
      sentCount--;
      if (!pumping) pump();
    });
  }

  function pump(): void {
    if (closed || socket.readyState !== socket.OPEN) return;
    pumping = true;
    try {
      while (inFlight() < inFlightLimit) {
        if (head < queue.length) {
          const f = queue[head]!;
          queue[head++] = undefined as unknown as Frame;
          queuedBytes -= f.bytes;
          if (head > 1024 && head * 2 > queue.length) {
            queue = queue.slice(head);
            head = 0;
          }
          write(f.data, f.bytes);
          continue;
        }
        const first = sources.entries().next();
        if (first.done) break;
        const [sub, source] = first.value;
        const data = source.next();
        if (data === undefined) {
          sources.delete(sub);
          source.done();
          continue;
        }
        // Round robin between sources.
        sources.delete(sub);
        sources.set(sub, source);
        write(data, Buffer.byteLength(data));
      }
    } finally {
      pumping = false;
    }
  }

  function enqueue(sub: string | undefined, data: string | WireFrame, bytes: number): void {
    queue.push({ sub, data, bytes });
    queuedBytes += bytes;
    pump();
  }

  return {
    control(message) {
      if (closed) return;
      const data = JSON.stringify(message);
      const count = queue.length - head + sentCount;
      if (queuedBytes + inFlight() + data.length > limits.maxBytes * 2 || count + 1 > limits.maxMessages * 2) {
        closed = true;
        onTooSlow();
        return;
      }
      enqueue(undefined, data, Buffer.byteLength(data));
    },
    event(sub, frame) {
      if (closed) return false;
      const bytes = frame.wire.length;
      const queued = queue.length - head;
      const count = queued + sentCount;
      const inFlightNow = inFlight();
      // An event larger than the whole budget still goes out alone (else one big object could never be sent).
      if (count > 0 && (queuedBytes + inFlightNow + bytes > limits.maxBytes || count + 1 > limits.maxMessages))
        return false;
      // Nothing waiting: straight to the socket (what enqueue and pump would do, without the queue entry).
      if (queued === 0 && inFlightNow < inFlightLimit && !pumping && socket.readyState === socket.OPEN) {
        write(frame, bytes);
        return true;
      }
      enqueue(sub, frame, bytes);
      return true;
    },
    drop(sub) {
      let n = 0;
      const kept: Frame[] = [];
      for (let i = head; i < queue.length; i++) {
        const f = queue[i]!;
        if (f.sub === sub) {
          n++;
          queuedBytes -= f.bytes;
        } else kept.push(f);
      }
      queue = kept;
      head = 0;
      return n;
    },
    addSource(sub, next, done) {
      sources.set(sub, { next, done });
      pump();
    },
    removeSource(sub) {
      sources.delete(sub);
    },
    stats: () => ({ queuedBytes, queuedMessages: queue.length - head, inFlightBytes: inFlight() }),
    // Undefined before the handshake and in tests with fakes.
    cork: () => raw?.cork(),
    uncork: () => raw?.uncork(),
    close() {
      closed = true;
      queue = [];
      head = 0;
      queuedBytes = 0;
      sources.clear();
    },
  };
}
