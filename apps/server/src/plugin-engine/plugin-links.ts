/**
 * `deps.plugins`: one plugin using another's service, as both manifests declare it (the provider's `provides`,
 * the consumer's `uses`). Undeclared use is refused (a plugin failure); a provider that is missing, failed,
 * turned off or unavailable on the cluster is answered with the reason, so the consumer degrades clearly.
 */
import type { PluginServiceLinks, ServiceContract, UsedService } from '@argus/plugin-sdk';
import type { LoadedPlugin } from './plugin-engine.js';

export interface LinkLookup {
  find(pluginId: string): LoadedPlugin | undefined;
  isEnabled(plugin: LoadedPlugin, clusterId: string): Promise<boolean>;
  isAvailable(plugin: LoadedPlugin, clusterId: string): Promise<boolean>;
}

export function createServiceLinks(
  consumer: () => LoadedPlugin | undefined,
  consumerId: string,
  lookup: LinkLookup,
): PluginServiceLinks {
  return {
    async get<T>(contract: ServiceContract<T>, clusterId: string): Promise<UsedService<T>> {
      const { plugin, service } = contract;
      const declared = consumer()?.manifest?.uses.some((u) => u.plugin === plugin && u.service === service);
      if (!declared)
        throw new Error(
          `plugin "${consumerId}" uses service "${service}" of plugin "${plugin}" without declaring it in its manifest's "uses"`,
        );
      const no = (reason: Exclude<UsedService<T>, { ok: true }>['reason'], message: string): UsedService<T> => ({
        ok: false,
        reason,
        message,
      });
      const provider = lookup.find(plugin);
      if (!provider) return no('absent', `The "${plugin}" plugin is not installed`);
      if (provider.status !== 'active')
        return no(
          'failed',
          `The "${plugin}" plugin is ${provider.status}: ${provider.error ?? 'see GET /api/plugins'}`,
        );
      if (!provider.provided.has(service))
        return no('absent', `The "${plugin}" plugin provides no service "${service}"`);
      if (!(await lookup.isEnabled(provider, clusterId)))
        return no('disabled', `The "${plugin}" plugin is turned off on this cluster`);
      if (!(await lookup.isAvailable(provider, clusterId)))
        return no('unavailable', `The "${plugin}" plugin is not available on this cluster`);
      const value = provider.provided.get(service);
      if (!contract.is(value))
        return no('failed', `The "${plugin}" plugin's service "${service}" does not match what this plugin expects`);
      return { ok: true, service: value };
    },
  };
}
