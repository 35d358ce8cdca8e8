/** Loopback load helpers: a fixed-count concurrent request loop and latency percentiles. */
import { Pool } from 'undici';

export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  latenciesMs: number[];
}

/** Sends `count` GETs with `concurrency` in flight (bounded also by `maxMs`); every answer must be 200. */
export async function runLoad(
  url: string,
  path: string,
  opts: { count: number; concurrency: number; headers?: Record<string, string>; maxMs?: number },
): Promise<LoadResult> {
  const origin = new URL(url).origin;
  const prefix = new URL(url).pathname.replace(/\/$/, '');
  const pool = new Pool(origin, { connections: opts.concurrency, pipelining: 1 });
  const latenciesMs: number[] = [];
  const deadline = Date.now() + (opts.maxMs ?? 60_000);
  let issued = 0;
  const started = performance.now();
  const worker = async () => {
    while (issued < opts.count && Date.now() < deadline) {
      issued++;
      const t0 = performance.now();
      const res = await pool.request({ origin, path: prefix + path, method: 'GET', headers: opts.headers ?? {} });
      await res.body.arrayBuffer();
      if (res.statusCode !== 200) throw new Error(`GET ${path}: ${res.statusCode}`);
      latenciesMs.push(performance.now() - t0);
    }
  };
  try {
    await Promise.all(Array.from({ length: opts.concurrency }, worker));
  } finally {
    await pool.close();
  }
  const seconds = (performance.now() - started) / 1000;
  return { requests: latenciesMs.length, seconds, perSecond: latenciesMs.length / seconds, latenciesMs };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}
