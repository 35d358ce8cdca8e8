/**
 * KEDA's ScaledObjects on a cluster (`?namespace=`, `?q=` filter, `?sort=`), each with its health, target,
 * bounds, triggers and the replicas of the HPA KEDA made; `/scaledobjects/{ns}/{name}` is one of them.
 */
import type { PluginPageProps } from '@argus/plugin-sdk/frontend';
import { Alert, DataTable, HealthCounts } from '@argus/ui';
import { useMemo } from 'react';
import { type Columns, healthColumn, nodeColumn, objectKey, textColumn, triggerTypes } from './columns';
import { KedaNav } from './KedaNav';
import { ListToolbar, setQuery } from './ListToolbar';
import { ScalerDetailView } from './ScalerDetailView';
import { type HpaItem, KEDA, type ScaledObjectItem } from './types';
import { useKedaData } from './use-keda';

type Row = ScaledObjectItem & { hpa: HpaItem | undefined };

const replicas = (h: HpaItem | undefined) => (h ? `${h.currentReplicas ?? '—'} → ${h.desiredReplicas ?? '—'}` : null);

const COLUMNS: Columns<Row> = [
  healthColumn<Row>(),
  textColumn<Row>('namespace', 'Namespace', (o) => o.metadata.namespace ?? '', 'minmax(7rem, 1fr)'),
  textColumn<Row>('name', 'Name', (o) => o.metadata.name, 'minmax(10rem, 2fr)'),
  textColumn<Row>('target', 'Target', (o) => `${o.summary.target.kind}/${o.summary.target.name}`, 'minmax(10rem, 2fr)'),
  textColumn<Row>('bounds', 'Min – max', (o) => `${o.summary.min} – ${o.summary.max}`, '6rem'),
  nodeColumn<Row>(
    'replicas',
    'Current → desired',
    (o) => replicas(o.hpa) ?? '',
    (o) =>
      o.hpa ? (
        <span className="tabular-nums">{replicas(o.hpa)}</span>
      ) : (
        <span className="text-muted-foreground">{o.summary.pause.requested ? 'paused' : 'no HPA'}</span>
      ),
    '8rem',
  ),
  textColumn<Row>('triggers', 'Triggers', (o) => triggerTypes(o.summary.triggers), 'minmax(8rem, 1fr)'),
  textColumn<Row>('activity', 'Activity', (o) => o.summary.activity, '6rem'),
];

export default function ScaledObjectsPage(props: PluginPageProps) {
  const [namespace, name] = props.subpath;
  if (namespace && name)
    return <ScalerDetailView props={props} plural="scaledobjects" namespace={namespace} name={name} />;
  return <ScaledObjectList {...props} />;
}

function ScaledObjectList(props: PluginPageProps) {
  const { api, clusterId, searchParams, navigate } = props;
  const namespace = searchParams.get('namespace') ?? undefined;
  const where = { cluster: clusterId, namespace };
  const list = useKedaData<{ items: ScaledObjectItem[] }>(
    api,
    '/resources/scaledobjects',
    { namespace },
    {
      ...where,
      ...KEDA,
      resource: 'scaledobjects',
    },
  );
  const hpas = useKedaData<{ items: HpaItem[] }>(
    api,
    '/hpas',
    { namespace },
    {
      ...where,
      group: 'autoscaling',
      version: 'v2',
      resource: 'horizontalpodautoscalers',
    },
  );
  const rows = useMemo<Row[]>(() => {
    const byName = new Map((hpas.data?.items ?? []).map((h) => [`${h.namespace}/${h.scaledObject}`, h]));
    return (list.data?.items ?? []).map((o) => ({ ...o, hpa: byName.get(objectKey(o)) }));
  }, [list.data, hpas.data]);
  return (
    <div className="flex h-full min-h-0 flex-col gap-3">
      <h1 className="text-xl font-semibold">KEDA</h1>
      <KedaNav current="/scaledobjects" navigate={navigate} />
      <ListToolbar path="/scaledobjects" searchParams={searchParams} navigate={navigate}>
        <HealthCounts items={list.data?.items ?? []} label="Scaled objects by health" />
      </ListToolbar>
      {list.error && <Alert variant="destructive">{list.error}</Alert>}
      <DataTable
        className="min-h-64 flex-1"
        label="Scaled objects"
        data={rows}
        columns={COLUMNS}
        getRowId={objectKey}
        filter={searchParams.get('q') ?? ''}
        sort={searchParams.get('sort')}
        onSortChange={(sort) => navigate(setQuery('/scaledobjects', searchParams, { sort }))}
        onRowActivate={(o) =>
          navigate(
            `/scaledobjects/${encodeURIComponent(o.metadata.namespace ?? '')}/${encodeURIComponent(o.metadata.name)}`,
          )
        }
        emptyText={list.data ? `No scaled objects${namespace ? ` in ${namespace}` : ''}.` : 'Loading…'}
      />
    </div>
  );
}
