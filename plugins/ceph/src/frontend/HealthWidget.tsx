/** Cluster overview widget: each CephCluster's health with Ceph's checks and capacity used, and the other Rook objects by health. */
import { type PluginWidgetProps, usePluginData } from '@argus/plugin-sdk/frontend';
import { HealthBadge, HealthCounts } from '@argus/ui';
import { bytes, type ClusterItem, type Item } from './types';

const OTHERS = ['cephblockpools', 'cephfilesystems', 'cephobjectstores', 'objectbucketclaims'] as const;

export default function HealthWidget({ api, clusterId }: PluginWidgetProps) {
  const data = usePluginData(`ceph-widget:${clusterId}`, async () => {
    const [clusters, ...others] = await Promise.all([
      api.get<{ items: ClusterItem[] }>('/resources/cephclusters'),
      ...OTHERS.map((p) => api.get<{ items: Item[] }>(`/resources/${p}`)),
    ]);
    return { clusters: clusters.items, others: others.flatMap((o) => o.items) };
  });
  if (data.error) return <p className="text-sm text-destructive">{data.error}</p>;
  if (!data.data) return <p className="text-sm text-muted-foreground">Loading…</p>;
  return (
    <div className="space-y-2">
      {data.data.clusters.map((c) => (
        <div key={`${c.metadata.namespace}/${c.metadata.name}`} className="space-y-1">
          <div className="flex items-center gap-2">
            <HealthBadge health={c.health} />
            <span className="truncate text-sm font-medium">
              {c.metadata.namespace}/{c.metadata.name}
            </span>
            <span className="ml-auto text-sm">{c.summary.cephHealth ?? '—'}</span>
          </div>
          {c.summary.checks.length > 0 && (
            <ul aria-label="Ceph health checks" className="text-xs text-muted-foreground">
              {c.summary.checks.slice(0, 3).map((k) => (
                <li key={k.code}>
                  <code>{k.code}</code> {k.message}
                </li>
              ))}
            </ul>
          )}
          {c.summary.capacity && (
            <p className="text-xs tabular-nums text-muted-foreground">
              {bytes(c.summary.capacity.used)} / {bytes(c.summary.capacity.total)} used (
              {c.summary.capacity.usedPercent}%) · {c.summary.mons.running} mon · {c.summary.mgrs} mgr ·{' '}
              {c.summary.osds} osd
            </p>
          )}
        </div>
      ))}
      <HealthCounts items={data.data.others} label="Pools, filesystems, object stores and bucket claims by health" />
    </div>
  );
}
