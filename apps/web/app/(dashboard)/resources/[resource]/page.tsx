'use client';
import { Badge, Button, DataTable, Input } from '@argus/ui';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useParams, useRouter } from 'next/navigation';
import { useMemo } from 'react';
import { ErrorAlert } from '@/components/ErrorAlert';
import { resourceColumns } from '@/components/resource-columns';
import { useFilterParam } from '@/hooks/use-filter-param';
import { useQueryState } from '@/hooks/use-query-state';
import { api, qs } from '@/lib/api';
import { type KubeObject, objectKey } from '@/lib/kube';
import { detailHref, groupPath, WELL_KNOWN } from '@/lib/resources';

interface CrossList {
  items: KubeObject[];
  errors?: Array<{ cluster: { id: string; name: string }; code: string; message: string }>;
  /** Clusters answered from Argus's cache while unreachable. */
  stale?: Array<{ cluster: { id: string; name: string }; since: string; last_contact: string | null }>;
  total?: number;
  continue?: string;
}

/** Rows fetched per page; the server sorts and pages across clusters, so the next page continues the order. */
const PAGE = 500;
/** Columns the server can sort by across clusters; other columns sort the rows loaded so far. */
const SERVER_SORTS = /^-?(cluster|name|namespace|age)$/;

/** `/resources/{resource}`: one kind across every cluster, with a cluster column. */
export default function CrossClusterPage() {
  const { resource } = useParams<{ resource: string }>();
  const router = useRouter();
  const [params, setParams] = useQueryState();
  const [q, setQ] = useFilterParam(params, setParams);
  const seg = decodeURIComponent(resource);
  const r =
    WELL_KNOWN[seg] ??
    (seg.includes('~')
      ? (() => {
          const [group = '', version = '', plural = ''] = seg.split('~');
          return { group, version, resource: plural, kind: plural, namespaced: true };
        })()
      : undefined);
  const namespace = params.get('namespace') ?? '';
  const sort = params.get('sort');
  const serverSort = sort && SERVER_SORTS.test(sort) ? sort : undefined;
  const list = useInfiniteQuery({
    queryKey: ['cross', seg, namespace, params.get('clusters'), serverSort],
    enabled: !!r,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      api<CrossList>(
        `/api/resources/${groupPath(r!)}/${r!.version}/${r!.resource}${qs({
          namespace,
          clusters: params.get('clusters'),
          sort: serverSort,
          limit: String(PAGE),
          continue: pageParam,
        })}`,
      ),
    getNextPageParam: (last) => last.continue,
    refetchInterval: 10_000,
  });
  const first = list.data?.pages[0];
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const total = first?.total ?? items.length;
  const columns = useMemo(
    () => (r ? resourceColumns(r.resource, { namespaced: r.namespaced, cluster: true }) : []),
    [r],
  );
  if (!r)
    return (
      <ErrorAlert error={new Error(`Unknown resource "${seg}"; custom resources are written group~version~plural.`)} />
    );
  return (
    <div className="flex h-full flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">{r.kind} across clusters</h1>
        <span className="text-sm text-muted-foreground">
          {first
            ? items.length < total
              ? `${items.length.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} items`
              : `${total.toLocaleString('en-US')} items`
            : list.error
              ? 'not available'
              : 'Loading…'}
        </span>
        <div className="ml-auto flex gap-2">
          {r.namespaced && (
            <Input
              className="w-48"
              aria-label="Namespace"
              placeholder="Namespace"
              defaultValue={namespace}
              onChange={(e) => setParams({ namespace: e.target.value })}
            />
          )}
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
      <ErrorAlert error={list.error} title="Could not list across clusters" />
      {first?.errors?.map((e) => (
        <p key={e.cluster.id} className="text-sm text-destructive" role="alert">
          <Badge variant="destructive">{e.cluster.name}</Badge> {e.message} ({e.code})
        </p>
      ))}
      {first?.stale?.map((s) => (
        <p key={s.cluster.id} className="text-sm text-muted-foreground" role="status">
          <Badge variant="secondary">{s.cluster.name}</Badge> cannot be reached since{' '}
          {new Date(s.since).toLocaleString()}: its objects are the last known state
          {s.last_contact ? ` (last contact ${new Date(s.last_contact).toLocaleString()})` : ''}.
        </p>
      ))}
      <DataTable
        className="flex-1"
        label={`${r.kind} across clusters`}
        data={items}
        columns={columns}
        getRowId={objectKey}
        filter={q}
        sort={params.get('sort')}
        onSortChange={(sort) => setParams({ sort })}
        onRowActivate={(o) =>
          o.cluster && router.push(detailHref(o.cluster.id, seg, o.metadata.name, o.metadata.namespace))
        }
        emptyText={list.isLoading ? 'Loading…' : list.error ? 'Nothing to show (see the error above).' : 'No objects.'}
      />
      {list.hasNextPage && (
        <div className="flex justify-center">
          <Button variant="outline" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
            {list.isFetchingNextPage
              ? 'Loading…'
              : `Load ${Math.min(PAGE, total - items.length).toLocaleString('en-US')} more`}
          </Button>
        </div>
      )}
    </div>
  );
}
