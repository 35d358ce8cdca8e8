/** Cluster overview widget: Calico's policies, IP pools and operator components by health, problems named. */
import { type PluginWidgetProps, usePluginData } from '@argus/plugin-sdk/frontend';
import { HealthBadge, HealthCounts } from '@argus/ui';
import type { Item, TierView } from './types';

const ATTENTION = new Set(['Failed', 'Degraded', 'Unknown', 'Paused']);

export default function OverviewWidget({ api, clusterId }: PluginWidgetProps) {
  const data = usePluginData(`calico-widget:${clusterId}`, async () => {
    const [tiers, pools, tigera] = await Promise.all([
      api.get<{ items: TierView[] }>('/tiers'),
      api.get<{ items: Item[] }>('/resources/ippools'),
      api.get<{ items: Item[] }>('/resources/tigerastatuses'),
    ]);
    return {
      policies: tiers.items.flatMap((t) => t.policies),
      tiers: tiers.items.length,
      pools: pools.items,
      tigera: tigera.items,
    };
  });
  if (data.error) return <p className="text-sm text-destructive">{data.error}</p>;
  if (!data.data) return <p className="text-sm text-muted-foreground">Loading…</p>;
  const { policies, tiers, pools, tigera } = data.data;
  const attention = [
    ...tigera.map((t) => ({
      key: `tigera/${t.metadata.name}`,
      label: `TigeraStatus ${t.metadata.name}`,
      health: t.health,
    })),
    ...pools.map((p) => ({ key: `pool/${p.metadata.name}`, label: `IP pool ${p.metadata.name}`, health: p.health })),
    ...policies.map((p) => ({
      key: `${p.plural}/${p.namespace}/${p.name}`,
      label: `${p.namespace ? `${p.namespace}/` : ''}${p.calicoName}`,
      health: p.health,
    })),
  ].filter((x) => ATTENTION.has(x.health.status));
  return (
    <div className="space-y-2">
      <p className="text-2xl font-semibold">
        {policies.length} <span className="text-sm font-normal text-muted-foreground">policies in {tiers} tiers</span>
      </p>
      <HealthCounts items={policies} label="Calico policies by health" />
      <p className="text-sm text-muted-foreground">
        {pools.length} IP pools · {tigera.filter((t) => t.health.status === 'Healthy').length}/{tigera.length}{' '}
        components available
      </p>
      {attention.length > 0 && (
        <ul aria-label="Calico objects needing attention" className="space-y-1 text-sm">
          {attention.slice(0, 5).map((x) => (
            <li key={x.key} className="flex items-center gap-2">
              <HealthBadge health={x.health} />
              <span className="truncate">{x.label}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
