/** PgBouncer poolers: cluster, type, instances, pool mode, health; pause and resume. */
import type { PluginPageProps } from '@argus/plugin-sdk/frontend';
import { Alert, DataTable, type DataTableProps, HealthBadge, Skeleton } from '@argus/ui';
import type { Pooler } from '../shared/types';
import { ActionButtons } from './ActionButtons';
import { Nav } from './Nav';
import { field, keyOf, PERMISSION, type PoolerItem } from './types';
import { runAction, useCnpgList } from './use-cnpg';

function PoolerActions({ item, props }: { item: PoolerItem; props: PluginPageProps }) {
  const ns = item.metadata.namespace ?? '';
  const name = item.metadata.name;
  const paused = item.spec?.pgbouncer?.paused === true;
  const base = {
    allowed: props.can(PERMISSION, 'operate', ns),
    available: true,
    reason: null,
    params_schema: null,
    description: '',
  };
  return (
    <ActionButtons
      subject={name}
      actions={[
        paused
          ? { ...base, id: 'resume', label: 'Resume', confirm: null }
          : {
              ...base,
              id: 'pause',
              label: 'Pause',
              confirm: `Pause ${name}? PgBouncer holds every new client query until it is resumed: the database is unreachable through it.`,
            },
      ]}
      run={(action) => runAction(props.api, 'poolers', ns, name, action)}
    />
  );
}

export default function PoolersPage(props: PluginPageProps) {
  const { api, clusterId, searchParams } = props;
  const namespace = searchParams.get('namespace') ?? undefined;
  const list = useCnpgList<Pooler>(api, clusterId, 'poolers', namespace);
  const columns: DataTableProps<PoolerItem>['columns'] = [
    { id: 'name', header: 'Name', accessorFn: (p) => p.metadata.name, meta: { width: 'minmax(12rem, 2fr)' } },
    { id: 'namespace', header: 'Namespace', accessorFn: (p) => p.metadata.namespace ?? '' },
    { id: 'cluster', header: 'Cluster', accessorFn: (p) => field(p, 'cluster') },
    {
      id: 'health',
      header: 'Health',
      accessorFn: (p) => p.health.status,
      cell: (ctx) => <HealthBadge health={ctx.row.original.health} />,
      meta: { width: 'minmax(8rem, 1fr)' },
    },
    { id: 'type', header: 'Type', accessorFn: (p) => field(p, 'type'), meta: { width: '5rem' } },
    { id: 'instances', header: 'Instances', accessorFn: (p) => field(p, 'instances'), meta: { width: '6rem' } },
    { id: 'mode', header: 'Pool mode', accessorFn: (p) => field(p, 'pool_mode') },
    {
      id: 'actions',
      header: '',
      enableSorting: false,
      cell: (ctx) => <PoolerActions item={ctx.row.original} props={props} />,
      meta: { width: '7rem' },
    },
  ];
  return (
    <div className="grid gap-4">
      <Nav current="poolers" navigate={props.navigate} />
      <h1 className="text-xl font-semibold">Poolers</h1>
      {list.error && <Alert variant="destructive">{list.error}</Alert>}
      {list.loading ? (
        <Skeleton className="h-32 w-full" />
      ) : (
        <DataTable label="Poolers" data={list.items ?? []} columns={columns} getRowId={keyOf} emptyText="No pooler." />
      )}
    </div>
  );
}
