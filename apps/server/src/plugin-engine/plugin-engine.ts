/**
 * The plugin engine: validates each plugin's manifest and definition at startup, builds the services it
 * asked for, collects its routes (mounted by mount-routes.ts) and watchers, and runs its lifecycle per
 * cluster. A plugin that fails — a bad manifest, a throwing hook, route or watcher — is isolated: it is
 * marked and its failure is visible in `GET /api/plugins`; the server and the other plugins go on.
 */
import { AppError } from '@argus/contracts';
import {
  manifestProblems,
  type PluginDefinition,
  type PluginManifest,
  type PluginServices,
  parseManifest,
  type RouteDefinition,
  type WatchEvent,
} from '@argus/plugin-sdk';
import type { Logger } from 'pino';
import type { Authorizer } from '../auth/types.js';
import type { ClusterModule } from '../clusters/cluster-module.js';
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
  logger: Logger;
}

export interface PluginEngine {
  list(): LoadedPlugin[];
  /** 404 PLUGIN_NOT_FOUND for an unknown id. */
  get(id: string): LoadedPlugin;
  isEnabled(plugin: LoadedPlugin, clusterId: string): Promise<boolean>;
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
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function createPluginEngine(deps: PluginEngineDeps): PluginEngine {
  const log = deps.logger.child({ component: 'plugins' });
  const plugins = new Map<string, LoadedPlugin>();
  /** Watcher subscriptions per `${plugin}\0${cluster}`. */
  const running = new Map<string, Array<() => void>>();
  let timer: NodeJS.Timeout | undefined;
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
          for (const plugin of plugins.values()) {
            if (plugin.status !== 'active') continue;
            for (const c of clusters) {
              const on = await engine.isEnabled(plugin, c.id);
              const active = running.has(`${plugin.id}\u0000${c.id}`);
              if (on && !active) await activate(plugin, c.id);
              else if (!on && active) await deactivate(plugin, c.id);
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
    async setEnabled(id, clusterId, enabled) {
      const plugin = engine.get(id);
      if (plugin.status === 'rejected' || !plugin.manifest)
        throw new AppError('PLUGIN_UNAVAILABLE', `Plugin "${id}" was rejected at startup: ${plugin.error ?? ''}`);
      await deps.clusters.clusters.get(clusterId);
      await deps.state.setEnabled(id, clusterId, enabled);
      if (plugin.status !== 'active') return;
      const active = running.has(`${id}\u0000${clusterId}`);
      if (enabled && !active) await activate(plugin, clusterId);
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
          engine.recordFailure(plugin, 'load', err);
        }
      }
      await seedPermissions();
    },
    async start() {
      await reconcile();
      deps.clusters.clusters.onAdded(() => {
        reconcile().catch((err) => log.warn({ err: message(err) }, 'plugin reconcile failed'));
      });
      deps.clusters.clusters.onRemoved((clusterId) => {
        for (const plugin of plugins.values()) stopWatchers(plugin, clusterId);
        deps.state.forgetCluster(clusterId);
      });
      // Agent enrolments and other replicas' enable/disable are picked up here.
      timer = setInterval(() => {
        reconcile().catch((err) => log.warn({ err: message(err) }, 'plugin reconcile failed'));
      }, deps.reconcileMs ?? 15_000);
      timer.unref();
    },
    async close() {
      if (timer) clearInterval(timer);
      for (const subs of running.values()) for (const unsubscribe of subs) unsubscribe();
      running.clear();
    },
  };

  async function loadOne(plugin: LoadedPlugin, manifest: PluginManifest) {
    const def = plugin.definition;
    plugin.services = buildServices(deps, def, plugin.id, manifest.enabled_by_default, plugin.logger);
    const routes: RouteDefinition<unknown, unknown>[] = [];
    await def.registerRoutes?.(
      { route: (r) => routes.push(r as RouteDefinition<unknown, unknown>) },
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

  /** Default grants of plugin permissions to the built-in roles, each seeded once (an admin may remove it). */
  async function seedPermissions() {
    const db = deps.clusters.db;
    const seeded = await db.query<{ value: string[] }>(
      "SELECT value FROM settings WHERE key = 'plugins.seeded_grants'",
    );
    const done = new Set(seeded.rows[0]?.value ?? []);
    const added: string[] = [];
    for (const plugin of plugins.values()) {
      for (const p of plugin.status === 'active' ? (plugin.manifest?.permissions ?? []) : [])
        for (const [role, actions] of Object.entries(p.default_roles))
          for (const action of actions ?? []) {
            const key = `${role}:${p.resource}:${action}`;
            if (done.has(key)) continue;
            await db.query(
              `INSERT INTO role_permissions (role_id, resource, action)
               SELECT id, $2, $3 FROM roles WHERE name = $1 AND is_builtin ON CONFLICT DO NOTHING`,
              [role, p.resource, action],
            );
            added.push(key);
          }
    }
    if (added.length === 0) return;
    await db.query(
      `INSERT INTO settings (key, value) VALUES ('plugins.seeded_grants', $1::jsonb)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [JSON.stringify([...done, ...added])],
    );
    deps.authorizer.invalidate();
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

  function startWatchers(plugin: LoadedPlugin, clusterId: string, subs: Array<() => void>) {
    const key = `${plugin.id}\u0000${clusterId}`;
    for (const spec of plugin.manifest?.watchers ?? []) {
      const listeners = plugin.watchers.get(spec.id);
      if (!listeners?.length) continue;
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
          if (running.get(key) === subs) subs.push(unsubscribe);
          else unsubscribe();
        })
        .catch((err) => plugin.logger.warn({ clusterId, watcher: spec.id, err: message(err) }, 'watcher not started'));
    }
  }

  function stopWatchers(plugin: LoadedPlugin, clusterId: string) {
    const key = `${plugin.id}\u0000${clusterId}`;
    for (const unsubscribe of running.get(key) ?? []) unsubscribe();
    running.delete(key);
  }

  return engine;
}
