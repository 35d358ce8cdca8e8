/**
 * A connection's outgoing messages, bounded by bytes and count. Frames are handed to the socket only
 * while little is in flight (written but not yet accepted by the kernel), so a client that stops
 * reading makes the queue grow here, where it is measured: an event that does not fit is refused and
 * its subscription is told to resync. Pull sources (a subscription's initial state) are drained only
 * when the queue is empty, so a large initial state never fills the buffer.
 */
import type { WebSocket } from 'ws';

export interface OutboxLimits {
  maxBytes: number;
  maxMessages: number;
  /** Bytes handed to the socket and not yet written out before we hold back (default 256 KiB). */
  inFlightBytes?: number;
}

interface Frame {
  sub: string | undefined;
  /** Text; a Buffer is UTF-8 text already encoded (shared by every subscriber of an event). */
  data: string | Buffer;
  bytes: number;
}

export interface Outbox {
  /** A protocol message (subscribed, synced, resync, error, pong); past twice the budget the client is too slow. */
  control(message: unknown): void;
  /** An event frame of a subscription; false when it does not fit (nothing queued). */
  event(sub: string, data: string | Buffer): boolean;
  /** Drops the queued (not yet sent) frames of a subscription; returns how many. */
  drop(sub: string): number;
  /** Frames pulled when the queue is empty; `next` returns undefined when done. */
  addSource(sub: string, next: () => string | undefined, done: () => void): void;
  removeSource(sub: string): void;
  stats(): { queuedBytes: number; queuedMessages: number; inFlightBytes: number };
  /**
   * Runs `fn` with the TCP socket corked: the frames it sends (one batch of events) leave in one write
   * instead of one system call per frame (each frame stays its own WebSocket message).
   */
  corked<T>(fn: () => T): T;
  close(): void;
}

export function createOutbox(socket: WebSocket, limits: OutboxLimits, onTooSlow: () => void): Outbox {
  const inFlightLimit = limits.inFlightBytes ?? 256 * 1024;
  let queue: Frame[] = [];
  let head = 0;
  let queuedBytes = 0;
  let inFlight = 0;
  let inFlightCount = 0;
  let closed = false;
  let pumping = false;
  const sources = new Map<string, { next: () => string | undefined; done: () => void }>();

  const used = () => ({ bytes: queuedBytes + inFlight, count: queue.length - head + inFlightCount });

  function write(data: string | Buffer, bytes: number): void {
    inFlight += bytes;
    inFlightCount++;
    // binary: false — a Buffer is sent as a text frame, as is (not copied per socket).
    socket.send(data, { binary: false }, () => {
      inFlight -= bytes;
      inFlightCount--;
      if (!pumping) pump();
    });
  }

  function pump(): void {
    if (closed || socket.readyState !== socket.OPEN) return;
    pumping = true;
    try {
      while (inFlight < inFlightLimit) {
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

  function enqueue(sub: string | undefined, data: string | Buffer): void {
    const bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
    queue.push({ sub, data, bytes });
    queuedBytes += bytes;
    pump();
  }

  return {
    control(message) {
      if (closed) return;
      const data = JSON.stringify(message);
      const u = used();
      if (u.bytes + data.length > limits.maxBytes * 2 || u.count + 1 > limits.maxMessages * 2) {
        closed = true;
        onTooSlow();
        return;
      }
      enqueue(undefined, data);
    },
    event(sub, data) {
      if (closed) return false;
      const u = used();
      // An event larger than the whole budget still goes out alone (else one big object could never be sent).
      const fits = u.count === 0 || (u.bytes + data.length <= limits.maxBytes && u.count + 1 <= limits.maxMessages);
      if (!fits) return false;
      enqueue(sub, data);
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
    stats: () => ({ queuedBytes, queuedMessages: queue.length - head, inFlightBytes: inFlight }),
    corked(fn) {
      // ws keeps its net.Socket as `_socket` (undefined before the handshake and in tests with fakes).
      const raw = (socket as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
      raw?.cork();
      try {
        return fn();
      } finally {
        raw?.uncork();
      }
    },
    close() {
      closed = true;
      queue = [];
      head = 0;
      queuedBytes = 0;
      sources.clear();
    },
  };
}
