/** MaxScale proxies: the list, or one (`/maxscales/{ns}/{name}`). */
import type { PluginPageProps } from '@argus/plugin-sdk/frontend';
import { baseColumns, type Columns, KindDetail, KindTable, Nav, reasonColumn, Toolbar, textColumn } from './Kinds';

const columns: Columns = [
  ...baseColumns,
  textColumn('mariadb', 'MariaDB', 'minmax(8rem, 1fr)'),
  textColumn('primary', 'Primary server', 'minmax(8rem, 1fr)'),
  textColumn('running', 'Servers running', '8rem'),
  textColumn('servers', 'Servers', 'minmax(12rem, 3fr)'),
  reasonColumn,
];

export default function MaxScalesPage(props: PluginPageProps) {
  const [namespace, name] = props.subpath;
  return (
    <div className="grid gap-4">
      <Nav current="maxscales" navigate={props.navigate} />
      {namespace && name ? (
        <KindDetail api={props.api} clusterId={props.clusterId} plural="maxscales" namespace={namespace} name={name} />
      ) : (
        <>
          <Toolbar title="MaxScale" page="maxscales" props={props} />
          <KindTable
            props={props}
            plural="maxscales"
            label="MaxScale"
            columns={columns}
            open={(r) => `/maxscales/${r.metadata.namespace}/${r.metadata.name}`}
          />
        </>
      )}
    </div>
  );
}
