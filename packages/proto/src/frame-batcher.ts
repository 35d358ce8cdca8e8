/**
 * Send side of one tunnel direction: every message goes through here, in order. When the peer accepts
 * batches, small messages due in the same turn of the event loop (many streams' RequestStart, a response's
 * ResponseStart + StreamData + StreamClose, WindowUpdates) leave as one batch message at the end of the
 * turn (setImmediate), so gRPC frames, encodes and writes them once instead of once each: per-message
 * work in @grpc/grpc-js (interceptors, filters, HTTP/2 DATA frames, writev) dominated small requests.
 * A large message flushes what is queued and goes alone (nothing to gain from copying it into a batch).
 *
 * send() resolves at once while the queue is small and gRPC's own buffer has room; otherwise it waits
 * for the flush and then for gRPC's 'drain', so a fast sender still never buffers without bound.
 */
export interface FrameSink<M> {
  /** Writes one gRPC message; false when gRPC's buffer is full ('drain' follows). */
  write(msg: M): boolean;
  /** Settles on the next 'drain' (or when the call ends). */
  drained(): Promise<unknown>;
}

export interface FrameBatcherOptions<M> {
  /** Wraps several messages in one (the batch case of the oneof). */
  wrap(msgs: M[]): M;
  /** Whether the peer accepts batches; when false every message is written as it comes. */
  batching: boolean;
  /** Messages of this many bytes or more are never batched (default 16 KiB). */
  maxBatchedBytes?: number;
  /** Queued bytes beyond which send() waits for the flush (default 256 KiB). */
  queueLimitBytes?: number;
  /** Largest batch; a longer queue leaves as several (default 1 MiB, far under the peers' 16 MiB message limit). */
  maxBatchBytes?: number;
}

export interface FrameBatcher<M> {
  /** Queues (or writes) `msg`; `size` is its payload size in bytes (chunk length; small for control messages). */
  send(msg: M, size: number): Promise<void>;
  /** Writes whatever is queued now. */
  flush(): void;
  /** Whether send() would resolve at once now (the queue is under its limit and gRPC's buffer has room). */
  ready(): boolean;
}

const RESOLVED = Promise.resolve();

export function createFrameBatcher<M>(sink: FrameSink<M>, o: FrameBatcherOptions<M>): FrameBatcher<M> {
  const maxBatched = o.maxBatchedBytes ?? 16 * 1024;
  const limit = o.queueLimitBytes ?? 256 * 1024;
  const maxBatch = o.maxBatchBytes ?? 1024 * 1024;
  let queue: M[] = [];
  let sizes: number[] = [];
  let queuedBytes = 0;
  let scheduled: NodeJS.Immediate | undefined;
  let blocked = false;
  let drain: Promise<void> | undefined;
  let flushed: { promise: Promise<void>; resolve: () => void } | undefined;

  function waitDrain(): Promise<void> {
    // One listener for every writer waiting on gRPC's own buffer.
    drain ??= sink.drained().then(() => {
      blocked = false;
      drain = undefined;
    });
    return drain;
  }

  function write(msg: M): void {
    if (!sink.write(msg)) blocked = true;
  }

  function flush(): void {
    if (scheduled) {
      clearImmediate(scheduled);
      scheduled = undefined;
    }
    const msgs = queue;
    const lengths = sizes;
    queue = [];
    sizes = [];
    queuedBytes = 0;
    let from = 0;
    let bytes = 0;
    for (let i = 0; i <= msgs.length; i++) {
      if (i < msgs.length && (i === from || bytes + (lengths[i] as number) <= maxBatch)) {
        bytes += lengths[i] as number;
        continue;
      }
      // msgs[from, i) is one batch (a lone message goes unwrapped).
      if (i - from === 1) write(msgs[from] as M);
      else if (i > from) write(o.wrap(msgs.slice(from, i)));
      from = i;
      bytes = i < msgs.length ? (lengths[i] as number) : 0;
    }
    const f = flushed;
    flushed = undefined;
    f?.resolve();
  }

  function afterFlush(): Promise<void> {
    if (!flushed) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => {
        resolve = r;
      });
      flushed = { promise, resolve };
    }
    return flushed.promise.then(() => (blocked ? waitDrain() : undefined));
  }

  return {
    send(msg, size) {
      if (!o.batching || size >= maxBatched) {
        flush();
        write(msg);
        return blocked ? waitDrain() : RESOLVED;
      }
      queue.push(msg);
      sizes.push(size);
      queuedBytes += size;
      scheduled ??= setImmediate(flush);
      if (queuedBytes < limit && !blocked) return RESOLVED;
      return afterFlush();
    },
    flush,
    ready: () => !blocked && queuedBytes < limit,
  };
}
