/** Many `ws` subscribers in this process: each counts delivered events and their latency from a reference time. */
import WebSocket from 'ws';

export interface Subscribers {
  /** Starts counting: events received from now on are counted, latencies measured against refTimes. */
  start(): void;
  stop(): { delivered: number; seconds: number; latenciesMs: number[]; resyncs: number };
  close(): void;
}

type Msg = { type: string; object?: { metadata?: { name?: string; resourceVersion?: string } } };

export async function connectSubscribers(
  url: string,
  count: number,
  refTimes: Map<string, number>,
  /** Messages to send once open (auth, subscribe); resolves when `ready(msg)` is seen. */
  opts: { hello?: unknown[]; ready?: (m: Msg) => boolean; batch?: number } = {},
): Promise<Subscribers> {
  const sockets: WebSocket[] = [];
  let counting = false;
  let delivered = 0;
  let resyncs = 0;
  let started = 0;
  const latencies: number[] = [];
  const connectOne = () =>
    new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(url);
      sockets.push(ws);
      const timer = setTimeout(() => reject(new Error('subscriber not ready in 30 s')), 30_000);
      ws.on('error', reject);
      ws.on('open', () => {
        for (const m of opts.hello ?? []) ws.send(JSON.stringify(m));
        if (!opts.ready) {
          clearTimeout(timer);
          resolve();
        }
      });
      ws.on('message', (data) => {
        const now = performance.now();
        const m = JSON.parse(data.toString()) as Msg;
        if (opts.ready?.(m)) {
          clearTimeout(timer);
          resolve();
        }
        if (m.type === 'resync') resyncs++;
        if (!counting || m.type !== 'event') return;
        delivered++;
        const ref = refTimes.get(`${m.object?.metadata?.name}/${m.object?.metadata?.resourceVersion}`);
        if (ref !== undefined) latencies.push(now - ref);
      });
    });
  const batch = opts.batch ?? 50;
  for (let i = 0; i < count; i += batch) {
    await Promise.all(Array.from({ length: Math.min(batch, count - i) }, connectOne));
  }
  return {
    start() {
      delivered = 0;
      latencies.length = 0;
      started = performance.now();
      counting = true;
    },
    stop() {
      counting = false;
      return { delivered, seconds: (performance.now() - started) / 1000, latenciesMs: [...latencies], resyncs };
    },
    close() {
      for (const ws of sockets) ws.terminate();
    },
  };
}
