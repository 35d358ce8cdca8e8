/**
 * Receive-side flow control: a Readable fed with a stream's StreamData that grants window back to the
 * peer only as its consumer reads, so at most `window` bytes wait here for a slow consumer.
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

export function createFlowReadable(
  window: number,
  grant: (bytes: number) => void,
  onDestroy: () => void,
): FlowReadable {
  let unacked = 0;
  let ended = false;
  const maybeGrant = () => {
    if (ended) return;
    const consumed = unacked - readable.readableLength;
    if (consumed > 0 && (consumed >= window / 4 || readable.readableLength === 0)) {
      unacked -= consumed;
      grant(consumed);
    }
  };
  const readable = new Readable({
    highWaterMark: Math.min(window, 64 * 1024),
    read: maybeGrant,
    destroy(err, cb) {
      ended = true;
      onDestroy();
      cb(err);
    },
  });
  return {
    readable,
    push(chunk) {
      if (ended) return;
      unacked += chunk.length;
      readable.push(chunk);
      maybeGrant();
    },
    end() {
      if (ended) return;
      ended = true;
      readable.push(null);
    },
    fail(err) {
      if (readable.destroyed) return;
      ended = true;
      readable.destroy(err);
    },
    buffered: () => readable.readableLength,
  };
}
