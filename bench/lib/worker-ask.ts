/** Request/answer over a benchmark worker thread: posts `msg`, resolves with the next message (an `error` field rejects). */
import type { Worker } from 'node:worker_threads';

export const askWorker =
  (worker: Worker) =>
  <T>(msg: unknown): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      worker.once('message', (m: T & { error?: string }) => (m.error ? reject(new Error(m.error)) : resolve(m)));
      worker.postMessage(msg);
    });
