/** MariaDB instances: the list (`/mariadbs?namespace=&q=`), or one instance (`/mariadbs/{ns}/{name}`). */
import { objectHref, type PluginPageProps, useArgusHost } from '@argus/plugin-sdk/frontend';
import { baseColumns, type Columns, KindTable, Nav, reasonColumn, Toolbar, textColumn } from './Kinds';
import { Loading, MariadbOverview, useMariadb } from './MariadbOverview';
import { MariadbRelated } from './MariadbRelated';
import { GROUP, VERSION } from './types';

export const mariadbColumns: Columns = [
  ...baseColumns,
  textColumn('topology', 'Topology', '7rem'),
  textColumn('replicas', 'Ready', '5rem'),
  textColumn('primary', 'Primary', 'minmax(8rem, 1fr)'),
  textColumn('switching_to', 'Switching to', 'minmax(8rem, 1fr)'),
  reasonColumn,
];

function MariadbDetail({ props, namespace, name }: { props: PluginPageProps; namespace: string; name: string }) {
  const { Link } = useArgusHost();
  const res = useMariadb(props.api, props.clusterId, namespace, name);
  if (!res.object) return <Loading error={res.error} />;
  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-xl font-semibold">{name}</h1>
        <span className="text-sm text-muted-foreground">{namespace}</span>
        <Link
          href={objectHref(props.clusterId, { group: GROUP, version: VERSION, resource: 'mariadbs' }, name, namespace)}
          className="ml-auto text-sm text-primary hover:underline"
        >
          Object details
        </Link>
      </div>
      <MariadbOverview api={props.api} mariadb={res.object} reload={res.reload} />
      <MariadbRelated clusterId={props.clusterId} mariadb={res.object} />
    </div>
  );
}

export default function MariadbsPage(props: PluginPageProps) {
  const [namespace, name] = props.subpath;
  return (
    <div className="grid gap-4">
      <Nav current="mariadbs" navigate={props.navigate} />
      {namespace && name ? (
        <MariadbDetail props={props} namespace={namespace} name={name} />
      ) : (
        <>
          <Toolbar title="MariaDB instances" page="mariadbs" props={props} />
          <KindTable
            props={props}
            plural="mariadbs"
            label="MariaDB instances"
            columns={mariadbColumns}
            open={(r) => `/mariadbs/${r.metadata.namespace}/${r.metadata.name}`}
          />
        </>
      )}
    </div>
  );
}
