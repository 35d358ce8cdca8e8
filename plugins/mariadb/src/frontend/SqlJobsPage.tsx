/** SQL jobs: scripts the operator runs once or on a schedule (`/sqljobs`, or `/sqljobs/{ns}/{name}`). */
import type { PluginPageProps } from '@argus/plugin-sdk/frontend';
import { baseColumns, type Columns, KindDetail, KindTable, Nav, reasonColumn, Toolbar, textColumn } from './Kinds';

const columns: Columns = [
  ...baseColumns,
  textColumn('mariadb', 'MariaDB', 'minmax(8rem, 1fr)'),
  textColumn('database', 'Database', 'minmax(6rem, 1fr)'),
  textColumn('username', 'User', 'minmax(6rem, 1fr)'),
  textColumn('schedule', 'Schedule', '7rem'),
  textColumn('depends_on', 'Depends on', 'minmax(8rem, 1fr)'),
  reasonColumn,
];

export default function SqlJobsPage(props: PluginPageProps) {
  const [namespace, name] = props.subpath;
  return (
    <div className="grid gap-4">
      <Nav current="sqljobs" navigate={props.navigate} />
      {namespace && name ? (
        <KindDetail api={props.api} clusterId={props.clusterId} plural="sqljobs" namespace={namespace} name={name} />
      ) : (
        <>
          <Toolbar title="SQL jobs" page="sqljobs" props={props} />
          <KindTable
            props={props}
            plural="sqljobs"
            label="SQL jobs"
            columns={columns}
            open={(r) => `/sqljobs/${r.metadata.namespace}/${r.metadata.name}`}
          />
        </>
      )}
    </div>
  );
}
