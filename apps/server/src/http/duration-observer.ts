import type { Histogram } from 'prom-client';

interface Child {
  observe(seconds: number): void;
}

/**
 * `histogram.observe({ method, route, status_code }, seconds)` for every answer, with the labelled child of each
 * (route, method, status) made once and kept: prom-client otherwise builds and checks the label set on every
 * call. There are as many children as series the metric has anyway (route templates × methods × statuses).
 */
export function createDurationObserver(
  histogram: Histogram<'method' | 'route' | 'status_code'>,
): (route: string, method: string, statusCode: number, seconds: number) => void {
  const byRoute = new Map<string, Map<string, Map<number, Child>>>();
  return (route, method, statusCode, seconds) => {
    let byMethod = byRoute.get(route);
    if (byMethod === undefined) {
      byMethod = new Map();
      byRoute.set(route, byMethod);
    }
    let byStatus = byMethod.get(method);
    if (byStatus === undefined) {
      byStatus = new Map();
      byMethod.set(method, byStatus);
    }
    let child = byStatus.get(statusCode);
    if (child === undefined) {
      child = histogram.labels({ method, route, status_code: String(statusCode) });
      byStatus.set(statusCode, child);
    }
    child.observe(seconds);
  };
}
