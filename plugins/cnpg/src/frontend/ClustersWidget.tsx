/** Cluster overview card: PostgreSQL clusters by health, and the ones that need a look. */
import type { PluginWidgetProps } from '@argus/plugin-sdk/frontend';
import { HealthBadge, HealthCounts } from '@argus/ui';
import type { Cluster } from '../shared/types';
import { useCnpgList } from './use-cnpg';

export default function ClustersWidget({ api, clusterId }: PluginWidgetProps) {
  const list = useCnpgList<Cluster>(api, clusterId, 'clusters');
  if (list.error && !list.items) return <p className="text-sm text-destructive">{list.error}</p>;
  if (!list.items) return <p className="text-sm text-muted-foreground">Loading…</p>;
  const attention = list.items.filter((c) => c.health.status !== 'Healthy');
  return (
    <div className="grid gap-2">
      <p className="text-2xl font-semibold">{list.items.length}</p>
      <HealthCounts items={list.items} label="PostgreSQL clusters by health" />
      {attention.length > 0 && (
        <ul className="grid gap-1 text-sm" aria-label="Clusters that need attention">
          {attention.slice(0, 5).map((c) => (
            <li key={`${c.metadata.namespace}/${c.metadata.name}`} className="flex items-center gap-2">
              <HealthBadge health={c.health} />
              <span className="truncate">
                {c.metadata.namespace}/{c.metadata.name}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
