/**
 * KEDA's TriggerAuthentications and ClusterTriggerAuthentications: where their credentials come from, the
 * Secrets they name (names and keys only, flagged when KEDA cannot find one) and who uses them.
 */
import { objectHref, type PluginPageProps, useArgusHost } from '@argus/plugin-sdk/frontend';
import { Alert, DataTable, HealthBadge, HealthCounts } from '@argus/ui';
import { useMemo } from 'react';
import { type Columns, nodeColumn, objectKey, textColumn } from './columns';
import { KedaNav } from './KedaNav';
import { ListToolbar, setQuery } from './ListToolbar';
import { type AuthenticationCheck, type AuthenticationItem, KEDA } from './types';
import { useKedaData } from './use-keda';

type Row = AuthenticationItem & { kindLabel: AuthenticationCheck['kind']; check: AuthenticationCheck | undefined };

const PLURAL = {
  TriggerAuthentication: 'triggerauthentications',
  ClusterTriggerAuthentication: 'clustertriggerauthentications',
} as const;

function SecretsCell({ row }: { row: Row }) {
  const secrets = row.check?.secrets ?? row.summary.secrets.map((s) => ({ ...s, found: true, missingKeys: [] }));
  if (secrets.length === 0) return <span className="text-muted-foreground">—</span>;
  return (
    <ul className="grid gap-0.5">
      {secrets.map((s) => (
        <li key={s.name} className="font-mono text-xs">
          {s.name}
          {s.keys.length > 0 && <span className="text-muted-foreground"> [{s.keys.join(', ')}]</span>}
          {!s.found && <span className="ml-1 font-sans text-warning">not found</span>}
          {s.found && s.missingKeys.length > 0 && (
            <span className="ml-1 font-sans text-warning">no key {s.missingKeys.join(', ')}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

export default function AuthenticationsPage({ api, clusterId, searchParams, navigate }: PluginPageProps) {
  const { Link } = useArgusHost();
  const namespace = searchParams.get('namespace') ?? undefined;
  const watch = { cluster: clusterId, ...KEDA };
  const tas = useKedaData<{ items: AuthenticationItem[] }>(
    api,
    '/resources/triggerauthentications',
    { namespace },
    {
      ...watch,
      namespace,
      resource: 'triggerauthentications',
    },
  );
  const ctas = useKedaData<{ items: AuthenticationItem[] }>(
    api,
    '/resources/clustertriggerauthentications',
    {},
    {
      ...watch,
      resource: 'clustertriggerauthentications',
    },
  );
  const checks = useKedaData<{ items: AuthenticationCheck[] }>(
    api,
    '/authentications',
    { namespace },
    {
      ...watch,
      namespace,
      resource: 'triggerauthentications',
    },
  );
  const rows = useMemo<Row[]>(() => {
    const byKey = new Map((checks.data?.items ?? []).map((c) => [`${c.kind}/${c.namespace ?? ''}/${c.name}`, c]));
    const withCheck = (kindLabel: Row['kindLabel']) => (o: AuthenticationItem) => {
      const check = byKey.get(`${kindLabel}/${o.metadata.namespace ?? ''}/${o.metadata.name}`);
      return { ...o, kindLabel, check, health: check?.health ?? o.health };
    };
    return [
      ...(tas.data?.items ?? []).map(withCheck('TriggerAuthentication')),
      ...(namespace ? [] : (ctas.data?.items ?? []).map(withCheck('ClusterTriggerAuthentication'))),
    ];
  }, [tas.data, ctas.data, checks.data, namespace]);

  const columns: Columns<Row> = [
    nodeColumn<Row>(
      'health',
      'Health',
      (o) => `${o.health.status} ${o.health.reason ?? ''}`,
      (o) => <HealthBadge health={o.health} />,
      '8rem',
    ),
    textColumn<Row>(
      'kind',
      'Kind',
      (o) => (o.kindLabel === 'ClusterTriggerAuthentication' ? 'Cluster' : 'Namespaced'),
      '7rem',
    ),
    textColumn<Row>('namespace', 'Namespace', (o) => o.metadata.namespace ?? '', 'minmax(7rem, 1fr)'),
    nodeColumn<Row>(
      'name',
      'Name',
      (o) => o.metadata.name,
      (o) => (
        <Link
          className="underline-offset-2 hover:underline"
          href={objectHref(
            clusterId,
            { ...KEDA, resource: PLURAL[o.kindLabel] },
            o.metadata.name,
            o.metadata.namespace,
          )}
        >
          {o.metadata.name}
        </Link>
      ),
      'minmax(10rem, 2fr)',
    ),
    textColumn<Row>('sources', 'Credentials from', (o) => o.summary.sources.join(', '), 'minmax(8rem, 1fr)'),
    nodeColumn<Row>(
      'secrets',
      'Secrets (names only)',
      (o) => o.summary.secrets.map((s) => s.name).join(' '),
      (o) => <SecretsCell row={o} />,
      'minmax(12rem, 2fr)',
    ),
    textColumn<Row>(
      'used',
      'Used by',
      (o) => [...o.summary.scaledObjects, ...o.summary.scaledJobs].join(', '),
      'minmax(8rem, 1fr)',
    ),
  ];

  const error = tas.error ?? ctas.error ?? checks.error;
  return (
    <div className="flex h-full min-h-0 flex-col gap-3">
      <h1 className="text-xl font-semibold">KEDA</h1>
      <KedaNav current="/authentications" navigate={navigate} />
      <ListToolbar path="/authentications" searchParams={searchParams} navigate={navigate}>
        <HealthCounts items={rows} label="Trigger authentications by health" />
      </ListToolbar>
      {error && <Alert variant="destructive">{error}</Alert>}
      <DataTable
        className="min-h-64 flex-1"
        label="Trigger authentications"
        data={rows}
        columns={columns}
        getRowId={(o) => `${o.kindLabel}/${objectKey(o)}`}
        filter={searchParams.get('q') ?? ''}
        sort={searchParams.get('sort')}
        onSortChange={(sort) => navigate(setQuery('/authentications', searchParams, { sort }))}
        emptyText={tas.data ? 'No trigger authentications.' : 'Loading…'}
      />
    </div>
  );
}
