/** /version, legacy discovery documents and aggregated discovery (apidiscovery.k8s.io/v2 and v2beta1). */
import type { ResourceDef, ResourceRegistry } from '../registry/types.js';

export const VERSION_INFO = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.3',
  gitCommit: '32cc146f75aad04beaaa245a7157eb35063a9f99',
  gitTreeState: 'clean',
  buildDate: '2025-03-11T19:52:21Z',
  goVersion: 'go1.23.6',
  compiler: 'gc',
  platform: 'linux/amd64',
};

const SUB_VERBS: Record<string, string[]> = {
  status: ['get', 'patch', 'update'],
  scale: ['get', 'patch', 'update'],
  log: ['get'],
  exec: ['create', 'get'],
  attach: ['create', 'get'],
  portforward: ['create', 'get'],
  proxy: ['create', 'delete', 'get', 'patch', 'update'],
  binding: ['create'],
  eviction: ['create'],
  token: ['create'],
  finalize: ['update'],
};

const SUB_KIND: Record<string, { group: string; version: string; kind: string } | undefined> = {
  scale: { group: 'autoscaling', version: 'v1', kind: 'Scale' },
  exec: { group: '', version: 'v1', kind: 'PodExecOptions' },
  attach: { group: '', version: 'v1', kind: 'PodAttachOptions' },
  portforward: { group: '', version: 'v1', kind: 'PodPortForwardOptions' },
  binding: { group: '', version: 'v1', kind: 'Binding' },
  eviction: { group: 'policy', version: 'v1', kind: 'Eviction' },
  token: { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' },
};

function gvString(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

function subKind(def: ResourceDef, sub: string): { group: string; version: string; kind: string } {
  if (sub === 'log') return { group: '', version: 'v1', kind: 'Pod' };
  return SUB_KIND[sub] ?? { group: def.group, version: def.version, kind: def.kind };
}

export function legacyResourceList(
  registry: ResourceRegistry,
  group: string,
  version: string,
): Record<string, unknown> | undefined {
  const defs = registry.all().filter((d) => d.group === group && d.version === version);
  if (defs.length === 0) return undefined;
  const resources: Array<Record<string, unknown>> = [];
  for (const d of defs.sort((a, b) => a.resource.localeCompare(b.resource))) {
    const r: Record<string, unknown> = {
      name: d.resource,
      singularName: d.singularName,
      namespaced: d.namespaced,
      kind: d.kind,
      verbs: d.verbs,
    };
    if (d.shortNames.length) r.shortNames = d.shortNames;
    if (d.categories.length) r.categories = d.categories;
    resources.push(r);
    for (const sub of d.subresources) {
      const k = subKind(d, sub);
      const sr: Record<string, unknown> = {
        name: `${d.resource}/${sub}`,
        singularName: '',
        namespaced: d.namespaced,
        kind: k.kind,
        verbs: SUB_VERBS[sub] ?? ['get'],
      };
      if (k.group !== d.group || k.version !== d.version) {
        sr.group = k.group;
        sr.version = k.version;
      }
      resources.push(sr);
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gvString(group, version), resources };
}

export function apiVersions(serverAddress: string): Record<string, unknown> {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function apiGroup(name: string, versions: string[]): Record<string, unknown> {
  const vs = versions.map((v) => ({ groupVersion: gvString(name, v), version: v }));
  return { name, versions: vs, preferredVersion: vs[0] };
}

export function apiGroupList(registry: ResourceRegistry): Record<string, unknown> {
  const groups = registry
    .groups()
    .filter((g) => g.name !== '')
    .map((g) => apiGroup(g.name, g.versions));
  return { kind: 'APIGroupList', apiVersion: 'v1', groups };
}

export function apiGroupDoc(registry: ResourceRegistry, group: string): Record<string, unknown> | undefined {
  const g = registry.groups().find((x) => x.name === group);
  if (!g || group === '') return undefined;
  return { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(g.name, g.versions) };
}

function discoveryResource(d: ResourceDef): Record<string, unknown> {
  const r: Record<string, unknown> = {
    resource: d.resource,
    responseKind: { group: d.group, version: d.version, kind: d.kind },
    scope: d.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: d.singularName,
    verbs: d.verbs,
  };
  if (d.shortNames.length) r.shortNames = d.shortNames;
  if (d.categories.length) r.categories = d.categories;
  if (d.subresources.length) {
    r.subresources = d.subresources.map((sub) => ({
      subresource: sub,
      responseKind: subKind(d, sub),
      verbs: SUB_VERBS[sub] ?? ['get'],
    }));
  }
  return r;
}

/** The aggregated discovery document for `/api` (core) or `/apis` (every named group). */
export function aggregatedDiscovery(
  registry: ResourceRegistry,
  core: boolean,
  apiVersion: string,
): Record<string, unknown> {
  const items = registry
    .groups()
    .filter((g) => (core ? g.name === '' : g.name !== ''))
    .map((g) => ({
      metadata: core ? { creationTimestamp: null } : { name: g.name, creationTimestamp: null },
      versions: g.versions.map((v) => ({
        version: v,
        resources: registry
          .all()
          .filter((d) => d.group === g.name && d.version === v)
          .sort((a, b) => a.resource.localeCompare(b.resource))
          .map(discoveryResource),
        freshness: 'Current',
      })),
    }));
  return { kind: 'APIGroupDiscoveryList', apiVersion, metadata: {}, items };
}

/** Which aggregated discovery version (if any) the Accept header asks for. */
export function wantsAggregated(accept: string | undefined): 'v2' | 'v2beta1' | undefined {
  if (!accept) return undefined;
  for (const part of accept.split(',')) {
    const p = part.replace(/\s/g, '');
    if (!p.includes('as=APIGroupDiscoveryList') || !p.includes('g=apidiscovery.k8s.io')) continue;
    if (p.includes('v=v2beta1')) return 'v2beta1';
    if (p.includes('v=v2')) return 'v2';
  }
  return undefined;
}
