'use client';
import type { SearchHit } from '@argus/contracts';
import { type CommandItem, CommandPalette } from '@argus/ui';
import { useQuery } from '@tanstack/react-query';
import { BellIcon, BoxIcon, GlobeIcon, LayoutGridIcon, ServerIcon, ShieldIcon } from 'lucide-react';
import { useParams, useRouter } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';
import { useApiResources } from '@/hooks/use-api-resources';
import { useClusters } from '@/hooks/use-clusters';
import { api } from '@/lib/api';
import { detailHref, isBuiltinGroup, isListable, resourceSegment } from '@/lib/resources';
import { usePaletteStore } from '@/stores/palette-store';
import { NOTIFICATION_PAGES } from './notifications/pages';

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/** Ctrl+K / ⌘K: pages, clusters, resource types of the current cluster, and objects found by name. */
export function CommandMenu() {
  const router = useRouter();
  const open = usePaletteStore((s) => s.open);
  const setOpen = usePaletteStore((s) => s.setOpen);
  const [query, setQuery] = useState('');
  const params = useParams<{ cluster?: string }>();
  const clusters = useClusters();
  const resources = useApiResources(params.cluster ?? '');
  const q = useDebounced(query.trim(), 250);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setOpen(!usePaletteStore.getState().open);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setOpen]);

  useEffect(() => {
    if (!open) setQuery('');
  }, [open]);

  const search = useQuery({
    queryKey: ['search', q],
    queryFn: () => api<{ results: SearchHit[] }>(`/api/search?q=${encodeURIComponent(q)}&limit=30`),
    enabled: open && q.length >= 2,
  });

  const items = useMemo<CommandItem[]>(() => {
    const go = (href: string) => () => router.push(href);
    const out: CommandItem[] = [
      {
        id: 'p:clusters',
        group: 'Pages',
        label: 'Clusters overview',
        icon: <ServerIcon className="size-4" />,
        onSelect: go('/clusters'),
      },
      {
        id: 'p:users',
        group: 'Pages',
        label: 'Users',
        keywords: 'admin',
        icon: <ShieldIcon className="size-4" />,
        onSelect: go('/admin/users'),
      },
      {
        id: 'p:roles',
        group: 'Pages',
        label: 'Roles and assignments',
        keywords: 'admin rbac',
        icon: <ShieldIcon className="size-4" />,
        onSelect: go('/admin/roles'),
      },
      {
        id: 'p:keys',
        group: 'Pages',
        label: 'API keys',
        keywords: 'admin token',
        icon: <ShieldIcon className="size-4" />,
        onSelect: go('/admin/api-keys'),
      },
      {
        id: 'p:audit',
        group: 'Pages',
        label: 'Audit log',
        keywords: 'admin',
        icon: <ShieldIcon className="size-4" />,
        onSelect: go('/admin/audit'),
      },
      ...NOTIFICATION_PAGES.map((p) => ({
        id: `p:${p.href}`,
        group: 'Pages',
        label: p.label,
        keywords: p.keywords,
        icon: <BellIcon className="size-4" />,
        onSelect: go(p.href),
      })),
    ];
    for (const r of ['pods', 'deployments', 'services', 'nodes', 'events'])
      out.push({
        id: `x:${r}`,
        group: 'Across clusters',
        label: `All ${r}`,
        icon: <GlobeIcon className="size-4" />,
        onSelect: go(`/resources/${r}`),
      });
    for (const c of clusters.data ?? [])
      out.push({
        id: `c:${c.id}`,
        group: 'Clusters',
        label: c.name,
        hint: c.status,
        icon: <LayoutGridIcon className="size-4" />,
        onSelect: go(`/clusters/${c.id}`),
      });
    if (params.cluster)
      for (const r of resources.data ?? []) {
        if (!isListable(r)) continue;
        out.push({
          id: `r:${r.group}/${r.version}/${r.resource}`,
          group: 'Resource types',
          label: r.kind,
          hint: isBuiltinGroup(r.group) ? r.resource : `${r.resource}.${r.group}`,
          keywords: `${r.resource} ${(r.shortNames ?? []).join(' ')}`,
          icon: <BoxIcon className="size-4" />,
          onSelect: go(`/clusters/${params.cluster}/${resourceSegment(r)}`),
        });
      }
    for (const h of search.data?.results ?? []) {
      const seg = isBuiltinGroup(h.group === 'core' ? '' : h.group)
        ? h.resource
        : `${h.group}~${h.version}~${h.resource}`;
      out.push({
        id: `s:${h.cluster.id}/${h.resource}/${h.namespace}/${h.name}`,
        group: 'Objects',
        label: `${h.kind} ${h.namespace ? `${h.namespace}/` : ''}${h.name}`,
        hint: h.cluster.name,
        keywords: q,
        icon: <BoxIcon className="size-4" />,
        onSelect: go(detailHref(h.cluster.id, seg, h.name, h.namespace)),
      });
    }
    return out;
  }, [router, clusters.data, resources.data, params.cluster, search.data, q]);

  return (
    <CommandPalette
      open={open}
      onOpenChange={setOpen}
      items={items}
      query={query}
      onQueryChange={setQuery}
      placeholder="Go to a page, cluster, resource type or object…"
      footer={
        search.isFetching
          ? 'Searching clusters…'
          : search.error
            ? `Search failed: ${(search.error as Error).message}`
            : 'Enter to open · ↑↓ to move · Esc to close'
      }
    />
  );
}
