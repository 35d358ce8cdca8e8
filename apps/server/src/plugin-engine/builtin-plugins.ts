/**
 * The plugins Argus ships with: the ids in `plugins/builtin.json` (the one registration list), each the
 * workspace package `@argus/plugin-<id>` (its default export is the definePlugin(...) value). A plugin
 * that cannot be imported is reported as failed in `GET /api/plugins`; the server and the others start.
 */
import { readFileSync } from 'node:fs';
import type { PluginDefinition } from '@argus/plugin-sdk';

/** `plugins/builtin.json`: from src/ and dist/ alike (both are two levels below apps/server). */
const LIST = new URL('../../../../plugins/builtin.json', import.meta.url);

export function builtinPluginIds(): string[] {
  const ids: unknown = JSON.parse(readFileSync(LIST, 'utf8'));
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string' && /^[a-z0-9][a-z0-9-]*$/.test(id)))
    throw new Error(`${LIST.pathname}: must be a JSON array of plugin ids`);
  return ids;
}

/** A stand-in for a plugin whose package failed to load: the engine marks it failed with the reason. */
function unloadable(id: string, err: unknown): PluginDefinition {
  const reason = err instanceof Error ? err.message : String(err);
  return {
    manifest: { id, name: id, version: '0.0.0', sdk: '^1.0.0' },
    deps: [],
    registerRoutes() {
      throw new Error(`plugin package @argus/plugin-${id} could not be loaded: ${reason}`);
    },
  };
}

export async function loadBuiltinPlugins(ids: readonly string[] = builtinPluginIds()): Promise<PluginDefinition[]> {
  return Promise.all(
    ids.map(async (id) => {
      try {
        const mod = (await import(/* @vite-ignore */ `@argus/plugin-${id}`)) as { default?: PluginDefinition };
        if (!mod.default) throw new Error('it has no default export');
        return mod.default;
      } catch (err) {
        return unloadable(id, err);
      }
    }),
  );
}
