'use client';
import { Input } from '@argus/ui';
import { ChevronDownIcon, ChevronRightIcon } from 'lucide-react';
import { type ComponentType, type ReactNode, useMemo, useState } from 'react';
import { type ApiResource, resourceSegment } from '@/lib/resources';
import { customGroups, filterCustomGroups } from './custom-groups';

type NavLinkComponent = ComponentType<{ href: string; active: boolean; children: ReactNode }>;

/**
 * "Custom resources" in the sidebar: a filter, then one collapsible section per API group with each kind
 * once. Groups start closed (the one holding the open page excepted); a filter opens every match.
 */
export function CustomResourceNav({
  resources,
  base,
  namespace,
  pathname,
  NavLink,
}: {
  resources: ApiResource[];
  base: string;
  namespace: string | null;
  pathname: string;
  NavLink: NavLinkComponent;
}) {
  const [filter, setFilter] = useState('');
  const [open, setOpen] = useState<Record<string, boolean>>({});
  const groups = useMemo(() => customGroups(resources), [resources]);
  const shown = useMemo(() => filterCustomGroups(groups, filter), [groups, filter]);
  const kinds = groups.reduce((n, g) => n + g.kinds.length, 0);
  if (groups.length === 0) return null;
  const hrefOf = (r: ApiResource) => `${base}/${resourceSegment(r)}`;
  // Any version of the kind counts as "here" (a link from elsewhere may name another version).
  const activeGroup = (g: { group: string }) =>
    pathname.startsWith(`${base}/${encodeURIComponent(g.group)}~`) || pathname.startsWith(`${base}/${g.group}~`);

  return (
    <div className="grid shrink-0 gap-0.5" role="group" aria-label="Custom resources">
      <h2 className="flex items-center justify-between px-2 pb-1 pt-3 text-[11px] font-semibold uppercase tracking-wide text-muted-foreground">
        Custom resources <span className="font-normal normal-case">{kinds}</span>
      </h2>
      <Input
        type="search"
        aria-label="Kinds of custom resources"
        placeholder="Filter kinds…"
        className="mx-1 mb-1 h-7 w-auto text-xs"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      {shown.length === 0 && <p className="px-2 text-xs text-muted-foreground">No kind matches.</p>}
      {shown.map((g) => {
        const expanded = filter.trim() !== '' || (open[g.group] ?? activeGroup(g));
        const id = `crd-group-${g.group.replace(/[^a-z0-9-]/gi, '-')}`;
        return (
          <div key={g.group} className="grid gap-0.5">
            <button
              type="button"
              aria-expanded={expanded}
              aria-controls={id}
              onClick={() => setOpen((o) => ({ ...o, [g.group]: !expanded }))}
              className="flex items-center gap-1 truncate rounded-md px-1 py-0.5 text-left text-xs text-muted-foreground hover:bg-accent hover:text-accent-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
            >
              {expanded ? (
                <ChevronDownIcon className="size-3 shrink-0" aria-hidden="true" />
              ) : (
                <ChevronRightIcon className="size-3 shrink-0" aria-hidden="true" />
              )}
              <span className="truncate">{g.group}</span>
              <span className="ml-auto pl-1">{g.kinds.length}</span>
            </button>
            {expanded && (
              <div id={id} className="grid gap-0.5 pl-3">
                {g.kinds.map((r) => {
                  const href = hrefOf(r);
                  return (
                    <NavLink
                      key={href}
                      href={namespace && r.namespaced ? `${href}?namespace=${encodeURIComponent(namespace)}` : href}
                      active={pathname.startsWith(href)}
                    >
                      <span title={`${r.resource}.${r.group} (${r.version})`}>{r.kind}</span>
                    </NavLink>
                  );
                })}
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}
