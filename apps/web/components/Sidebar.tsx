'use client';
import { cn } from '@argus/ui';
import {
  BellIcon,
  BellRingIcon,
  BookOpenIcon,
  EyeIcon,
  GlobeIcon,
  LayoutGridIcon,
  PuzzleIcon,
  ServerIcon,
  ShieldIcon,
  TerminalIcon,
} from 'lucide-react';
import Link from 'next/link';
import { useParams, usePathname, useSearchParams } from 'next/navigation';
import { useMemo } from 'react';
import { useApiResources } from '@/hooks/use-api-resources';
import { useClusters } from '@/hooks/use-clusters';
import { usePermissions } from '@/hooks/use-permissions';
import { usePlugins } from '@/hooks/use-plugins';
import { namespacesAllowed } from '@/lib/permissions';
import { enabledOn, manifestOf, pluginHref } from '@/lib/plugins';
import {
  type ApiResource,
  isListable,
  resourceSegment,
  SIDEBAR_ORDER,
  type SidebarGroup,
  sidebarGroupOf,
} from '@/lib/resources';
import { CustomResourceNav } from './crd/CustomResourceNav';

const CROSS = ['pods', 'deployments', 'statefulsets', 'services', 'nodes', 'events'];

function NavLink({ href, active, children }: { href: string; active: boolean; children: React.ReactNode }) {
  return (
    <Link
      href={href}
      // ~30 links: prefetching each one's page on every load competes with the list being fetched.
      prefetch={false}
      aria-current={active ? 'page' : undefined}
      className={cn(
        'flex shrink-0 items-center gap-2 truncate rounded-md px-2 py-1 text-sm text-muted-foreground hover:bg-accent hover:text-accent-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring',
        active && 'bg-accent font-medium text-foreground',
      )}
    >
      {children}
    </Link>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="grid shrink-0 gap-0.5">
      <h2 className="px-2 pb-1 pt-3 text-[11px] font-semibold uppercase tracking-wide text-muted-foreground">
        {title}
      </h2>
      {children}
    </div>
  );
}

/** Navigation entries of the plugins enabled on this cluster, from their manifests. */
function PluginNav({ clusterId }: { clusterId: string }) {
  const pathname = usePathname();
  const plugins = usePlugins();
  const entries = (plugins.data ?? [])
    .filter((p) => enabledOn(p, clusterId))
    .flatMap((p) => {
      const m = manifestOf(p);
      return m.navigation.flatMap((n) => {
        const page = m.pages.find((pg) => pg.id === n.page && pg.scope === 'cluster');
        return page
          ? [{ key: `${p.id}/${n.id}`, title: n.title, order: n.order, href: pluginHref(p.id, page, clusterId) }]
          : [];
      });
    })
    .sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));
  if (entries.length === 0) return null;
  return (
    <Section title="Plugins">
      {entries.map((e) => (
        <NavLink key={e.key} href={e.href} active={pathname.startsWith(e.href)}>
          <PuzzleIcon className="size-4" aria-hidden="true" /> {e.title}
        </NavLink>
      ))}
    </Section>
  );
}

function ClusterNav({ clusterId }: { clusterId: string }) {
  const pathname = usePathname();
  const search = useSearchParams();
  const ns = search.get('namespace');
  const resources = useApiResources(clusterId);
  const { permissions } = usePermissions();
  // A namespace-scoped user cannot read cluster-scoped resources: the sidebar does not offer them.
  const clusterWide = !permissions || namespacesAllowed(permissions, clusterId) === 'all';
  const { groups, custom } = useMemo(() => {
    const out = new Map<SidebarGroup, ApiResource[]>();
    const custom: ApiResource[] = [];
    const seen = new Set<string>();
    for (const r of resources.data ?? []) {
      if (!isListable(r) || (!clusterWide && !r.namespaced)) continue;
      const g = sidebarGroupOf(r);
      // Custom resources: grouped by API group, each kind once (CustomResourceNav).
      if (g === 'Custom resources') {
        custom.push(r);
        continue;
      }
      const seg = resourceSegment(r);
      if (!g || seen.has(seg)) continue;
      seen.add(seg);
      out.set(g, [...(out.get(g) ?? []), r]);
    }
    for (const list of out.values()) list.sort((a, b) => a.kind.localeCompare(b.kind));
    return { groups: out, custom };
  }, [resources.data, clusterWide]);
  const base = `/clusters/${encodeURIComponent(clusterId)}`;
  return (
    <>
      <NavLink href={base} active={pathname === base}>
        <LayoutGridIcon className="size-4" aria-hidden="true" /> Overview
      </NavLink>
      <NavLink href={`${base}/alerts`} active={pathname === `${base}/alerts`}>
        <BellRingIcon className="size-4" aria-hidden="true" /> Alerts
      </NavLink>
      {resources.error && <p className="px-2 text-xs text-destructive">Discovery failed</p>}
      {SIDEBAR_ORDER.filter((g) => g !== 'Custom resources').map((g) =>
        groups.get(g)?.length ? (
          <Section key={g} title={g}>
            {groups.get(g)?.map((r) => {
              const href = `${base}/${resourceSegment(r)}`;
              return (
                <NavLink
                  key={href}
                  href={ns && r.namespaced ? `${href}?namespace=${encodeURIComponent(ns)}` : href}
                  active={pathname.startsWith(href)}
                >
                  <span title={r.group ? `${r.resource}.${r.group}` : r.resource}>{r.kind}</span>
                </NavLink>
              );
            })}
          </Section>
        ) : null,
      )}
      <CustomResourceNav resources={custom} base={base} namespace={ns} pathname={pathname} NavLink={NavLink} />
      <PluginNav clusterId={clusterId} />
    </>
  );
}

export function Sidebar() {
  const params = useParams<{ cluster?: string }>();
  const pathname = usePathname();
  const clusters = useClusters();
  const { can, permissions } = usePermissions();
  const clusterId = pathname.startsWith('/clusters/') ? params.cluster : undefined;
  const current = clusters.data?.find((c) => c.id === clusterId);
  // Nodes are cluster-scoped: offered only to users who may read a whole cluster somewhere.
  const nodesReadable =
    !permissions || (clusters.data ?? []).some((c) => namespacesAllowed(permissions, c.id) === 'all');
  return (
    <nav aria-label="Main" className="flex w-60 shrink-0 flex-col gap-1 overflow-y-auto border-r bg-sidebar p-3">
      <Link href="/clusters" className="mb-2 flex shrink-0 items-center gap-2 px-2 text-base font-semibold">
        <EyeIcon className="size-5 text-primary" aria-hidden="true" /> Argus
      </Link>
      <NavLink href="/clusters" active={pathname === '/clusters'}>
        <ServerIcon className="size-4" aria-hidden="true" /> Clusters
      </NavLink>
      {clusterId && (
        <Section title={current?.name ?? 'Cluster'}>
          <ClusterNav clusterId={clusterId} />
        </Section>
      )}
      <Section title="Across clusters">
        {CROSS.filter((r) => r !== 'nodes' || nodesReadable).map((r) => (
          <NavLink key={r} href={`/resources/${r}`} active={pathname === `/resources/${r}`}>
            <GlobeIcon className="size-4" aria-hidden="true" /> <span className="capitalize">{r}</span>
          </NavLink>
        ))}
        <NavLink href="/terminal" active={pathname === '/terminal'}>
          <TerminalIcon className="size-4" aria-hidden="true" /> Terminal
        </NavLink>
        <NavLink href="/alerts" active={pathname === '/alerts'}>
          <BellRingIcon className="size-4" aria-hidden="true" /> Alerts
        </NavLink>
        <NavLink href="/notifications" active={pathname === '/notifications'}>
          <BellIcon className="size-4" aria-hidden="true" /> Notifications
        </NavLink>
      </Section>
      {
        <Section title={can('users', 'read') || can('audit', 'read') ? 'Administration' : 'Account'}>
          {can('users', 'read') && (
            <NavLink href="/admin/users" active={pathname === '/admin/users'}>
              <ShieldIcon className="size-4" aria-hidden="true" /> Users
            </NavLink>
          )}
          {can('roles', 'read') && (
            <NavLink href="/admin/roles" active={pathname === '/admin/roles'}>
              <ShieldIcon className="size-4" aria-hidden="true" /> Roles
            </NavLink>
          )}
          {can('plugins', 'read', undefined, true) && (
            <NavLink href="/settings/plugins" active={pathname === '/settings/plugins'}>
              <PuzzleIcon className="size-4" aria-hidden="true" /> Plugins
            </NavLink>
          )}
          <NavLink href="/admin/api-keys" active={pathname === '/admin/api-keys'}>
            <ShieldIcon className="size-4" aria-hidden="true" /> API keys
          </NavLink>
          {can('audit', 'read') && (
            <NavLink href="/admin/audit" active={pathname === '/admin/audit'}>
              <ShieldIcon className="size-4" aria-hidden="true" /> Audit log
            </NavLink>
          )}
          {can('settings', 'read') && (
            <NavLink href="/settings/sso" active={pathname === '/settings/sso'}>
              <ShieldIcon className="size-4" aria-hidden="true" /> Single sign-on
            </NavLink>
          )}
          {can('settings', 'read') && (
            <NavLink href="/settings/terminal" active={pathname === '/settings/terminal'}>
              <ShieldIcon className="size-4" aria-hidden="true" /> Terminal settings
            </NavLink>
          )}
          {can('settings', 'read') && (
            <NavLink href="/settings/ai" active={pathname === '/settings/ai'}>
              <ShieldIcon className="size-4" aria-hidden="true" /> AI assistant
            </NavLink>
          )}
          {can('settings', 'read') && (
            <NavLink href="/admin/notification-channels" active={pathname === '/admin/notification-channels'}>
              <BellIcon className="size-4" aria-hidden="true" /> Notification channels
            </NavLink>
          )}
          {can('settings', 'read') && (
            <NavLink href="/admin/alert-sources" active={pathname === '/admin/alert-sources'}>
              <BellRingIcon className="size-4" aria-hidden="true" /> Alert sources
            </NavLink>
          )}
          <NavLink href="/settings/notifications" active={pathname === '/settings/notifications'}>
            <BellIcon className="size-4" aria-hidden="true" /> Notification preferences
          </NavLink>
          <NavLink href="/api-docs" active={pathname === '/api-docs'}>
            <BookOpenIcon className="size-4" aria-hidden="true" /> API reference
          </NavLink>
        </Section>
      }
    </nav>
  );
}
