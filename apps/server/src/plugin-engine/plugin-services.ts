/**
 * The services a plugin may ask for (`deps` in definePlugin), built per plugin: a plugin receives only
 * the ones it named, each bound to the plugin (its logger, its config rows).
 */
import { AppError, parseInput } from '@argus/contracts';
import type {
  ClusterAccess,
  KubeReply,
  LiveHub,
  PluginDefinition,
  PluginDepName,
  PluginLogger,
  PluginPrincipal,
  PluginServiceLinks,
  PluginServices,
  ResourceRef,
  WatchEvent,
} from '@argus/plugin-sdk';
import type { Logger } from 'pino';
import type { Principal } from '../auth/types.js';
import type { ClusterModule } from '../clusters/cluster-module.js';
import type { OutboundGuard } from '../outbound/outbound-guard.js';
import type { GatewayKubeconfigs } from './gateway-kubeconfig.js';
import { createPluginCache } from './plugin-cache.js';
import type { PluginStateStore } from './plugin-state.js';

export interface ServiceDeps {
  clusters: ClusterModule;
  state: PluginStateStore;
  gateway: GatewayKubeconfigs;
  /** The real principal behind each PluginPrincipal handed to a route (for gateway kubeconfigs). */
  principals: WeakMap<PluginPrincipal, Principal>;
  host: Readonly<Record<string, string>>;
  /** The SSRF guard every plugin's `outbound` service fetches through. */
  outbound: OutboundGuard;
}

export function clusterAccess(d: ServiceDeps, pluginId: string): ClusterAccess {
  const { clusters } = d.clusters;
  const summary = (c: { id: string; name: string; status: string }) => ({ id: c.id, name: c.name, status: c.status });
  const caller = (principal: PluginPrincipal) => {
    const real = d.principals.get(principal);
    if (!real) throw new AppError('FORBIDDEN', 'Only the caller of a plugin route can act on a cluster as a user');
    return real;
  };
  return {
    async list() {
      return (await clusters.list()).map(summary);
    },
    async get(clusterId) {
      return summary(await clusters.get(clusterId));
    },
    client(clusterId) {
      return {
        async request(call): Promise<KubeReply> {
          const conn = await clusters.connection(clusterId);
          const res = await conn.request({
            method: call.method ?? 'GET',
            path: call.path,
            headers: { ...call.headers },
            body: call.body,
            ...(call.timeoutMs !== undefined ? { timeoutMs: call.timeoutMs } : {}),
            ...(call.signal ? { signal: call.signal } : {}),
          });
          return { status: res.status, headers: res.headers, body: res.body, json: <T>() => res.json<T>() };
        },
      };
    },
    async gatewayKubeconfig(principal, clusterId) {
      return d.gateway.create(caller(principal), clusterId, pluginId);
    },
    asUser(principal, clusterId, fn) {
      return d.gateway.asUser(caller(principal), clusterId, pluginId, fn);
    },
  };
}

/** Subscribes to a cluster resource's watch-cache events (the hub's `watch`, and the manifest's watchers). */
export async function watchResource(
  clusters: ClusterModule,
  clusterId: string,
  ref: ResourceRef,
  listener: (event: WatchEvent) => void,
): Promise<() => void> {
  const info = await clusters.resources.info(clusterId, ref.group || 'core', ref.version, ref.resource);
  // Every plugin listener of one change gets the same parsed object (the cache parses it at most once).
  return clusters.onEvent(clusterId, info, (ev) => listener({ type: ev.type, object: ev.entry.object() }));
}

function liveHub(d: ServiceDeps): LiveHub {
  return { watch: (clusterId, ref, listener) => watchResource(d.clusters, clusterId, ref, listener) };
}

export function buildServices(
  d: ServiceDeps,
  def: PluginDefinition,
  pluginId: string,
  enabledByDefault: boolean,
  logger: Logger,
  links: () => PluginServiceLinks = () => ({
    get: () => Promise.reject(new Error(`plugin "${pluginId}": no other plugins' services here`)),
  }),
): Partial<PluginServices> {
  const all: { [K in PluginDepName]: () => PluginServices[K] } = {
    clusters: () => clusterAccess(d, pluginId),
    logger: () => logger as unknown as PluginLogger,
    db: () => ({
      query: async <T>(sql: string, params?: unknown[]) => ({
        rows: (await d.clusters.db.query(sql, params)).rows as T[],
      }),
    }),
    hub: () => liveHub(d),
    config: () => ({
      async get(clusterId: string) {
        const raw = await d.state.config(pluginId, clusterId);
        if (!def.config) return raw;
        const res = def.config.safeParse(raw);
        if (res.success) return res.data;
        logger.warn({ clusterId, issues: res.error.issues.length }, 'stored plugin config is invalid; using defaults');
        return def.config.parse({});
      },
      async set(clusterId: string, value: unknown) {
        const parsed = def.config ? parseInput(def.config, value, `${pluginId} configuration`) : value;
        await d.state.setConfig(pluginId, clusterId, parsed, enabledByDefault);
      },
    }),
    host: () => d.host,
    outbound: () => ({ fetch: (url, request) => d.outbound.fetch(url, request) }),
    cache: () => createPluginCache(d.clusters),
    plugins: links,
  };
  const out: Partial<Record<PluginDepName, unknown>> = {};
  for (const name of def.deps) {
    if (!(name in all)) throw new Error(`deps: unknown service "${String(name)}"`);
    out[name] = all[name]();
  }
  return out as Partial<PluginServices>;
}
