import type { ComponentType, ReactNode } from 'react';
import { type Health, HealthBadge } from './HealthBadge';
import { StatusBadge } from './StatusBadge';

/** A link as the host app draws it (the web UI passes Next's Link, so following it keeps the page). */
export type LinkComponent = ComponentType<{ href: string; className?: string; children?: ReactNode }>;

const PlainLink: LinkComponent = ({ href, className, children }) => (
  <a href={href} className={className}>
    {children}
  </a>
);

/** One related object. */
export interface RelatedItem {
  name: string;
  namespace?: string;
  /** Shown before the name when a group mixes kinds (owners). */
  kind?: string;
  /** Its detail page; without one the name is plain text (e.g. a Secret shown by name only). */
  href?: string;
  status?: string;
  health?: Health;
  /** Anything else worth a glance (a pod's role, a volume's size). */
  detail?: ReactNode;
}

export interface RelatedGroup {
  /** What the items are to the object: "Owned by", "Pods", "Services". */
  title: string;
  items: readonly RelatedItem[];
  /** While the items are still being read. */
  loading?: boolean;
  error?: string;
}

/** One group of related objects: its title with the count, then each object linked, with its status. */
export function RelatedGroupView({
  group,
  link: Link = PlainLink,
  limit = 50,
}: {
  group: RelatedGroup;
  link?: LinkComponent;
  limit?: number;
}) {
  const { title, items } = group;
  return (
    <section className="grid gap-1" aria-label={title}>
      <h4 className="text-xs font-medium uppercase text-muted-foreground">
        {title} {!group.loading && !group.error && `(${items.length})`}
      </h4>
      {group.error && <p className="text-sm text-destructive">{group.error}</p>}
      {group.loading && <p className="text-sm text-muted-foreground">Loading…</p>}
      <ul className="grid gap-1 text-sm">
        {items.slice(0, limit).map((o) => {
          const label = `${o.kind ? `${o.kind} ` : ''}${o.name}`;
          return (
            <li key={`${o.kind ?? ''}/${o.namespace ?? ''}/${o.name}`} className="flex flex-wrap items-center gap-2">
              {o.href ? (
                <Link href={o.href} className="text-primary hover:underline">
                  {label}
                </Link>
              ) : (
                <span>{label}</span>
              )}
              {o.status && <StatusBadge status={o.status} />}
              {o.health && <HealthBadge health={o.health} />}
              {o.detail !== undefined && <span className="text-muted-foreground">{o.detail}</span>}
            </li>
          );
        })}
      </ul>
      {items.length > limit && <p className="text-xs text-muted-foreground">{items.length - limit} more not shown.</p>}
    </section>
  );
}

/** Objects related to one object (its owner, what it selects or creates), group by group. */
export function RelatedObjectsView({
  groups,
  link,
  limit,
  emptyText = 'No related objects.',
}: {
  groups: readonly RelatedGroup[];
  link?: LinkComponent;
  limit?: number;
  emptyText?: string;
}) {
  if (groups.length === 0) return <p className="text-sm text-muted-foreground">{emptyText}</p>;
  return (
    <div className="grid gap-3">
      {groups.map((g) => (
        <RelatedGroupView key={g.title} group={g} link={link} limit={limit} />
      ))}
    </div>
  );
}
