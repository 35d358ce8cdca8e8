/**
 * kube-sim pod watches for latency benchmarks. `referenceTimes`: in a worker thread, the time (absolute ms) each
 * change reached this machine — the reference for latency, not delayed by the servers under test on the main
 * thread. `watchPods`: a main-thread watch whose events a baseline (the bare broadcaster) sends on.
 */
import { Worker } from 'node:worker_threads';
import { jsonLines } from '../../apps/server/src/clusters/json-lines.js';
import { askWorker } from './worker-ask.js';

export interface ReferenceTimes {
  /** `name/resourceVersion` → when that change arrived (performance.timeOrigin + performance.now()). */
  snapshot(): Promise<Map<string, number>>;
  stop(): Promise<void>;
}

export async function referenceTimes(simUrl: string, token: string): Promise<ReferenceTimes> {
  const worker = new Worker(new URL('./reference-watch-worker.mjs', import.meta.url));
  const ask = askWorker(worker);
  await ask({ cmd: 'start', url: simUrl, token });
  return {
    snapshot: async () => new Map((await ask<{ times: [string, number][] }>({ cmd: 'times' })).times),
    async stop() {
      worker.postMessage({ cmd: 'stop' });
      await worker.terminate();
    },
  };
}

export interface PodWatch {
  onEvent(fn: (type: string, object: unknown) => void): void;
  stop(): void;
}

export async function watchPods(simUrl: string, token: string): Promise<PodWatch> {
  const headers = { authorization: `Bearer ${token}` };
  const list = (await (await fetch(`${simUrl}/api/v1/pods?limit=1`, { headers })).json()) as {
    metadata: { resourceVersion: string };
  };
  const abort = new AbortController();
  const res = await fetch(`${simUrl}/api/v1/pods?watch=true&resourceVersion=${list.metadata.resourceVersion}`, {
    headers,
    signal: abort.signal,
  });
  if (!res.body) throw new Error('watch has no body');
  const listeners: ((type: string, object: unknown) => void)[] = [];
  void (async () => {
    try {
      for await (const ev of jsonLines<{ type: string; object: unknown }>(
        res.body as unknown as AsyncIterable<Uint8Array>,
      )) {
        if (ev.type === 'BOOKMARK') continue;
        for (const l of listeners) l(ev.type, ev.object);
      }
    } catch {
      // aborted
    }
  })();
  return {
    onEvent: (fn) => listeners.push(fn),
    stop: () => abort.abort(),
  };
}
