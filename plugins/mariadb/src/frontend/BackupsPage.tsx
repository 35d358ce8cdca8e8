/**
 * Backups, physical backups and restores (`/backups`), or one of them (`/backups/{plural}/{ns}/{name}`):
 * each with its health by `Complete`, schedule, storage and retention.
 */
import type { PluginPageProps } from '@argus/plugin-sdk/frontend';
import { baseColumns, type Columns, KindDetail, KindTable, Nav, reasonColumn, Toolbar, textColumn } from './Kinds';

const backupColumns: Columns = [
  ...baseColumns,
  textColumn('mariadb', 'MariaDB', 'minmax(8rem, 1fr)'),
  textColumn('schedule', 'Schedule', '7rem'),
  textColumn('suspended', 'Suspended', '6rem'),
  textColumn('storage', 'Storage', 'minmax(10rem, 2fr)'),
  textColumn('retention', 'Retention', '6rem'),
  reasonColumn,
];

const restoreColumns: Columns = [
  ...baseColumns,
  textColumn('mariadb', 'MariaDB', 'minmax(8rem, 1fr)'),
  textColumn('backup', 'Backup', 'minmax(10rem, 2fr)'),
  textColumn('target_recovery_time', 'Target recovery time', 'minmax(10rem, 1fr)'),
  reasonColumn,
];

const KINDS = [
  ['backups', 'Backups', backupColumns],
  ['physicalbackups', 'Physical backups', backupColumns],
  ['restores', 'Restores', restoreColumns],
] as const;

export default function BackupsPage(props: PluginPageProps) {
  const [plural, namespace, name] = props.subpath;
  const kind = KINDS.find(([p]) => p === plural);
  return (
    <div className="grid gap-4">
      <Nav current="backups" navigate={props.navigate} />
      {kind && namespace && name ? (
        <KindDetail api={props.api} clusterId={props.clusterId} plural={kind[0]} namespace={namespace} name={name} />
      ) : (
        <>
          <Toolbar title="Backups and restores" page="backups" props={props} />
          {KINDS.map(([p, label, columns]) => (
            <KindTable
              key={p}
              props={props}
              plural={p}
              label={label}
              columns={columns}
              open={(r) => `/backups/${p}/${r.metadata.namespace}/${r.metadata.name}`}
            />
          ))}
        </>
      )}
    </div>
  );
}
