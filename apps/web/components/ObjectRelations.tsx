'use client';
import { RelatedObjects, type RelatedSpec } from '@argus/plugin-sdk/frontend';
import type { RelatedItem } from '@argus/ui';
import type { KubeObject } from '@/lib/kube';
import { podStatus } from '@/lib/pod-status';
import { type ApiResource, detailHref, pluralOfKind, resourceSegment, WELL_KNOWN } from '@/lib/resources';

/** What each workload kind creates or selects, found by its label selector. */
const CHILDREN: Record<string, string[]> = {
  deployments: ['replicasets', 'pods'],
  statefulsets: ['pods'],
  daemonsets: ['pods'],
  replicasets: ['pods'],
  jobs: ['pods'],
  services: ['pods'],
};

/** A built-in object's owner (from ownerReferences) and children (live lists by its selector). */
export function relatedOf(
  clusterId: string,
  resource: string,
  object: KubeObject,
  resources: ApiResource[],
): { owners: RelatedItem[]; groups: RelatedSpec[] } {
  const owners = (object.metadata.ownerReferences ?? []).map((o): RelatedItem => {
    const r = pluralOfKind(resources, o.apiVersion, o.kind);
    return {
      kind: o.kind,
      name: o.name,
      href: r ? detailHref(clusterId, resourceSegment(r), o.name, object.metadata.namespace) : undefined,
    };
  });
  const selector =
    object.kind === 'Service'
      ? (object.spec?.selector as Record<string, string> | undefined)
      : object.spec?.selector?.matchLabels;
  const groups = (CHILDREN[resource] ?? []).flatMap((kind): RelatedSpec[] => {
    const k = WELL_KNOWN[kind];
    if (!k || !selector || Object.keys(selector).length === 0) return [];
    return [
      {
        title: k.kind === 'Pod' ? 'Pods' : `${k.kind}s`,
        group: k.group,
        version: k.version,
        resource: k.resource,
        selector,
        ...(kind === 'pods' ? { status: (o) => podStatus(o as KubeObject) } : {}),
      },
    ];
  });
  return { owners, groups };
}

/** The detail page's Related tab: the shared `RelatedObjects` (plugins draw theirs with it too). */
export function ObjectRelations({
  clusterId,
  resource,
  object,
  resources,
}: {
  clusterId: string;
  resource: string;
  object: KubeObject;
  resources: ApiResource[];
}) {
  const { owners, groups } = relatedOf(clusterId, resource, object, resources);
  return (
    <RelatedObjects
      clusterId={clusterId}
      namespace={object.metadata.namespace}
      owners={owners}
      groups={groups}
      emptyText="No owner and no children."
    />
  );
}
