import { describe, expect, it } from 'vitest';
import { createFrameBatcher, type FrameSink } from './frame-batcher.js';

type Msg = { id: number } | { batch: Msg[] };

/** A sink recording what reaches the wire; `full` makes write() report a full buffer until drain(). */
function recordingSink() {
  const written: Msg[] = [];
  let full = false;
  let drainNow: (() => void) | undefined;
  const sink: FrameSink<Msg> = {
    write(m) {
      written.push(m);
      return !full;
    },
    drained: () =>
      new Promise<void>((resolve) => {
        drainNow = resolve;
      }),
  };
  return {
    sink,
    written,
    setFull(v: boolean) {
      full = v;
    },
    drain() {
      full = false;
      drainNow?.();
    },
  };
}

const wrap = (msgs: Msg[]): Msg => ({ batch: msgs });
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('frame batcher', () => {
  it('sends the small messages of one event-loop turn as one batch, in order', async () => {
    const s = recordingSink();
    const b = createFrameBatcher(s.sink, { batching: true, wrap });
    await Promise.all([b.send({ id: 1 }, 64), b.send({ id: 2 }, 100), b.send({ id: 3 }, 64)]);
    expect(s.written).toEqual([]);
    await turn();
    expect(s.written).toEqual([{ batch: [{ id: 1 }, { id: 2 }, { id: 3 }] }]);
    void b.send({ id: 4 }, 64);
    await turn();
    // A lone message is not wrapped.
    expect(s.written.at(-1)).toEqual({ id: 4 });
  });

  it('writes a large message alone, after what was queued before it', async () => {
    const s = recordingSink();
    const b = createFrameBatcher(s.sink, { batching: true, wrap, maxBatchedBytes: 1000 });
    void b.send({ id: 1 }, 64);
    void b.send({ id: 2 }, 64);
    void b.send({ id: 3 }, 5000);
    void b.send({ id: 4 }, 64);
    expect(s.written).toEqual([{ batch: [{ id: 1 }, { id: 2 }] }, { id: 3 }]);
    await turn();
    expect(s.written).toEqual([{ batch: [{ id: 1 }, { id: 2 }] }, { id: 3 }, { id: 4 }]);
  });

  it('splits a long queue into batches under the largest batch size', async () => {
    const s = recordingSink();
    const b = createFrameBatcher(s.sink, { batching: true, wrap, maxBatchBytes: 1000, queueLimitBytes: 10_000 });
    for (let id = 1; id <= 5; id++) void b.send({ id }, 400);
    await turn();
    expect(s.written).toEqual([{ batch: [{ id: 1 }, { id: 2 }] }, { batch: [{ id: 3 }, { id: 4 }] }, { id: 5 }]);
  });

  it('writes every message at once, unwrapped, to a peer that does not accept batches', () => {
    const s = recordingSink();
    const b = createFrameBatcher(s.sink, { batching: false, wrap });
    void b.send({ id: 1 }, 64);
    void b.send({ id: 2 }, 64);
    expect(s.written).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it("makes senders wait for gRPC's drain once its buffer is full", async () => {
    const s = recordingSink();
    const b = createFrameBatcher(s.sink, { batching: true, wrap });
    s.setFull(true);
    expect(b.ready()).toBe(true);
    void b.send({ id: 1 }, 64);
    await turn();
    expect(b.ready()).toBe(false);
    let released = false;
    const waiting = b.send({ id: 2 }, 64).then(() => {
      released = true;
    });
    await turn();
    await turn();
    expect(released).toBe(false);
    s.drain();
    await waiting;
    expect(released).toBe(true);
    expect(b.ready()).toBe(true);
    expect(s.written).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('makes senders wait for the flush once the queue holds its limit', async () => {
    const s = recordingSink();
    const b = createFrameBatcher(s.sink, { batching: true, wrap, queueLimitBytes: 1000 });
    let first = false;
    void b.send({ id: 1 }, 600).then(() => {
      first = true;
    });
    expect(b.ready()).toBe(true);
    const second = b.send({ id: 2 }, 600);
    expect(b.ready()).toBe(false);
    await Promise.resolve();
    expect(first).toBe(true);
    expect(s.written).toEqual([]);
    await second;
    expect(s.written).toEqual([{ batch: [{ id: 1 }, { id: 2 }] }]);
  });
});
