/**
 * The SQL objects the operator keeps in the servers — databases, users, grants, connections — with their
 * Ready state and, for a failing one, the operator's reason (`/sql`, or `/sql/{plural}/{ns}/{name}`).
 */
import type { PluginPageProps } from '@argus/plugin-sdk/frontend';
import { baseColumns, type Columns, KindDetail, KindTable, Nav, reasonColumn, Toolbar, textColumn } from './Kinds';

const mariadb = textColumn('mariadb', 'MariaDB', 'minmax(8rem, 1fr)');

const KINDS: readonly (readonly [string, string, Columns])[] = [
  [
    'databases',
    'Databases',
    [
      ...baseColumns,
      mariadb,
      textColumn('name', 'Database', 'minmax(8rem, 1fr)', (r) => String(r.summary?.name ?? '')),
      reasonColumn,
    ],
  ],
  ['users', 'Users', [...baseColumns, mariadb, textColumn('host', 'Host', '5rem'), reasonColumn]],
  [
    'grants',
    'Grants',
    [
      ...baseColumns,
      mariadb,
      textColumn('username', 'User', 'minmax(6rem, 1fr)'),
      textColumn('privileges', 'Privileges', 'minmax(8rem, 2fr)'),
      textColumn('on', 'On', 'minmax(6rem, 1fr)'),
      reasonColumn,
    ],
  ],
  [
    'connections',
    'Connections',
    [
      ...baseColumns,
      mariadb,
      textColumn('username', 'User', 'minmax(6rem, 1fr)'),
      textColumn('database', 'Database', 'minmax(6rem, 1fr)'),
      textColumn('secret', 'Secret', 'minmax(8rem, 1fr)'),
      reasonColumn,
    ],
  ],
];

export default function SqlPage(props: PluginPageProps) {
  const [plural, namespace, name] = props.subpath;
  const kind = KINDS.find(([p]) => p === plural);
  return (
    <div className="grid gap-4">
      <Nav current="sql" navigate={props.navigate} />
      {kind && namespace && name ? (
        <KindDetail api={props.api} clusterId={props.clusterId} plural={kind[0]} namespace={namespace} name={name} />
      ) : (
        <>
          <Toolbar title="Databases, users and grants" page="sql" props={props} />
          {KINDS.map(([p, label, columns]) => (
            <KindTable
              key={p}
              props={props}
              plural={p}
              label={label}
              columns={columns}
              open={(r) => `/sql/${p}/${r.metadata.namespace}/${r.metadata.name}`}
            />
          ))}
        </>
      )}
    </div>
  );
}
