'use client';
import { EventsList } from '@argus/plugin-sdk/frontend';
import { Button, Card, CardContent, CardHeader, CardTitle } from '@argus/ui';
import Link from 'next/link';
import { useParams } from 'next/navigation';
import { ClusterCard } from '@/components/ClusterCard';
import { DownloadKubeconfig } from '@/components/DownloadKubeconfig';
import { ErrorAlert } from '@/components/ErrorAlert';
import { PluginWidgets } from '@/components/PluginWidgets';
import { useClusters } from '@/hooks/use-clusters';
import { argusClient } from '@/lib/plugins';

const QUICK = [
  'pods',
  'deployments',
  'statefulsets',
  'daemonsets',
  'jobs',
  'services',
  'configmaps',
  'secrets',
  'nodes',
  'namespaces',
];

export default function ClusterOverviewPage() {
  const { cluster: raw } = useParams<{ cluster: string }>();
  const id = decodeURIComponent(raw);
  const clusters = useClusters();
  const cluster = clusters.data?.find((c) => c.id === id);
  if (clusters.data && !cluster)
    return <ErrorAlert error={new Error(`No cluster with id "${id}".`)} title="Unknown cluster" />;
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">{cluster?.name ?? 'Cluster'}</h1>
        {cluster && (
          <div className="ml-auto">
            <DownloadKubeconfig clusterId={id} clusterName={cluster.name} />
          </div>
        )}
      </div>
      <PluginWidgets clusterId={id} clusterName={cluster?.name ?? ''} />
      <div className="grid gap-4 lg:grid-cols-[minmax(20rem,28rem)_minmax(0,1fr)]">
        <div className="grid content-start gap-4">
          {cluster && <ClusterCard cluster={cluster} />}
          <Card>
            <CardHeader>
              <CardTitle className="text-base">Browse</CardTitle>
            </CardHeader>
            <CardContent className="flex flex-wrap gap-2">
              {QUICK.map((r) => (
                <Button key={r} variant="outline" size="sm" asChild>
                  <Link href={`/clusters/${raw}/${r}`}>{r}</Link>
                </Button>
              ))}
            </CardContent>
          </Card>
        </div>
        <Card className="min-w-0">
          <CardHeader>
            <CardTitle className="text-base">Recent events</CardTitle>
          </CardHeader>
          <CardContent>
            <EventsList api={argusClient} clusterId={id} limit={40} />
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
