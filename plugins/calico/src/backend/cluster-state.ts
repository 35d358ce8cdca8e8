/**
 * What the Calico views judge policies by, read from Argus's watch caches (Argus's credentials: callers
 * filter what they hand out): tiers, every policy kind (Calico's, staged, Kubernetes NetworkPolicies), and
 * the endpoints — pods with their namespace's and service account's labels, and host endpoints.
 */
import type { PluginCache } from '@argus/plugin-sdk';
import {
  type Endpoint,
  hostEndpoint,
  type PolicyEntry,
  type PolicyPlural,
  podEndpoint,
  policyEntry,
} from '../shared/policies.js';
import {
  CALICO_GROUP,
  CALICO_VERSION,
  type CalicoPolicy,
  type HostEndpoint,
  type KubePolicy,
  type NamedLabels,
  type PodLike,
  type Tier,
} from '../shared/types.js';

export const calicoRef = (resource: string) => ({ group: CALICO_GROUP, version: CALICO_VERSION, resource });
export const POLICY_REFS: Record<PolicyPlural, { group: string; version: string; resource: string }> = {
  networkpolicies: calicoRef('networkpolicies'),
  globalnetworkpolicies: calicoRef('globalnetworkpolicies'),
  stagednetworkpolicies: calicoRef('stagednetworkpolicies'),
  stagedglobalnetworkpolicies: calicoRef('stagedglobalnetworkpolicies'),
  stagedkubernetesnetworkpolicies: calicoRef('stagedkubernetesnetworkpolicies'),
  kubernetesnetworkpolicies: { group: 'networking.k8s.io', version: 'v1', resource: 'networkpolicies' },
};
const core = (resource: string) => ({ group: '', version: 'v1', resource });

type Allowed = 'all' | ReadonlySet<string>;

/** Lists a resource; one the cluster does not serve (e.g. no staged policies before Calico 3.30) is empty. */
async function listOr<T>(
  cache: PluginCache,
  clusterId: string,
  ref: { group: string; version: string; resource: string },
  opts: { namespace?: string; allowed?: Allowed } = {},
): Promise<T[]> {
  try {
    return (await cache.list(clusterId, ref, opts)).map((i) => i.object() as unknown as T);
  } catch (err) {
    if ((err as { code?: string }).code === 'UNKNOWN_KIND') return [];
    throw err;
  }
}

export async function loadTiers(cache: PluginCache, clusterId: string): Promise<Tier[]> {
  return listOr<Tier>(cache, clusterId, calicoRef('tiers'));
}

/**
 * Every policy as a PolicyEntry with its object. `allowed` keeps namespaced ones to the caller's namespaces;
 * global ones are included only for a caller who may read everywhere.
 */
export async function loadPolicies(
  cache: PluginCache,
  clusterId: string,
  allowed: Allowed = 'all',
  namespace?: string,
): Promise<Array<{ entry: PolicyEntry; object: CalicoPolicy | KubePolicy }>> {
  const out: Array<{ entry: PolicyEntry; object: CalicoPolicy | KubePolicy }> = [];
  for (const [plural, ref] of Object.entries(POLICY_REFS) as Array<
    [PolicyPlural, (typeof POLICY_REFS)[PolicyPlural]]
  >) {
    const namespaced = !plural.includes('global');
    if (!namespaced && allowed !== 'all') continue;
    const objects = await listOr<CalicoPolicy>(
      cache,
      clusterId,
      ref,
      namespaced ? { ...(namespace ? { namespace } : {}), allowed } : {},
    );
    for (const object of objects) out.push({ entry: policyEntry(plural, object), object });
  }
  return out;
}

/** Pods (optionally of one namespace) and host endpoints as Calico endpoints. */
export async function loadEndpoints(cache: PluginCache, clusterId: string, namespace?: string): Promise<Endpoint[]> {
  const where = namespace ? { namespace } : {};
  const [pods, namespaces, accounts, heps] = await Promise.all([
    listOr<PodLike>(cache, clusterId, core('pods'), where),
    listOr<NamedLabels>(cache, clusterId, core('namespaces')),
    listOr<NamedLabels>(cache, clusterId, core('serviceaccounts'), where),
    namespace ? Promise.resolve([]) : listOr<HostEndpoint>(cache, clusterId, calicoRef('hostendpoints')),
  ]);
  const nsBy = new Map(namespaces.map((n) => [n.metadata.name, n]));
  const saBy = new Map(accounts.map((a) => [`${a.metadata.namespace}/${a.metadata.name}`, a]));
  const out: Endpoint[] = [];
  for (const p of pods) {
    // Host-networked pods are not Calico workload endpoints.
    if (p.spec?.hostNetwork) continue;
    const ns = p.metadata.namespace ?? '';
    out.push(podEndpoint(p, nsBy.get(ns), saBy.get(`${ns}/${p.spec?.serviceAccountName || 'default'}`)));
  }
  for (const h of heps) out.push(hostEndpoint(h));
  return out;
}

export async function loadPod(
  cache: PluginCache,
  clusterId: string,
  namespace: string,
  name: string,
): Promise<Endpoint | undefined> {
  const pod = await cache.get(clusterId, core('pods'), namespace, name);
  if (!pod) return undefined;
  const p = pod.object() as unknown as PodLike;
  const ns = await cache.get(clusterId, core('namespaces'), undefined, namespace);
  const sa = await cache.get(clusterId, core('serviceaccounts'), namespace, p.spec?.serviceAccountName || 'default');
  return podEndpoint(p, ns?.object() as NamedLabels | undefined, sa?.object() as NamedLabels | undefined);
}
