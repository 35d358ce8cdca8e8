/** Cluster overview card: MariaDB instances by health, and the ones that need a look (with why). */
import type { PluginWidgetProps } from '@argus/plugin-sdk/frontend';
import { HealthBadge, HealthCounts } from '@argus/ui';
import type { MariaDB } from '../shared/types';
import { useMariadbList } from './use-mariadb';

export default function HealthWidget({ api, clusterId }: PluginWidgetProps) {
  const list = useMariadbList<MariaDB>(api, clusterId, 'mariadbs');
  if (list.error && !list.items) return <p className="text-sm text-destructive">{list.error}</p>;
  if (!list.items) return <p className="text-sm text-muted-foreground">Loading…</p>;
  const attention = list.items.filter((m) => m.health.status !== 'Healthy');
  return (
    <div className="grid gap-2">
      <p className="text-2xl font-semibold">{list.items.length}</p>
      <HealthCounts items={list.items} label="MariaDB instances by health" />
      {attention.length > 0 && (
        <ul className="grid gap-1 text-sm" aria-label="MariaDB instances that need attention">
          {attention.slice(0, 5).map((m) => (
            <li key={`${m.metadata.namespace}/${m.metadata.name}`} className="flex items-center gap-2">
              <HealthBadge health={m.health} />
              <span className="truncate">
                {m.metadata.namespace}/{m.metadata.name}: {m.health.reason}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
