/** The operator toolkit (docs/plugins.md, "Operator toolkit"). */
import { definePlugin, type PluginDefinition, type PluginDepName, type PluginDeps } from '../backend.js';
import { type OperatorDeps, registerOperatorRoutes } from './routes.js';
import type { OperatorKind } from './types.js';

export { availability, parseParams } from './actions.js';
export { type Condition, condition, conditionIs, conditionText, health, healthSchema, safeHealth } from './health.js';
export { apiPath, ensureKubeOk, kubeReplyError } from './kube-errors.js';
export { kindContext, type OperatorRoutesOptions, registerOperatorRoutes, resolveKinds, withHealth } from './routes.js';
export * from './schemas.js';
export * from './types.js';
export type { OperatorDeps };

const TOOLKIT_DEPS = ['clusters', 'cache'] as const;
type ToolkitDeps = (typeof TOOLKIT_DEPS)[number];

/**
 * A plugin whose backend is (mostly) the operator toolkit: its kinds' routes are registered, and `deps`
 * always includes `clusters` and `cache`. Anything else a plugin definition takes (more routes, watchers,
 * config, lifecycle hooks) is passed through.
 */
export function defineOperatorPlugin<const D extends readonly PluginDepName[] = readonly [], C = unknown>(
  def: Omit<PluginDefinition<readonly [...D, ToolkitDeps], C>, 'deps'> & {
    deps?: D;
    // biome-ignore lint/suspicious/noExplicitAny: kinds of different object types live in one list
    kinds: readonly OperatorKind<any>[];
  },
): PluginDefinition<readonly [...D, ToolkitDeps], C> {
  const { kinds, deps = [] as unknown as D, registerRoutes, ...rest } = def;
  const all = [...new Set<PluginDepName>([...deps, ...TOOLKIT_DEPS])] as unknown as readonly [...D, ToolkitDeps];
  return definePlugin({
    ...rest,
    deps: all,
    async registerRoutes(router, services: PluginDeps<readonly [...D, ToolkitDeps], C>) {
      registerOperatorRoutes(router, services as unknown as OperatorDeps, { manifest: def.manifest, kinds });
      await registerRoutes?.(router, services);
    },
  });
}
