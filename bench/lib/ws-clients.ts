/**
 * Many `ws` subscribers in a worker thread (bench/lib/subscriber-worker.mjs): each counts delivered events
 * and their latency from a reference time (absolute ms: performance.timeOrigin + performance.now()).
 */
import { Worker } from 'node:worker_threads';

export interface Subscribers {
  /** Starts counting: events received from now on are counted. */
  start(): void;
  /** Stops counting; latencies are measured against refTimes (key name/resourceVersion). */
  stop(): Promise<{ delivered: number; seconds: number; latenciesMs: number[]; resyncs: number }>;
  close(): Promise<void>;
}

export async function connectSubscribers(
  url: string,
  count: number,
  refTimes: Map<string, number>,
  /** Messages to send once open (auth, subscribe); a subscriber is ready when a message of readyType arrives. */
  opts: { hello?: unknown[]; readyType?: string } = {},
): Promise<Subscribers> {
  const worker = new Worker(new URL('./subscriber-worker.mjs', import.meta.url));
  const ask = <T>(msg: unknown) =>
    new Promise<T>((resolve, reject) => {
      worker.once('message', (m: T & { error?: string }) => (m.error ? reject(new Error(m.error)) : resolve(m)));
      worker.postMessage(msg);
    });
  await ask({ cmd: 'connect', url, count, hello: opts.hello ?? [], readyType: opts.readyType });
  return {
    start: () => worker.postMessage({ cmd: 'start' }),
    stop: () => ask({ cmd: 'stop', refs: [...refTimes] }),
    async close() {
      await ask({ cmd: 'close' });
      await worker.terminate();
    },
  };
}
