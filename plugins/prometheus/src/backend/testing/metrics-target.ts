/** A scrape target for tests: an HTTP server exposing a counter and the process metrics Prometheus's fallback charts use. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MetricsTarget {
  address: string;
  close(): Promise<void>;
}

export async function startMetricsTarget(): Promise<MetricsTarget> {
  let hits = 0;
  const server = createServer((req, res) => {
    hits++;
    const usage = process.cpuUsage();
    const body = [
      '# TYPE argus_test_scrapes_total counter',
      `argus_test_scrapes_total ${hits}`,
      '# TYPE process_cpu_seconds_total counter',
      `process_cpu_seconds_total ${(usage.user + usage.system) / 1e6}`,
      '# TYPE process_resident_memory_bytes gauge',
      `process_resident_memory_bytes ${process.memoryUsage().rss}`,
      '',
    ].join('\n');
    res.writeHead(req.url === '/metrics' ? 200 : 404, { 'Content-Type': 'text/plain; version=0.0.4' });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { address: `127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}
