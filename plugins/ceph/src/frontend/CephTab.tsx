/** The "Ceph" tab on the generic detail page of a CephCluster (manifest `detail_tabs`). */
import type { PluginDetailTabProps } from '@argus/plugin-sdk/frontend';
import { Alert, Button, Skeleton } from '@argus/ui';
import { ClusterPanel } from './ClusterPanel';
import { useDaemons } from './ClustersPage';
import { CEPH, type ClusterItem, type Detail } from './types';
import { useCephData } from './use-ceph';

export default function CephTab({ api, clusterId, object, reload, navigate }: PluginDetailTabProps) {
  const namespace = object.metadata.namespace ?? '';
  const name = object.metadata.name;
  const detail = useCephData<Detail<ClusterItem['summary']>>(
    api,
    `/resources/cephclusters/${encodeURIComponent(name)}`,
    { namespace },
    {
      cluster: clusterId,
      ...CEPH,
      resource: 'cephclusters',
      namespace,
    },
  );
  const daemons = useDaemons(api, clusterId, namespace);
  if (detail.error) return <Alert variant="destructive">{detail.error}</Alert>;
  if (!detail.data) return <Skeleton className="h-48 w-full" />;
  return (
    <div className="grid gap-3">
      <ClusterPanel
        api={api}
        cluster={detail.data}
        daemons={daemons.data?.items}
        onChanged={() => {
          detail.reload();
          reload();
        }}
      />
      <div>
        <Button
          variant="link"
          size="sm"
          className="px-0"
          onClick={() => navigate(`/clusters/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`)}
        >
          Open in Rook Ceph
        </Button>
      </div>
    </div>
  );
}
