/** The shapes of the backend's answers, as the UI reads them. */

export type PromResult =
  | { resultType: 'vector'; result: { metric: Record<string, string>; value: [number, string] }[] }
  | { resultType: 'matrix'; result: { metric: Record<string, string>; values: [number, string][] }[] }
  | { resultType: 'scalar' | 'string'; result: [number, string] };

export interface PromAnswer<T> {
  status: 'success';
  data: T;
  warnings?: string[];
}

export interface StatusAnswer {
  source: 'configured' | 'discovered' | 'none';
  url?: string;
  service?: { namespace: string; name: string; port: string };
  selector?: string;
  reason?: string;
  reachable: boolean;
  version?: string;
  error?: { code: string; message: string };
}

export interface UsageSeries {
  labels: Record<string, string>;
  points: [number, number][];
}

export interface UsageAnswer {
  scope: 'cluster' | 'namespace' | 'workload';
  source: 'cadvisor' | 'process';
  note?: string;
  range: { start: number; end: number; step: number };
  cpu: { query: string; unit: 'cores'; series: UsageSeries[] };
  memory: { query: string; unit: 'bytes'; series: UsageSeries[] };
}

export interface Target {
  labels: Record<string, string>;
  scrapeUrl: string;
  health: 'up' | 'down' | 'unknown';
  lastError: string;
  lastScrape: string;
  lastScrapeDuration: number;
}

export interface Alert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: string;
  activeAt?: string;
  value: string;
}

export interface RuleGroup {
  name: string;
  file: string;
  rules: {
    type: 'alerting' | 'recording';
    name: string;
    query: string;
    health: string;
    state?: string;
    lastError?: string;
  }[];
}

export interface MonitorItem {
  namespace: string;
  name: string;
  createdAt?: string;
  summary: Record<string, unknown>;
}

export interface MonitorsAnswer {
  items: Record<
    'prometheuses' | 'alertmanagers' | 'servicemonitors' | 'podmonitors' | 'prometheusrules',
    MonitorItem[]
  >;
  notes: string[];
}
