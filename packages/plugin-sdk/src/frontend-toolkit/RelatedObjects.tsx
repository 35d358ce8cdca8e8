/**
 * Objects related to one object, each group a live list (`useLiveList`) narrowed by labels, names or a
 * filter: a Deployment's ReplicaSets and Pods, a CNPG cluster's pods with their role, its services by name.
 * Links go to the generic detail pages. Data-bound (the tab's live connection); the drawing is
 * `RelatedObjectsView` in `@argus/ui`.
 */
import { type Health, RelatedGroupView, type RelatedItem } from '@argus/ui';
import type { ReactNode } from 'react';
import { useArgusHost } from './host';
import { labelSelector, objectHref } from './links';
import type { LiveObject } from './live-types';
import { useLiveList } from './use-live';

export interface RelatedSpec<T extends LiveObject = LiveObject> {
  title: string;
  group: string;
  version: string;
  resource: string;
  /** Where to look: the object's namespace by default; `null` for cluster-scoped kinds. */
  namespace?: string | null;
  /** Only objects with these labels (`matchLabels`, or `a=b,c=d`); an empty selector shows no group at all. */
  selector?: Record<string, string> | string;
  /** Only objects with these names. */
  names?: readonly string[];
  /** Only objects this accepts (e.g. owned by the object). */
  filter?(object: T): boolean;
  /** false: names only, no links (Secrets). */
  link?: boolean;
  status?(object: T): string | undefined;
  health?(object: T): Health | undefined;
  detail?(object: T): ReactNode;
}

function LiveGroup<T extends LiveObject>({
  clusterId,
  namespace,
  spec,
  limit,
}: {
  clusterId: string;
  namespace: string | undefined;
  spec: RelatedSpec<T>;
  limit?: number;
}) {
  const { Link } = useArgusHost();
  const selector = typeof spec.selector === 'string' ? spec.selector : labelSelector(spec.selector);
  const skip = spec.selector !== undefined && selector === '';
  const ns = spec.namespace === null ? undefined : (spec.namespace ?? namespace);
  const list = useLiveList<T>(
    skip
      ? null
      : {
          cluster: clusterId,
          group: spec.group,
          version: spec.version,
          resource: spec.resource,
          ...(ns ? { namespace: ns } : {}),
          ...(selector ? { labelSelector: selector } : {}),
        },
  );
  if (skip) return null;
  const names = spec.names ? new Set(spec.names) : undefined;
  const items: RelatedItem[] = list.items
    .filter((o) => (!names || names.has(o.metadata.name)) && (!spec.filter || spec.filter(o)))
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))
    .map((o) => ({
      name: o.metadata.name,
      namespace: o.metadata.namespace,
      href: spec.link === false ? undefined : objectHref(clusterId, spec, o.metadata.name, o.metadata.namespace),
      status: spec.status?.(o),
      health: spec.health?.(o),
      detail: spec.detail?.(o),
    }));
  return (
    <RelatedGroupView
      link={Link}
      limit={limit}
      group={{
        title: spec.title,
        items,
        loading: !list.synced && list.status !== 'error' && list.status !== 'offline',
        error: list.error && list.status === 'error' ? list.error.message : undefined,
      }}
    />
  );
}

export interface RelatedObjectsProps {
  clusterId: string;
  /** The object's namespace (where groups look by default). */
  namespace?: string;
  /** Drawn first as "Owned by" (e.g. from `ownerReferences`, with links the caller resolved). */
  owners?: readonly RelatedItem[];
  /** Each a live list (its own subscription on the tab's connection). */
  groups: readonly RelatedSpec[];
  limit?: number;
  emptyText?: string;
}

export function RelatedObjects({
  clusterId,
  namespace,
  owners = [],
  groups,
  limit,
  emptyText = 'No owner and no related objects.',
}: RelatedObjectsProps) {
  const { Link } = useArgusHost();
  if (owners.length === 0 && groups.length === 0) return <p className="text-sm text-muted-foreground">{emptyText}</p>;
  return (
    <div className="grid gap-3">
      {owners.length > 0 && <RelatedGroupView link={Link} group={{ title: 'Owned by', items: owners }} />}
      {groups.map((spec) => (
        <LiveGroup
          key={`${spec.title}/${spec.group}/${spec.resource}`}
          clusterId={clusterId}
          namespace={namespace}
          spec={spec}
          limit={limit}
        />
      ))}
    </div>
  );
}
