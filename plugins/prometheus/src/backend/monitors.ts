/**
 * The Prometheus operator's objects (monitoring.coreos.com/v1) listed from the cluster, each summed up
 * in a few fields. A kind whose CRD is absent gives an empty list and a note, not an error.
 */
import type { ClusterClient } from '@argus/plugin-sdk';

export const MONITOR_KINDS = {
  prometheuses: 'Prometheus',
  alertmanagers: 'Alertmanager',
  servicemonitors: 'ServiceMonitor',
  podmonitors: 'PodMonitor',
  prometheusrules: 'PrometheusRule',
} as const;

export type MonitorResource = keyof typeof MONITOR_KINDS;

type Obj = Record<string, unknown>;
const o = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(o) : []);

export interface MonitorItem {
  namespace: string;
  name: string;
  createdAt?: string;
  labels: Record<string, string>;
  /** A few kind-specific fields: endpoints, rule counts, replicas… */
  summary: Record<string, unknown>;
}

export interface MonitorsAnswer {
  items: Record<MonitorResource, MonitorItem[]>;
  /** Why a list is empty when it is not the cluster's doing (CRD absent, no access). */
  notes: string[];
}

function summarise(resource: MonitorResource, item: Obj): Record<string, unknown> {
  const spec = o(item.spec);
  const status = o(item.status);
  switch (resource) {
    case 'servicemonitors':
      return {
        selector: o(spec.selector).matchLabels ?? {},
        namespaces: o(spec.namespaceSelector),
        endpoints: list(spec.endpoints).map((e) => ({
          port: e.port ?? e.targetPort,
          path: e.path ?? '/metrics',
          interval: e.interval,
        })),
      };
    case 'podmonitors':
      return {
        selector: o(spec.selector).matchLabels ?? {},
        endpoints: list(spec.podMetricsEndpoints).map((e) => ({
          port: e.port ?? e.portNumber,
          path: e.path ?? '/metrics',
          interval: e.interval,
        })),
      };
    case 'prometheusrules': {
      const groups = list(spec.groups);
      const rules = groups.flatMap((g) => list(g.rules));
      return {
        groups: groups.length,
        alerts: rules.filter((r) => typeof r.alert === 'string').map((r) => r.alert),
        records: rules.filter((r) => typeof r.record === 'string').length,
      };
    }
    default:
      return {
        version: spec.version,
        replicas: spec.replicas,
        availableReplicas: status.availableReplicas,
        available: list(status.conditions).find((c) => c.type === 'Available')?.status,
      };
  }
}

/** Lists every kind; `allowed(namespace)` filters items the caller may not see. */
export async function listMonitors(
  client: ClusterClient,
  allowed: (namespace: string) => Promise<boolean>,
): Promise<MonitorsAnswer> {
  const notes: string[] = [];
  const entries = await Promise.all(
    (Object.keys(MONITOR_KINDS) as MonitorResource[]).map(async (resource) => {
      const reply = await client.request({ path: `/apis/monitoring.coreos.com/v1/${resource}`, timeoutMs: 15_000 });
      if (reply.status === 404) {
        notes.push(`${MONITOR_KINDS[resource]}: the CRD ${resource}.monitoring.coreos.com is not installed`);
        return [resource, []] as const;
      }
      if (reply.status !== 200) {
        notes.push(`${MONITOR_KINDS[resource]}: the cluster answered ${reply.status}`);
        return [resource, []] as const;
      }
      const items: MonitorItem[] = [];
      for (const item of list(reply.json<Obj>().items)) {
        const meta = o(item.metadata);
        const namespace = String(meta.namespace ?? '');
        if (!(await allowed(namespace))) continue;
        items.push({
          namespace,
          name: String(meta.name ?? ''),
          createdAt: typeof meta.creationTimestamp === 'string' ? meta.creationTimestamp : undefined,
          labels: o(meta.labels) as Record<string, string>,
          summary: summarise(resource, item),
        });
      }
      return [resource, items] as const;
    }),
  );
  return { items: Object.fromEntries(entries) as MonitorsAnswer['items'], notes };
}
