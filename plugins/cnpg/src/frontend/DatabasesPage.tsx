/** Databases declared as `Database` objects: cluster, PostgreSQL name, owner, applied or why not. */
import type { PluginPageProps } from '@argus/plugin-sdk/frontend';
import { Alert, DataTable, type DataTableProps, HealthBadge, Skeleton } from '@argus/ui';
import type { Database } from '../shared/types';
import { Nav } from './Nav';
import { type DatabaseItem, field, keyOf } from './types';
import { useCnpgList } from './use-cnpg';

const columns: DataTableProps<DatabaseItem>['columns'] = [
  { id: 'name', header: 'Name', accessorFn: (d) => d.metadata.name, meta: { width: 'minmax(12rem, 2fr)' } },
  { id: 'namespace', header: 'Namespace', accessorFn: (d) => d.metadata.namespace ?? '' },
  { id: 'cluster', header: 'Cluster', accessorFn: (d) => field(d, 'cluster') },
  { id: 'database', header: 'Database', accessorFn: (d) => field(d, 'database') },
  { id: 'owner', header: 'Owner', accessorFn: (d) => field(d, 'owner') },
  {
    id: 'health',
    header: 'Health',
    accessorFn: (d) => d.health.status,
    cell: (ctx) => <HealthBadge health={ctx.row.original.health} />,
    meta: { width: 'minmax(8rem, 1fr)' },
  },
  {
    id: 'message',
    header: 'Message',
    accessorFn: (d) => d.status?.message ?? '',
    meta: { width: 'minmax(12rem, 3fr)' },
  },
];

export default function DatabasesPage(props: PluginPageProps) {
  const namespace = props.searchParams.get('namespace') ?? undefined;
  const list = useCnpgList<Database>(props.api, props.clusterId, 'databases', namespace);
  return (
    <div className="grid gap-4">
      <Nav current="databases" navigate={props.navigate} />
      <h1 className="text-xl font-semibold">Databases</h1>
      {list.error && <Alert variant="destructive">{list.error}</Alert>}
      {list.loading ? (
        <Skeleton className="h-32 w-full" />
      ) : (
        <DataTable
          label="Databases"
          data={list.items ?? []}
          columns={columns}
          getRowId={keyOf}
          emptyText="No database."
        />
      )}
    </div>
  );
}
