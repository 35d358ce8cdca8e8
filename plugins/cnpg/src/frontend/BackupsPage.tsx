/** Scheduled backups (the schedule in words, next run, suspend/resume) and every backup with its health. */
import type { PluginPageProps } from '@argus/plugin-sdk/frontend';
import { Alert, age, DataTable, type DataTableProps, HealthBadge, Skeleton } from '@argus/ui';
import type { Backup, ScheduledBackup } from '../shared/types';
import { ActionButtons } from './ActionButtons';
import { Nav } from './Nav';
import { type BackupItem, field, keyOf, PERMISSION, type ScheduleItem } from './types';
import { runAction, useCnpgList } from './use-cnpg';

const health = <T extends { health: BackupItem['health'] }>() => ({
  id: 'health',
  header: 'Health',
  accessorFn: (o: T) => o.health.status,
  cell: (ctx: { row: { original: T } }) => <HealthBadge health={ctx.row.original.health} />,
  meta: { width: 'minmax(8rem, 1fr)' },
});

const when = (iso: unknown) => (typeof iso === 'string' ? `${new Date(iso).toLocaleString()} (${age(iso)})` : '—');

function duration(item: BackupItem): string {
  const s = item.summary?.duration_seconds;
  if (typeof s !== 'number') return '—';
  return s >= 60 ? `${Math.floor(s / 60)}m ${s % 60}s` : `${s}s`;
}

export const backupColumns: DataTableProps<BackupItem>['columns'] = [
  { id: 'name', header: 'Name', accessorFn: (b) => b.metadata.name, meta: { width: 'minmax(12rem, 2fr)' } },
  { id: 'namespace', header: 'Namespace', accessorFn: (b) => b.metadata.namespace ?? '' },
  { id: 'cluster', header: 'Cluster', accessorFn: (b) => field(b, 'cluster') },
  health<BackupItem>(),
  { id: 'method', header: 'Method', accessorFn: (b) => field(b, 'method') },
  {
    id: 'started',
    header: 'Started',
    accessorFn: (b) => (b.status?.startedAt ? age(b.status.startedAt) : '—'),
    meta: { width: '6rem' },
  },
  { id: 'duration', header: 'Took', accessorFn: duration, meta: { width: '6rem' } },
  { id: 'error', header: 'Error', accessorFn: (b) => b.status?.error ?? '', meta: { width: 'minmax(12rem, 3fr)' } },
];

function ScheduleActions({ item, props }: { item: ScheduleItem; props: PluginPageProps }) {
  const ns = item.metadata.namespace ?? '';
  const allowed = props.can(PERMISSION, 'backup', ns);
  const suspended = item.spec?.suspend === true;
  const base = { allowed, reason: null, confirm: null, params_schema: null, description: '' };
  return (
    <ActionButtons
      subject={item.metadata.name}
      actions={[
        suspended
          ? { ...base, id: 'resume', label: 'Resume', available: true }
          : { ...base, id: 'suspend', label: 'Suspend', available: true },
      ]}
      run={(action) => runAction(props.api, 'scheduledbackups', ns, item.metadata.name, action)}
    />
  );
}

function scheduleColumns(props: PluginPageProps): DataTableProps<ScheduleItem>['columns'] {
  return [
    { id: 'name', header: 'Name', accessorFn: (s) => s.metadata.name, meta: { width: 'minmax(10rem, 2fr)' } },
    { id: 'cluster', header: 'Cluster', accessorFn: (s) => field(s, 'cluster') },
    health<ScheduleItem>(),
    {
      id: 'schedule',
      header: 'Schedule',
      accessorFn: (s) => field(s, 'schedule_words'),
      cell: (ctx) => {
        const s = ctx.row.original;
        return (
          <span
            title={`${field(s, 'schedule')}${s.summary?.schedule_warning ? ` — ${String(s.summary.schedule_warning)}` : ''}`}
          >
            {field(s, 'schedule_words')}
            {Boolean(s.summary?.schedule_warning) && <span className="ml-1 text-destructive">⚠</span>}
          </span>
        );
      },
      meta: { width: 'minmax(14rem, 3fr)' },
    },
    {
      id: 'next',
      header: 'Next run',
      accessorFn: (s) => (s.summary?.suspended ? 'Suspended' : when(s.summary?.next_run)),
      meta: { width: 'minmax(12rem, 2fr)' },
    },
    {
      id: 'last',
      header: 'Last run',
      accessorFn: (s) => when(s.status?.lastScheduleTime),
      meta: { width: 'minmax(12rem, 2fr)' },
    },
    {
      id: 'actions',
      header: '',
      enableSorting: false,
      cell: (ctx) => <ScheduleActions item={ctx.row.original} props={props} />,
      meta: { width: '7rem' },
    },
  ];
}

export default function BackupsPage(props: PluginPageProps) {
  const { api, clusterId, searchParams } = props;
  const namespace = searchParams.get('namespace') ?? undefined;
  const schedules = useCnpgList<ScheduledBackup>(api, clusterId, 'scheduledbackups', namespace);
  const backups = useCnpgList<Backup>(api, clusterId, 'backups', namespace);
  return (
    <div className="grid gap-4">
      <Nav current="backups" navigate={props.navigate} />
      <h1 className="text-xl font-semibold">Scheduled backups</h1>
      {schedules.error && <Alert variant="destructive">{schedules.error}</Alert>}
      {schedules.loading ? (
        <Skeleton className="h-24 w-full" />
      ) : (
        <DataTable
          label="Scheduled backups"
          data={schedules.items ?? []}
          columns={scheduleColumns(props)}
          getRowId={keyOf}
          emptyText="No scheduled backup."
        />
      )}
      <h2 className="text-lg font-semibold">Backups</h2>
      {backups.error && <Alert variant="destructive">{backups.error}</Alert>}
      {backups.loading ? (
        <Skeleton className="h-32 w-full" />
      ) : (
        <DataTable
          label="Backups"
          data={(backups.items ?? [])
            .slice()
            .sort((a, b) => (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? ''))}
          columns={backupColumns}
          getRowId={keyOf}
          emptyText="No backup."
        />
      )}
    </div>
  );
}
