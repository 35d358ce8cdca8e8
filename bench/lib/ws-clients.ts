/**
 * Many `ws` subscribers in a worker thread (bench/lib/subscriber-worker.mjs): each counts delivered events
 * and their latency from a reference time (absolute ms: performance.timeOrigin + performance.now()).
 */
import { Worker } from 'node:worker_threads';
import { askWorker } from './worker-ask.js';

export interface Subscribers {
  /** Starts counting: events received from now on are counted. */
  start(): void;
  /** Stops counting; latencies are measured against the reference times (key name/resourceVersion). */
  stop(): Promise<{ delivered: number; seconds: number; latenciesMs: number[]; resyncs: number }>;
  close(): Promise<void>;
}

export async function connectSubscribers(
  url: string,
  count: number,
  /** When each change arrived (reference-watch.ts), asked for when counting stops. */
  refTimes: () => Promise<Map<string, number>>,
  /** Messages to send once open (auth, subscribe); a subscriber is ready when a message of readyType arrives. */
  opts: { hello?: unknown[]; readyType?: string } = {},
): Promise<Subscribers> {
  const worker = new Worker(new URL('./subscriber-worker.mjs', import.meta.url));
  const ask = askWorker(worker);
  await ask({ cmd: 'connect', url, count, hello: opts.hello ?? [], readyType: opts.readyType });
  return {
    start: () => worker.postMessage({ cmd: 'start' }),
    stop: async () => {
      // Counting ends first; the reference times are read after, so every counted change has its own.
      await ask({ cmd: 'pause' });
      const refs = await refTimes();
      return ask({ cmd: 'stop', refs: [...refs] });
    },
    async close() {
      await ask({ cmd: 'close' });
      await worker.terminate();
    },
  };
}
