/** One cluster's mesh objects from Argus's watch caches, for the offline checks and the plugin's views. */
import type { PluginCache, ResourceRef } from '@argus/plugin-sdk';
import { runChecks } from '../shared/checks.js';
import {
  type CorePod,
  type CoreService,
  type DestinationRule,
  type Gateway,
  type MeshSnapshot,
  NET,
  type ServiceEntry,
  V1,
  type ValidationMessage,
  type VirtualService,
} from '../shared/types.js';

export const REFS = {
  virtualservices: { group: NET, version: V1, resource: 'virtualservices' },
  destinationrules: { group: NET, version: V1, resource: 'destinationrules' },
  gateways: { group: NET, version: V1, resource: 'gateways' },
  serviceentries: { group: NET, version: V1, resource: 'serviceentries' },
  services: { group: '', version: 'v1', resource: 'services' },
  pods: { group: '', version: 'v1', resource: 'pods' },
  namespaces: { group: '', version: 'v1', resource: 'namespaces' },
  deployments: { group: 'apps', version: 'v1', resource: 'deployments' },
} as const satisfies Record<string, ResourceRef>;

/** A resource's objects, or none when the cluster does not serve it (UNKNOWN_KIND). */
export async function listOrNone<T>(
  cache: PluginCache,
  clusterId: string,
  ref: ResourceRef,
  options: Parameters<PluginCache['list']>[2] = {},
): Promise<T[]> {
  try {
    return (await cache.list(clusterId, ref, options)).map((i) => i.object() as unknown as T);
  } catch (err) {
    if ((err as { code?: string }).code === 'UNKNOWN_KIND') return [];
    throw err;
  }
}

export async function loadSnapshot(cache: PluginCache, clusterId: string): Promise<MeshSnapshot> {
  const [virtualServices, destinationRules, gateways, serviceEntries, services, pods] = await Promise.all([
    listOrNone<VirtualService>(cache, clusterId, REFS.virtualservices),
    listOrNone<DestinationRule>(cache, clusterId, REFS.destinationrules),
    listOrNone<Gateway>(cache, clusterId, REFS.gateways),
    listOrNone<ServiceEntry>(cache, clusterId, REFS.serviceentries),
    listOrNone<CoreService>(cache, clusterId, REFS.services),
    listOrNone<CorePod>(cache, clusterId, REFS.pods),
  ]);
  return { virtualServices, destinationRules, gateways, serviceEntries, services, pods };
}

export interface CheckContext {
  messages: Map<string, ValidationMessage[]>;
}

/** The offline checks' messages for one request (a kind's `context`). */
export async function loadChecks(cache: PluginCache, clusterId: string): Promise<CheckContext> {
  return { messages: runChecks(await loadSnapshot(cache, clusterId)) };
}
