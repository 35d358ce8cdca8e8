'use client';
import { Badge, Button, DataTable, Input } from '@argus/ui';
import dynamic from 'next/dynamic';
import { useRouter } from 'next/navigation';
import { useCallback, useMemo, useState } from 'react';
import { useApiResources } from '@/hooks/use-api-resources';
import { useFilterParam } from '@/hooks/use-filter-param';
import { usePermissions } from '@/hooks/use-permissions';
import { useQueryState } from '@/hooks/use-query-state';
import { useResourceList } from '@/hooks/use-resource-list';
import { useTop } from '@/hooks/use-top';
import { objectKey } from '@/lib/kube';
import { listFields } from '@/lib/list-fields';
import { detailHref, isBuiltinGroup, resolveSegment, WELL_KNOWN } from '@/lib/resources';
import { useStaleStore } from '@/lib/stale';
import { crdColumns } from './crd/printer-columns';
import { ErrorAlert } from './ErrorAlert';
import { LiveBadge } from './LiveBadge';
import { NamespacePicker } from './NamespacePicker';
import { resourceColumns } from './resource-columns';
import { usageColumns } from './usage/usage-columns';

// Loaded when first opened: its YAML editor (CodeMirror, the largest bundle of the app) need not be
// fetched, compiled and evaluated before a list page shows its rows.
const ApplyYamlPanel = dynamic(() => import('./yaml/ApplyYamlPanel').then((m) => m.ApplyYamlPanel));

/** `/clusters/{id}/{resource}?namespace=&q=&sort=`: any resource the cluster serves, built-in or custom. */
export function ResourceListView({ clusterId, segment }: { clusterId: string; segment: string }) {
  const router = useRouter();
  const [params, setParams] = useQueryState();
  const [q, setQ] = useFilterParam(params, setParams);
  const namespace = params.get('namespace') ?? '';
  const discovery = useApiResources(clusterId);
  // A well-known built-in is listed at once, in parallel with discovery (one round trip less on a cold load).
  const r = useMemo(
    () =>
      discovery.data
        ? resolveSegment(discovery.data, segment)
        : WELL_KNOWN[segment] && { ...WELL_KNOWN[segment], verbs: ['list'] },
    [discovery.data, segment],
  );
  // A built-in kind's table asks only for the fields its columns read; a CRD's printer columns, the whole objects.
  const fields = r && !r.printer_columns?.length && isBuiltinGroup(r.group) ? listFields(r.resource) : undefined;
  const list = useResourceList(clusterId, r, namespace || undefined, { fields });
  // CPU/memory usage columns of the pod and node lists (metrics.k8s.io through the server)
  // once the list is complete: the usage of 10,000 pods is a second of server work that would delay it.
  const top = useTop(clusterId, list.data && !list.isPlaceholderData ? r?.resource : undefined, namespace || undefined);
  const { can } = usePermissions();
  // Served from Argus's cache while the cluster is away: not live, whatever the WebSocket says.
  const stale = useStaleStore((s) => s.marks[clusterId] ?? null);
  const [applying, setApplying] = useState(false);
  // (stable: the namespace picker is not rendered again on each filter keystroke)
  const onNamespace = useCallback((ns: string) => setParams({ namespace: ns }), [setParams]);
  const canApply = can('resources', 'write', { clusterId, namespace: namespace || undefined }, true);
  // kubectl -o wide: a custom resource's columns of priority > 0 too.
  const wide = params.get('wide') === '1';
  const hasWide = !!r?.printer_columns?.some((c) => c.priority > 0);
  const base = useMemo(
    () =>
      !r
        ? []
        : r.printer_columns?.length
          ? crdColumns(r.printer_columns, { namespaced: r.namespaced, wide })
          : resourceColumns(r.resource, {
              namespaced: r.namespaced,
              ...(r.resource === 'pods' || r.resource === 'nodes' ? { top: undefined } : {}),
            }),
    [r, wide],
  );
  // Only the usage columns change when their figures refresh: the table keeps what it computed for the
  // other columns (their definitions stay the same objects).
  const columns = useMemo(() => {
    if (!r || r.printer_columns?.length || (r.resource !== 'pods' && r.resource !== 'nodes')) return base;
    const usage = usageColumns(r.resource, top);
    return base.map((c) => usage.find((u) => u.id === c.id) ?? c);
  }, [r, base, top]);

  if (discovery.error) return <ErrorAlert error={discovery.error} title="Could not read what this cluster serves" />;
  if (discovery.data && !r)
    return (
      <ErrorAlert
        error={new Error(`This cluster does not serve "${decodeURIComponent(segment)}".`)}
        title="Unknown resource"
      />
    );

  return (
    <div className="flex h-full flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">{r?.kind ?? decodeURIComponent(segment)}</h1>
        <span className="text-sm text-muted-foreground" aria-live="polite">
          {list.data
            ? `${list.data.items.length.toLocaleString('en-US')} items`
            : list.error
              ? 'not available'
              : 'Loading…'}
        </span>
        {stale ? (
          <Badge variant="secondary" title={`From Argus's cache: the cluster is unreachable since ${stale.since}`}>
            Stale
          </Badge>
        ) : (
          <LiveBadge mode={list.mode} />
        )}
        <div className="ml-auto flex items-center gap-2">
          {canApply && (
            <Button size="sm" variant="outline" aria-expanded={applying} onClick={() => setApplying((v) => !v)}>
              Apply YAML
            </Button>
          )}
          {hasWide && (
            <Button
              size="sm"
              variant="outline"
              aria-pressed={wide}
              onClick={() => setParams({ wide: wide ? null : '1' })}
              title="Show every column the CRD declares (kubectl -o wide)"
            >
              Wide
            </Button>
          )}
          {r?.namespaced && <NamespacePicker clusterId={clusterId} value={namespace} onChange={onNamespace} />}
          <Input
            className="w-64"
            type="search"
            aria-label="Filter"
            placeholder="Filter…"
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
        </div>
      </div>
      {applying && (
        <ApplyYamlPanel clusterId={clusterId} namespace={namespace || undefined} onClose={() => setApplying(false)} />
      )}
      <ErrorAlert error={list.error} title={`Could not list ${r?.resource ?? 'resources'}`} />
      {r && (
        <DataTable
          className="flex-1"
          label={`${r.kind} list`}
          data={list.data?.items ?? []}
          columns={columns}
          getRowId={objectKey}
          filter={q}
          sort={params.get('sort')}
          onSortChange={(sort) => setParams({ sort })}
          onRowActivate={(o) => router.push(detailHref(clusterId, segment, o.metadata.name, o.metadata.namespace))}
          emptyText={
            list.isLoading ? 'Loading…' : list.error ? 'Nothing to show (see the error above).' : 'No objects.'
          }
        />
      )}
    </div>
  );
}
