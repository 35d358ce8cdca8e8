/**
 * Receive-side flow control: a Readable fed with a stream's StreamData. Chunks wait in a queue and move
 * into the Readable only when its consumer pulls (_read); window is granted back to the peer as they
 * move. So the queue never holds more than the window (the peer's credit), and the Readable's own buffer
 * stays under its highWaterMark: a slow consumer stops the agent instead of growing memory here.
 */
import { Readable } from 'node:stream';

export interface FlowReadable {
  readable: Readable;
  push(chunk: Buffer): void;
  end(): void;
  fail(err: Error): void;
  /** Bytes received and not yet read by the consumer. */
  buffered(): number;
}

export function createFlowReadable(grant: (bytes: number) => void, onDestroy: () => void): FlowReadable {
  const queue: Buffer[] = [];
  let queued = 0;
  let wanted = false;
  let ended = false;
  let closed = false;

  function flush(): void {
    while (wanted && queue.length > 0) {
      const c = queue.shift()!;
      queued -= c.length;
      grant(c.length);
      wanted = readable.push(c);
    }
    if (ended && queue.length === 0 && !closed) {
      closed = true;
      readable.push(null);
    }
  }

  const readable = new Readable({
    highWaterMark: 16 * 1024,
    read() {
      wanted = true;
      flush();
    },
    destroy(err, cb) {
      closed = true;
      ended = true;
      queue.length = 0;
      queued = 0;
      onDestroy();
      cb(err);
    },
  });
  return {
    readable,
    push(chunk) {
      if (ended) return;
      queue.push(chunk);
      queued += chunk.length;
      flush();
    },
    end() {
      if (ended) return;
      ended = true;
      flush();
    },
    fail(err) {
      if (readable.destroyed) return;
      readable.destroy(err);
    },
    buffered: () => queued + readable.readableLength,
  };
}
