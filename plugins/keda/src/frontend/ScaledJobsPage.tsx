/** KEDA's ScaledJobs on a cluster with their health, bounds, strategy and triggers; `/scaledjobs/{ns}/{name}` is one. */
import type { PluginPageProps } from '@argus/plugin-sdk/frontend';
import { Alert, DataTable, HealthCounts } from '@argus/ui';
import { type Columns, healthColumn, objectKey, textColumn, triggerTypes } from './columns';
import { KedaNav } from './KedaNav';
import { ListToolbar, setQuery } from './ListToolbar';
import { ScalerDetailView } from './ScalerDetailView';
import { KEDA, type ScaledJobItem } from './types';
import { useKedaData } from './use-keda';

const COLUMNS: Columns<ScaledJobItem> = [
  healthColumn<ScaledJobItem>(),
  textColumn<ScaledJobItem>('namespace', 'Namespace', (o) => o.metadata.namespace ?? '', 'minmax(7rem, 1fr)'),
  textColumn<ScaledJobItem>('name', 'Name', (o) => o.metadata.name, 'minmax(10rem, 2fr)'),
  textColumn<ScaledJobItem>('bounds', 'Min – max', (o) => `${o.summary.min} – ${o.summary.max}`, '6rem'),
  textColumn<ScaledJobItem>('strategy', 'Strategy', (o) => o.summary.strategy, '7rem'),
  textColumn<ScaledJobItem>('triggers', 'Triggers', (o) => triggerTypes(o.summary.triggers), 'minmax(8rem, 1fr)'),
  textColumn<ScaledJobItem>('activity', 'Activity', (o) => o.summary.activity, '6rem'),
  textColumn<ScaledJobItem>('paused', 'Paused', (o) => (o.summary.pause.requested ? 'yes' : 'no'), '5rem'),
];

export default function ScaledJobsPage(props: PluginPageProps) {
  const [namespace, name] = props.subpath;
  if (namespace && name)
    return <ScalerDetailView props={props} plural="scaledjobs" namespace={namespace} name={name} />;
  const { api, clusterId, searchParams, navigate } = props;
  return <ScaledJobList api={api} clusterId={clusterId} searchParams={searchParams} navigate={navigate} />;
}

function ScaledJobList({
  api,
  clusterId,
  searchParams,
  navigate,
}: Pick<PluginPageProps, 'api' | 'clusterId' | 'searchParams' | 'navigate'>) {
  const namespace = searchParams.get('namespace') ?? undefined;
  const list = useKedaData<{ items: ScaledJobItem[] }>(
    api,
    '/resources/scaledjobs',
    { namespace },
    {
      cluster: clusterId,
      namespace,
      ...KEDA,
      resource: 'scaledjobs',
    },
  );
  return (
    <div className="flex h-full min-h-0 flex-col gap-3">
      <h1 className="text-xl font-semibold">KEDA</h1>
      <KedaNav current="/scaledjobs" navigate={navigate} />
      <ListToolbar path="/scaledjobs" searchParams={searchParams} navigate={navigate}>
        <HealthCounts items={list.data?.items ?? []} label="Scaled jobs by health" />
      </ListToolbar>
      {list.error && <Alert variant="destructive">{list.error}</Alert>}
      <DataTable
        className="min-h-64 flex-1"
        label="Scaled jobs"
        data={list.data?.items ?? []}
        columns={COLUMNS}
        getRowId={objectKey}
        filter={searchParams.get('q') ?? ''}
        sort={searchParams.get('sort')}
        onSortChange={(sort) => navigate(setQuery('/scaledjobs', searchParams, { sort }))}
        onRowActivate={(o) =>
          navigate(
            `/scaledjobs/${encodeURIComponent(o.metadata.namespace ?? '')}/${encodeURIComponent(o.metadata.name)}`,
          )
        }
        emptyText={list.data ? `No scaled jobs${namespace ? ` in ${namespace}` : ''}.` : 'Loading…'}
      />
    </div>
  );
}
