/**
 * The CephClusters of a Kubernetes cluster (usually one, in `rook-ceph`): each with Ceph's health and checks,
 * capacity, daemon counts and actions; `/clusters/{ns}/{name}` is one of them with its YAML and events.
 */
import type { PluginApi, PluginPageProps } from '@argus/plugin-sdk/frontend';
import { Alert, Button, Card, CardContent, CardHeader, CardTitle, Skeleton } from '@argus/ui';
import { CephNav } from './CephNav';
import { ClusterPanel } from './ClusterPanel';
import { ObjectDetail } from './ObjectDetail';
import { CEPH, type ClusterItem, type DaemonView, type Detail } from './types';
import { useCephData } from './use-ceph';

export function useDaemons(api: PluginApi, clusterId: string, namespace?: string) {
  return useCephData<{ items: DaemonView[] }>(
    api,
    '/daemons',
    { namespace },
    {
      cluster: clusterId,
      group: 'apps',
      version: 'v1',
      resource: 'deployments',
      ...(namespace ? { namespace } : {}),
    },
  );
}

function ClusterCard({ props, item }: { props: PluginPageProps; item: ClusterItem }) {
  const { api, clusterId, navigate } = props;
  const ns = item.metadata.namespace ?? '';
  const name = item.metadata.name;
  const detail = useCephData<Detail<ClusterItem['summary']>>(
    api,
    `/resources/cephclusters/${encodeURIComponent(name)}`,
    { namespace: ns },
    {
      cluster: clusterId,
      ...CEPH,
      resource: 'cephclusters',
      namespace: ns,
    },
  );
  const daemons = useDaemons(api, clusterId, ns);
  return (
    <Card>
      <CardHeader className="flex flex-row items-baseline gap-2">
        <CardTitle className="text-base">
          {ns}/{name}
        </CardTitle>
        <Button
          variant="link"
          size="sm"
          className="ml-auto"
          onClick={() => navigate(`/clusters/${encodeURIComponent(ns)}/${encodeURIComponent(name)}`)}
        >
          Details
        </Button>
      </CardHeader>
      <CardContent>
        <ClusterPanel api={api} cluster={detail.data ?? item} daemons={daemons.data?.items} onChanged={detail.reload} />
      </CardContent>
    </Card>
  );
}

function ClusterDetail({ props, namespace, name }: { props: PluginPageProps; namespace: string; name: string }) {
  const daemons = useDaemons(props.api, props.clusterId, namespace);
  return (
    <ObjectDetail<ClusterItem['summary']>
      props={props}
      page={{ path: '/clusters', title: 'Ceph clusters' }}
      {...CEPH}
      plural="cephclusters"
      kind="CephCluster"
      namespace={namespace}
      name={name}
    >
      {(d, reload) => <ClusterPanel api={props.api} cluster={d} daemons={daemons.data?.items} onChanged={reload} />}
    </ObjectDetail>
  );
}

export default function ClustersPage(props: PluginPageProps) {
  const [namespace, name] = props.subpath;
  const { api, clusterId, navigate } = props;
  const list = useCephData<{ items: ClusterItem[] }>(
    api,
    '/resources/cephclusters',
    {},
    { cluster: clusterId, ...CEPH, resource: 'cephclusters' },
  );
  if (namespace && name) return <ClusterDetail props={props} namespace={namespace} name={name} />;
  return (
    <div className="flex flex-col gap-3">
      <h1 className="text-xl font-semibold">Rook Ceph</h1>
      <CephNav current="/clusters" navigate={navigate} />
      {list.error && <Alert variant="destructive">{list.error}</Alert>}
      {!list.data && !list.error && <Skeleton className="h-48 w-full" />}
      {list.data?.items.length === 0 && <p className="text-sm text-muted-foreground">No CephCluster you may see.</p>}
      {list.data?.items.map((c) => (
        <ClusterCard key={`${c.metadata.namespace}/${c.metadata.name}`} props={props} item={c} />
      ))}
    </div>
  );
}
