/** PostgreSQL clusters: the list (`/clusters?namespace=&q=&sort=`), or one cluster (`/clusters/{ns}/{name}?tab=`). */
import { objectHref, type PluginPageProps } from '@argus/plugin-sdk/frontend';
import { Alert, DataTable, type DataTableProps, HealthBadge, Input, Skeleton } from '@argus/ui';
import type { Cluster } from '../shared/types';
import { ClusterDetail } from './ClusterDetail';
import { Nav } from './Nav';
import { type ClusterItem, field, GROUP, keyOf, VERSION } from './types';
import { useCnpgList } from './use-cnpg';

type Columns = DataTableProps<ClusterItem>['columns'];

const text = (id: string, header: string, get: (c: ClusterItem) => string, width?: string): Columns[number] => ({
  id,
  header,
  accessorFn: get,
  meta: width ? { width } : undefined,
});

export const clusterColumns: Columns = [
  text('name', 'Name', (c) => c.metadata.name, 'minmax(10rem, 2fr)'),
  text('namespace', 'Namespace', (c) => c.metadata.namespace ?? ''),
  {
    id: 'health',
    header: 'Health',
    accessorFn: (c) => c.health.status,
    cell: (ctx) => <HealthBadge health={ctx.row.original.health} />,
    meta: { width: 'minmax(8rem, 1fr)' },
  },
  text('instances', 'Ready', (c) => field(c, 'instances'), '5rem'),
  text('primary', 'Primary', (c) => field(c, 'primary')),
  text('timeline', 'Timeline', (c) => field(c, 'timeline'), '6rem'),
  text('archiving', 'Archiving', (c) => field(c, 'archiving'), '7rem'),
  text('phase', 'Phase', (c) => field(c, 'phase'), 'minmax(10rem, 2fr)'),
];

function ClusterList({ api, clusterId, searchParams, navigate }: PluginPageProps) {
  const namespace = searchParams.get('namespace') ?? undefined;
  const q = searchParams.get('q') ?? '';
  const list = useCnpgList<Cluster>(api, clusterId, 'clusters', namespace);
  const setQuery = (key: string, value: string | null) => {
    const next = new URLSearchParams(searchParams);
    if (value) next.set(key, value);
    else next.delete(key);
    const s = next.toString();
    navigate(`/clusters${s ? `?${s}` : ''}`);
  };
  return (
    <div className="grid gap-4">
      <div className="flex items-center gap-2">
        <h1 className="text-xl font-semibold">PostgreSQL clusters</h1>
        <Input
          aria-label="Filter"
          placeholder="Filter"
          className="ml-auto w-56"
          defaultValue={q}
          onChange={(e) => setQuery('q', e.target.value)}
        />
      </div>
      {list.error && <Alert variant="destructive">{list.error}</Alert>}
      {list.loading ? (
        <Skeleton className="h-32 w-full" />
      ) : (
        <DataTable
          label="PostgreSQL clusters"
          data={list.items ?? []}
          columns={clusterColumns}
          getRowId={keyOf}
          filter={q}
          sort={searchParams.get('sort')}
          onSortChange={(s) => setQuery('sort', s)}
          onRowActivate={(c) => navigate(`/clusters/${c.metadata.namespace}/${c.metadata.name}`)}
          emptyText={namespace ? `No PostgreSQL cluster in ${namespace}.` : 'No PostgreSQL cluster.'}
        />
      )}
    </div>
  );
}

export default function ClustersPage(props: PluginPageProps) {
  const [namespace, name] = props.subpath;
  return (
    <div className="grid gap-4">
      <Nav current="clusters" navigate={props.navigate} />
      {namespace && name ? (
        <ClusterDetail
          {...props}
          namespace={namespace}
          name={name}
          genericHref={objectHref(
            props.clusterId,
            { group: GROUP, version: VERSION, resource: 'clusters' },
            name,
            namespace,
          )}
        />
      ) : (
        <ClusterList {...props} />
      )}
    </div>
  );
}
