import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status_code'>;
  auditWriteFailures: Counter;
}

/** One registry per server instance (tests start several in one process). */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'argus_' });
  const httpDuration = new Histogram({
    name: 'argus_http_request_duration_seconds',
    help: 'HTTP request duration by route template and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const auditWriteFailures = new Counter({
    name: 'argus_audit_write_failures_total',
    help: 'Audit records that could not be written to the database',
    registers: [registry],
  });
  return { registry, httpDuration, auditWriteFailures };
}
