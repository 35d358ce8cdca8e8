/**
 * Where a cluster's Prometheus is: the configured URL, else (with discovery on) a Service that is
 * Prometheus — `monitoring/prometheus-operated` first (the operator's governing Service), then services
 * labelled as Prometheus — reached through the API server's service proxy. Found services are
 * remembered for a short while per cluster.
 */
import { AppError } from '@argus/contracts';
import type { ClusterAccess, PluginConfigStore, PluginLogger } from '@argus/plugin-sdk';
import type { PrometheusConfig } from './config.js';
import { createPrometheusApi, type PrometheusApi } from './prometheus-api.js';
import { createDirectTransport, createServiceProxyTransport, type ServiceRef } from './transport.js';

const CACHE_MS = 30_000;
const PREFERRED: ServiceRef = { namespace: 'monitoring', name: 'prometheus-operated', port: 'web' };
const SELECTORS = ['operated-prometheus=true', 'app.kubernetes.io/name=prometheus', 'app=prometheus'];

export type Location =
  | { source: 'configured'; url: string }
  | { source: 'discovered'; service: ServiceRef; selector: string }
  | { source: 'none'; reason: string };

export interface Located {
  location: Location;
  api: PrometheusApi;
}

export interface PrometheusLocator {
  /** Where Prometheus is for the cluster (never throws for "not found": see `source: 'none'`). */
  locate(clusterId: string): Promise<Location>;
  /** The API of the cluster's Prometheus; throws PROMETHEUS_NOT_FOUND when there is none. */
  connect(clusterId: string): Promise<Located>;
  forget(clusterId: string): void;
}

interface ServiceItem {
  metadata?: { name?: string; namespace?: string };
  spec?: { ports?: { name?: string; port?: number }[] };
}

/** The port to proxy to: one named `web` / `http-web` / `http`, else 9090, else the only one. */
export function pickPort(svc: ServiceItem): string | undefined {
  const ports = svc.spec?.ports ?? [];
  const named = ['web', 'http-web', 'http'].map((n) => ports.find((p) => p.name === n)).find((p) => p !== undefined);
  const chosen = named ?? ports.find((p) => p.port === 9090) ?? (ports.length === 1 ? ports[0] : undefined);
  if (!chosen) return undefined;
  return chosen.name || (chosen.port === undefined ? undefined : String(chosen.port));
}

export interface LocatorDeps {
  clusters: ClusterAccess;
  config: PluginConfigStore<PrometheusConfig>;
  logger: PluginLogger;
}

export function createPrometheusLocator(deps: LocatorDeps): PrometheusLocator {
  const cache = new Map<string, { at: number; location: Location }>();

  async function getJson(clusterId: string, path: string): Promise<unknown> {
    const reply = await deps.clusters.client(clusterId).request({ path, timeoutMs: 10_000 });
    return reply.status === 200 ? reply.json() : undefined;
  }

  async function discover(clusterId: string): Promise<Location> {
    const preferred = (await getJson(
      clusterId,
      `/api/v1/namespaces/${PREFERRED.namespace}/services/${PREFERRED.name}`,
    )) as ServiceItem | undefined;
    const port = preferred && pickPort(preferred);
    if (port)
      return { source: 'discovered', service: { ...PREFERRED, port }, selector: 'monitoring/prometheus-operated' };
    for (const selector of SELECTORS) {
      const list = (await getJson(clusterId, `/api/v1/services?labelSelector=${encodeURIComponent(selector)}`)) as
        | { items?: ServiceItem[] }
        | undefined;
      for (const svc of list?.items ?? []) {
        const p = pickPort(svc);
        const { name, namespace } = svc.metadata ?? {};
        if (p && name && namespace) return { source: 'discovered', service: { namespace, name, port: p }, selector };
      }
    }
    return { source: 'none', reason: 'no Prometheus Service found in the cluster and no URL configured' };
  }

  async function locate(clusterId: string): Promise<Location> {
    const hit = cache.get(clusterId);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.location;
    const config = await deps.config.get(clusterId);
    let location: Location;
    if (config.url) location = { source: 'configured', url: config.url };
    else if (!config.discovery)
      location = { source: 'none', reason: 'no Prometheus URL configured and discovery is turned off' };
    else {
      try {
        location = await discover(clusterId);
      } catch (err) {
        deps.logger.warn({ clusterId, err: (err as Error).message }, 'prometheus discovery failed');
        return { source: 'none', reason: `the cluster could not be searched: ${(err as Error).message}` };
      }
    }
    cache.set(clusterId, { at: Date.now(), location });
    return location;
  }

  return {
    locate,
    async connect(clusterId) {
      const location = await locate(clusterId);
      if (location.source === 'none')
        throw new AppError('PROMETHEUS_NOT_FOUND', `No Prometheus for this cluster: ${location.reason}`);
      if (location.source === 'configured')
        return { location, api: createPrometheusApi(createDirectTransport(location.url), redactUrl(location.url)) };
      const { namespace, name, port } = location.service;
      const transport = createServiceProxyTransport(deps.clusters.client(clusterId), location.service);
      return { location, api: createPrometheusApi(transport, `service ${namespace}/${name}:${port}`) };
    },
    forget(clusterId) {
      cache.delete(clusterId);
    },
  };
}

/** The URL without its user:password, for messages and answers. */
export function redactUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.href;
}
