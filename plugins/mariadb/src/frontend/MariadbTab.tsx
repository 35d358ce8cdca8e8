/** The "MariaDB" tab on a MariaDB's generic detail page: health, topology, primary, replication and actions. */
import type { PluginDetailTabProps } from '@argus/plugin-sdk/frontend';
import { Loading, MariadbOverview, useMariadb } from './MariadbOverview';
import { MariadbRelated } from './MariadbRelated';

export default function MariadbTab({ api, clusterId, object, reload }: PluginDetailTabProps) {
  const res = useMariadb(api, clusterId, object.metadata.namespace ?? '', object.metadata.name);
  if (!res.object) return <Loading error={res.error} />;
  return (
    <div className="grid gap-6">
      <MariadbOverview
        api={api}
        mariadb={res.object}
        reload={() => {
          res.reload();
          reload();
        }}
      />
      <MariadbRelated clusterId={clusterId} mariadb={res.object} />
    </div>
  );
}
