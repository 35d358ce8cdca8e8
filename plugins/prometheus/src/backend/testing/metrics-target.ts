/**
 * A scrape target for tests: an HTTP server exposing a counter, process metrics and, with `cadvisor`, the
 * kubelet's container metrics (one container plus the pod-level series with container="" that charts must skip).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The pod-level (container="") memory series: usage charts must not count it. */
export const POD_LEVEL_BYTES = 999_999_999_999;

export interface MetricsTarget {
  address: string;
  close(): Promise<void>;
}

export async function startMetricsTarget(opts: { cadvisor?: boolean } = {}): Promise<MetricsTarget> {
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
      ...(opts.cadvisor
        ? [
            '# TYPE container_cpu_usage_seconds_total counter',
            `container_cpu_usage_seconds_total{container="web"} ${(usage.user + usage.system) / 1e6}`,
            '# TYPE container_memory_working_set_bytes gauge',
            `container_memory_working_set_bytes{container="web"} ${process.memoryUsage().rss}`,
            `container_memory_working_set_bytes{container=""} ${POD_LEVEL_BYTES}`,
          ]
        : []),
      '',
    ].join('\n');
    res.writeHead(req.url === '/metrics' ? 200 : 404, { 'Content-Type': 'text/plain; version=0.0.4' });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { address: `127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}
