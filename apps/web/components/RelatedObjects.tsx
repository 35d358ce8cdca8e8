'use client';
import Link from 'next/link';
import { useResourceList } from '@/hooks/use-resource-list';
import type { KubeObject } from '@/lib/kube';
import { podStatus } from '@/lib/pod-status';
import { type ApiResource, detailHref, pluralOfKind, resourceSegment, WELL_KNOWN } from '@/lib/resources';
import { StatusBadge } from './StatusBadge';

const CHILDREN: Record<string, string[]> = {
  deployments: ['replicasets', 'pods'],
  statefulsets: ['pods'],
  daemonsets: ['pods'],
  replicasets: ['pods'],
  jobs: ['pods'],
  services: ['pods'],
};

function Children({ clusterId, object, kind }: { clusterId: string; object: KubeObject; kind: string }) {
  const r = { ...WELL_KNOWN[kind]!, verbs: ['list'] } as ApiResource;
  const labels =
    (object.spec?.selector as { matchLabels?: Record<string, string> } | undefined)?.matchLabels ??
    (kind === 'pods' && object.kind === 'Service' ? (object.spec?.selector as Record<string, string>) : undefined);
  const selector = labels
    ? Object.entries(labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(',')
    : '';
  const list = useResourceList(clusterId, selector ? r : undefined, object.metadata.namespace, {
    labelSelector: selector,
  });
  if (!selector) return null;
  const items = list.data?.items ?? [];
  return (
    <div className="grid gap-1">
      <h4 className="text-xs font-medium uppercase text-muted-foreground">
        {kind} ({items.length})
      </h4>
      <ul className="grid gap-1 text-sm">
        {items.slice(0, 50).map((o) => (
          <li key={o.metadata.uid ?? o.metadata.name} className="flex items-center gap-2">
            <Link
              className="text-primary hover:underline"
              href={detailHref(clusterId, kind, o.metadata.name, o.metadata.namespace)}
            >
              {o.metadata.name}
            </Link>
            {kind === 'pods' && <StatusBadge status={podStatus(o)} />}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Owner (from ownerReferences) and children (by the object's selector). */
export function RelatedObjects({
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
  const owners = object.metadata.ownerReferences ?? [];
  const kids = CHILDREN[resource] ?? [];
  if (owners.length === 0 && kids.length === 0)
    return <p className="text-sm text-muted-foreground">No owner and no children.</p>;
  return (
    <div className="grid gap-3">
      {owners.length > 0 && (
        <div className="grid gap-1">
          <h4 className="text-xs font-medium uppercase text-muted-foreground">Owned by</h4>
          {owners.map((o) => {
            const r = pluralOfKind(resources, o.apiVersion, o.kind);
            return r ? (
              <Link
                key={o.uid}
                className="text-sm text-primary hover:underline"
                href={detailHref(clusterId, resourceSegment(r), o.name, object.metadata.namespace)}
              >
                {o.kind} {o.name}
              </Link>
            ) : (
              <span key={o.uid} className="text-sm">
                {o.kind} {o.name}
              </span>
            );
          })}
        </div>
      )}
      {kids.map((k) => (
        <Children key={k} clusterId={clusterId} object={object} kind={k} />
      ))}
    </div>
  );
}
