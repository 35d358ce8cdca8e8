import type { KubeObject, Scenario } from './types.js';

/** Problems with a scenario's referential integrity; empty when it is sound. Used by tests. */
export function checkScenario(s: Scenario): string[] {
  const problems: string[] = [];
  const all = [...s.crds, ...s.objects];
  const namespaces = new Set(s.objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name));
  const served = new Map<string, 'Namespaced' | 'Cluster'>();
  for (const crd of s.crds) {
    const spec = crd.spec as {
      group: string;
      names: { kind: string };
      scope: 'Namespaced' | 'Cluster';
      versions: { name: string }[];
    };
    for (const v of spec.versions) served.set(`${spec.group}/${v.name}/${spec.names.kind}`, spec.scope);
  }
  const byUid = new Map<string, { obj: KubeObject; index: number }>();
  s.objects.forEach((o, index) => {
    if (o.metadata.uid) byUid.set(o.metadata.uid, { obj: o, index });
  });
  const uids = new Set<string>();
  for (const o of all) {
    const id = `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    if (!o.apiVersion || !o.kind || !o.metadata?.name) problems.push(`missing apiVersion/kind/name: ${id}`);
    if (!o.metadata.uid) problems.push(`no uid: ${id}`);
    else if (uids.has(o.metadata.uid)) problems.push(`duplicate uid: ${id}`);
    else uids.add(o.metadata.uid);
    if (o.metadata.namespace && !namespaces.has(o.metadata.namespace)) problems.push(`namespace missing: ${id}`);
    if (o.apiVersion.includes('.') && o.kind !== 'CustomResourceDefinition' && isCustomGroup(o.apiVersion)) {
      const scope = served.get(`${o.apiVersion}/${o.kind}`);
      if (!scope) problems.push(`kind not served by any CRD: ${o.apiVersion} ${id}`);
      else if ((scope === 'Namespaced') !== Boolean(o.metadata.namespace)) problems.push(`scope mismatch: ${id}`);
    }
  }
  s.objects.forEach((o, index) => {
    for (const ref of o.metadata.ownerReferences ?? []) {
      const owner = byUid.get(ref.uid);
      const id = `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`;
      if (!owner) problems.push(`owner ${ref.kind}/${ref.name} not found for ${id}`);
      else if (
        owner.obj.kind !== ref.kind ||
        owner.obj.metadata.name !== ref.name ||
        owner.obj.apiVersion !== ref.apiVersion
      )
        problems.push(`owner reference mismatch for ${id}`);
      else if (owner.index > index) problems.push(`owner after child: ${id}`);
      else if (owner.obj.metadata.namespace && owner.obj.metadata.namespace !== o.metadata.namespace)
        problems.push(`cross-namespace owner: ${id}`);
    }
  });
  const firstNonNs = s.objects.findIndex((o) => o.kind !== 'Namespace');
  if (s.objects.slice(firstNonNs).some((o) => o.kind === 'Namespace')) problems.push('namespaces are not first');
  return problems;
}

const BUILTIN = /^(apps|batch|autoscaling|policy|[a-z.]*\.k8s\.io)\//;

function isCustomGroup(apiVersion: string): boolean {
  return !BUILTIN.test(apiVersion);
}
