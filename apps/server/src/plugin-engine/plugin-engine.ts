/**
 * The plugin engine: validates each plugin's manifest and definition at startup, builds the services it
 * asked for, collects its routes (mounted by mount-routes.ts) and watchers, and runs its lifecycle per
 * cluster. A plugin that fails — a bad manifest, a throwing hook, route or watcher — is isolated: it is
 * marked and its failure is visible in `GET /api/plugins`; the server and the other plugins go on.
 */
import { AppError } from '@argus/contracts';
import {
  manifestProblems,
  type OperatorKind,
  type PluginDefinition,
  type PluginManifest,
  type PluginServices,
  type PluginWatcherSpec,
  parseManifest,
  type RouteDefinition,
  type WatchEvent,
} from '@argus/plugin-sdk';
import type { Logger } from 'pino';
import type { Authorizer } from '../auth/types.js';
import type { ClusterModule } from '../clusters/cluster-module.js';
import type { WatchOwnership } from '../replicas/watch-ownership.js';
import { createPluginAvailability } from './plugin-availability.js';
import { seedPluginGrants } from './plugin-grants.js';
import { createServiceLinks } from './plugin-links.js';
import { buildServices, type ServiceDeps, watchResource } from './plugin-services.js';
import type { PluginStateStore } from './plugin-state.js';

export type PluginStatus = 'active' | 'failed' | 'rejected';

export interface PluginFailure {
  at: string;
  where: string;
  message: string;
}

export interface LoadedPlugin {
  id: string;
  manifest: PluginManifest | undefined;
  definition: PluginDefinition;
  status: PluginStatus;
  /** Why the plugin was rejected or failed to start. */
  error?: string;
  failures: { count: number; last?: PluginFailure };
  routes: RouteDefinition<unknown, unknown>[];
  watchers: Map<string, Array<(clusterId: string, event: WatchEvent) => void>>;
  services: Partial<PluginServices>;
  /** The services it offers other plugins (its manifest's `provides`), built at load. */
  provided: Map<string, unknown>;
  /** The kinds its operator toolkit serves (their health rules judge alerts: issue 19). */
  // biome-ignore lint/suspicious/noExplicitAny: kinds of different object types live in one list
  operatorKinds?: readonly OperatorKind<any>[];
  logger: Logger;
}

export interface PluginEngine {
  list(): LoadedPlugin[];
  /** 404 PLUGIN_NOT_FOUND for an unknown id. */
  get(id: string): LoadedPlugin;
  isEnabled(plugin: LoadedPlugin, clusterId: string): Promise<boolean>;
  /** Whether the cluster serves what the plugin `requires` (always true when it requires nothing). */
  isAvailable(plugin: LoadedPlugin, clusterId: string): Promise<boolean>;
  /** Turns a plugin on or off for a cluster: stores it, runs onEnable/onDisable, starts or stops its watchers. */
  setEnabled(id: string, clusterId: string, enabled: boolean): Promise<void>;
  recordFailure(plugin: LoadedPlugin, where: string, err: unknown): void;
  /** How many watch subscriptions the plugin holds on the cluster (0 when disabled there). */
  watching(pluginId: string, clusterId: string): number;
  /** Runs registerRoutes/registerWatchers of every plugin (before the routes are mounted). */
  load(): Promise<void>;
  /** onEnable and watchers on every cluster where each plugin is enabled. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export interface PluginEngineDeps extends ServiceDeps {
  definitions: readonly PluginDefinition[];
  authorizer: Authorizer;
  logger: Logger;
  state: PluginStateStore;
  clusters: ClusterModule;
  /** How often plugins are brought in line with the clusters and their enabled state (default 15 s). */
  reconcileMs?: number;
  /**
   * Several replicas: watchers run only on the replica owning the cluster (replicas/watch-ownership.ts), and move
   * with it. Without it, every cluster's watchers run here.
   */
  ownership?: Pick<WatchOwnership, 'owns' | 'on'>;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function createPluginEngine(deps: PluginEngineDeps): PluginEngine {
  const log = deps.logger.child({ component: 'plugins' });
  const plugins = new Map<string, LoadedPlugin>();
  /** Watcher subscriptions per `${plugin}\0${cluster}`. */
  const running = new Map<string, Array<() => void>>();
  /** Watchers whose resource the cluster did not serve yet, per `${plugin}\0${cluster}`: retried on reconcile. */
  const waiting = new Map<string, Set<PluginWatcherSpec>>();
  const reconcileSoon = () => {
    reconcile().catch((err) => log.warn({ err: message(err) }, 'plugin reconcile failed'));
  };
  // A change of what a cluster serves (CRDs added or removed) mounts and unmounts plugins at once.
  const availability = createPluginAvailability({ clusters: deps.clusters, logger: log, onChange: reconcileSoon });
  let timer: NodeJS.Timeout | undefined;
  const offOwnership: Array<() => void> = [];
  const owned = (clusterId: string) => deps.ownership?.owns(clusterId) ?? true;
  let reconciling: Promise<void> | undefined;
  let again = false;

  /**
   * Every active plugin running exactly on the clusters where it is enabled. A call while a pass runs
   * asks for one more pass (the running one may have listed the clusters before the change).
   */
  function reconcile(): Promise<void> {
    if (reconciling) {
      again = true;
      return reconciling;
    }
    reconciling = (async () => {
      try {
        do {
          again = false;
          const clusters = await deps.clusters.clusters.list();
          const live = [...plugins.values()].filter((p) => p.status === 'active');
          for (const c of clusters) {
            const waits = [...waiting.keys()].some((k) => k.endsWith(`\u0000${c.id}`));
            if (waits || live.some((p) => (p.manifest?.requires.length ?? 0) > 0)) {
              availability.follow(c.id);
              await availability.refresh(c.id);
            }
          }
          for (const plugin of live) {
            for (const c of clusters) {
              const on = (await engine.isEnabled(plugin, c.id)) && (await engine.isAvailable(plugin, c.id));
              const key = `${plugin.id}\u0000${c.id}`;
              const subs = running.get(key);
              if (on && !subs) await activate(plugin, c.id);
              else if (!on && subs) await deactivate(plugin, c.id);
              else if (on && subs && waiting.has(key)) startWatchers(plugin, c.id, subs, [...(waiting.get(key) ?? [])]);
            }
          }
        } while (again);
      } finally {
        reconciling = undefined;
      }
    })();
    return reconciling;
  }

  for (const definition of deps.definitions) {
    const raw = definition.manifest as { id?: unknown } | undefined;
    const id = typeof raw?.id === 'string' ? raw.id : `unnamed-${plugins.size + 1}`;
    const logger = log.child({ plugin: id });
    const loaded: LoadedPlugin = {
      id,
      manifest: undefined,
      definition,
      status: 'active',
      failures: { count: 0 },
      routes: [],
      watchers: new Map(),
      services: {},
      provided: new Map(),
      logger,
    };
    const problems = manifestProblems(definition.manifest);
    if (plugins.has(id)) problems.push(`plugin "${id}": id: another plugin already uses this id`);
    if (problems.length > 0) {
      loaded.status = 'rejected';
      loaded.error = problems.join('; ');
      logger.error({ problems }, 'plugin manifest rejected');
      if (!plugins.has(id)) plugins.set(id, loaded);
      continue;
    }
    loaded.manifest = parseManifest(definition.manifest);
    plugins.set(id, loaded);
  }

  const engine: PluginEngine = {
    list: () => [...plugins.values()],
    get(id) {
      const p = plugins.get(id);
      if (!p) throw new AppError('PLUGIN_NOT_FOUND', `No plugin "${id}"`);
      return p;
    },
    async isEnabled(plugin, clusterId) {
      if (!plugin.manifest) return false;
      return deps.state.isEnabled(plugin.id, clusterId, plugin.manifest.enabled_by_default);
    },
    async isAvailable(plugin, clusterId) {
      return availability.check(plugin.manifest?.requires ?? [], clusterId);
    },
    async setEnabled(id, clusterId, enabled) {
      const plugin = engine.get(id);
      if (plugin.status === 'rejected' || !plugin.manifest)
        throw new AppError('PLUGIN_UNAVAILABLE', `Plugin "${id}" was rejected at startup: ${plugin.error ?? ''}`);
      await deps.clusters.clusters.get(clusterId);
      await deps.state.setEnabled(id, clusterId, enabled);
      if (plugin.status !== 'active') return;
      const active = running.has(`${id}\u0000${clusterId}`);
      if (enabled && !active && (await engine.isAvailable(plugin, clusterId))) await activate(plugin, clusterId);
      else if (!enabled && active) await deactivate(plugin, clusterId);
    },
    recordFailure(plugin, where, err) {
      plugin.failures.count++;
      plugin.failures.last = { at: new Date().toISOString(), where, message: message(err) };
      plugin.logger.error({ err, where }, 'plugin failed');
    },
    watching: (pluginId, clusterId) => running.get(`${pluginId}\u0000${clusterId}`)?.length ?? 0,
    async load() {
      for (const plugin of plugins.values()) {
        if (plugin.status !== 'active' || !plugin.manifest) continue;
        try {
          await loadOne(plugin, plugin.manifest);
        } catch (err) {
          plugin.status = 'failed';
          plugin.error = message(err);
          plugin.routes = [];
          plugin.watchers.clear();
          plugin.provided.clear();
          engine.recordFailure(plugin, 'load', err);
        }
      }
      await seedPluginGrants(deps.clusters.db, deps.authorizer, [...plugins.values()]);
    },
    async start() {
      await reconcile();
      deps.clusters.clusters.onAdded(reconcileSoon);
      deps.clusters.clusters.onRemoved((clusterId) => {
        for (const plugin of plugins.values()) stopWatchers(plugin, clusterId);
        deps.state.forgetCluster(clusterId);
        availability.forget(clusterId);
      });
      // Watchers follow the cluster's ownership: started where it is acquired, stopped where it is released.
      if (deps.ownership) {
        offOwnership.push(
          deps.ownership.on('acquired', (clusterId) => {
            for (const plugin of plugins.values()) {
              const subs = running.get(`${plugin.id}\u0000${clusterId}`);
              if (subs && subs.length === 0) startWatchers(plugin, clusterId, subs);
            }
          }),
          deps.ownership.on('released', (clusterId) => {
            for (const plugin of plugins.values()) {
              const key = `${plugin.id}\u0000${clusterId}`;
              for (const unsubscribe of running.get(key)?.splice(0) ?? []) unsubscribe();
              waiting.delete(key);
            }
          }),
        );
      }
      // Agent enrolments, other replicas' enable/disable and APIs that appear without a CRD are picked up here.
      timer = setInterval(reconcileSoon, deps.reconcileMs ?? 15_000);
      timer.unref();
    },
    async close() {
      if (timer) clearInterval(timer);
      for (const off of offOwnership.splice(0)) off();
      availability.close();
      for (const subs of running.values()) for (const unsubscribe of subs) unsubscribe();
      running.clear();
      waiting.clear();
    },
  };

  async function loadOne(plugin: LoadedPlugin, manifest: PluginManifest) {
    const def = plugin.definition;
    const links = () =>
      createServiceLinks(() => plugins.get(plugin.id), plugin.id, {
        find: (id) => plugins.get(id),
        isEnabled: engine.isEnabled,
        isAvailable: engine.isAvailable,
      });
    plugin.services = buildServices(deps, def, plugin.id, manifest.enabled_by_default, plugin.logger, links);
    const routes: RouteDefinition<unknown, unknown>[] = [];
    await def.registerRoutes?.(
      {
        route: (r) => routes.push(r as RouteDefinition<unknown, unknown>),
        operatorKinds: (kinds) => {
          plugin.operatorKinds = [...(plugin.operatorKinds ?? []), ...kinds];
        },
      },
      plugin.services as never,
    );
    for (const r of routes) {
      const scope = r.scope ?? 'cluster';
      if (!manifest.routes.some((m) => m.method === r.method && m.path === r.path && m.scope === scope))
        throw new Error(
          `plugin "${plugin.id}": route ${r.method} ${r.path} (${scope}) is not declared in the manifest`,
        );
      if (!r.responses || Object.keys(r.responses).length === 0)
        throw new Error(`plugin "${plugin.id}": route ${r.method} ${r.path} (${scope}) declares no responses`);
    }
    for (const m of manifest.routes)
      if (!routes.some((r) => r.method === m.method && r.path === m.path && (r.scope ?? 'cluster') === m.scope))
        throw new Error(`plugin "${plugin.id}": manifest route ${m.method} ${m.path} has no handler`);
    plugin.routes = routes;
    const factories = def.provides ?? {};
    for (const p of manifest.provides)
      if (typeof factories[p.service] !== 'function')
        throw new Error(`plugin "${plugin.id}": manifest service "${p.service}" (provides) has no factory`);
    for (const name of Object.keys(factories)) {
      if (!manifest.provides.some((p) => p.service === name))
        throw new Error(`plugin "${plugin.id}": service "${name}" is not declared in the manifest's "provides"`);
      plugin.provided.set(name, factories[name]?.(plugin.services as never));
    }
    await def.registerWatchers?.(
      {
        on(id, listener) {
          if (!manifest.watchers.some((w) => w.id === id))
            throw new Error(`plugin "${plugin.id}": watcher "${id}" is not declared in the manifest`);
          const list = plugin.watchers.get(id) ?? [];
          list.push(listener);
          plugin.watchers.set(id, list);
        },
      },
      plugin.services as never,
    );
  }

  async function activate(plugin: LoadedPlugin, clusterId: string) {
    const key = `${plugin.id}\u0000${clusterId}`;
    if (running.has(key)) return;
    const subs: Array<() => void> = [];
    running.set(key, subs);
    try {
      await plugin.definition.onEnable?.({ clusterId }, plugin.services as never);
    } catch (err) {
      engine.recordFailure(plugin, `onEnable(${clusterId})`, err);
    }
    if (running.get(key) === subs) startWatchers(plugin, clusterId, subs);
  }

  async function deactivate(plugin: LoadedPlugin, clusterId: string) {
    if (!running.has(`${plugin.id}\u0000${clusterId}`)) return;
    stopWatchers(plugin, clusterId);
    try {
      await plugin.definition.onDisable?.({ clusterId }, plugin.services as never);
    } catch (err) {
      engine.recordFailure(plugin, `onDisable(${clusterId})`, err);
    }
  }

  /**
   * Subscribes the plugin's watchers (all, or the ones still waiting) on the cluster. A watcher whose resource
   * the cluster does not serve waits: the next reconcile (a CRD change, or the tick) tries it again.
   */
  function startWatchers(
    plugin: LoadedPlugin,
    clusterId: string,
    subs: Array<() => void>,
    specs: readonly PluginWatcherSpec[] = plugin.manifest?.watchers ?? [],
  ) {
    const key = `${plugin.id}\u0000${clusterId}`;
    // Another replica owns the cluster: its watchers run there (they start here if ownership moves here).
    if (!owned(clusterId)) return;
    const pending = waiting.get(key);
    for (const spec of specs) {
      const listeners = plugin.watchers.get(spec.id);
      if (!listeners?.length) continue;
      pending?.delete(spec);
      if (pending?.size === 0) waiting.delete(key);
      watchResource(deps.clusters, clusterId, spec, (event) => {
        for (const listener of listeners) {
          try {
            listener(clusterId, event);
          } catch (err) {
            engine.recordFailure(plugin, `watcher ${spec.id}`, err);
          }
        }
      })
        .then((unsubscribe) => {
          // Disabled (or re-enabled) while the resource was being looked up: this subscription is stale.
          if (running.get(key) === subs && owned(clusterId)) subs.push(unsubscribe);
          else unsubscribe();
        })
        .catch((err) => {
          if (running.get(key) !== subs || !owned(clusterId)) return;
          const set = waiting.get(key) ?? new Set();
          set.add(spec);
          waiting.set(key, set);
          // Follow the cluster's CRDs so the watcher starts as soon as its resource appears.
          availability.follow(clusterId);
          void availability.refresh(clusterId);
          plugin.logger.warn({ clusterId, watcher: spec.id, err: message(err) }, 'watcher waits for its resource');
        });
    }
  }

  function stopWatchers(plugin: LoadedPlugin, clusterId: string) {
    const key = `${plugin.id}\u0000${clusterId}`;
    for (const unsubscribe of running.get(key) ?? []) unsubscribe();
    running.delete(key);
    waiting.delete(key);
  }

  return engine;
}
