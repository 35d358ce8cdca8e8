/** The "PostgreSQL" tab on a CNPG Cluster's generic detail page: health, instances, primary and actions. */
import type { PluginDetailTabProps } from '@argus/plugin-sdk/frontend';
import { ClusterLoading, ClusterOverview, useCluster } from './ClusterOverview';
import { ClusterRelated } from './ClusterRelated';

export default function PostgresTab({ api, clusterId, object, reload }: PluginDetailTabProps) {
  const namespace = object.metadata.namespace ?? '';
  const name = object.metadata.name;
  const res = useCluster(api, clusterId, namespace, name);
  if (!res.object) return <ClusterLoading error={res.error} />;
  return (
    <div className="grid gap-6">
      <ClusterOverview
        api={api}
        clusterId={clusterId}
        cluster={res.object}
        reload={() => {
          res.reload();
          reload();
        }}
      />
      <ClusterRelated clusterId={clusterId} namespace={namespace} name={name} />
    </div>
  );
}
