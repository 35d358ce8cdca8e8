/** Cluster overview widget: KEDA's scalers (ScaledObjects and ScaledJobs) by health, the unhealthy ones named. */
import { type PluginWidgetProps, usePluginData } from '@argus/plugin-sdk/frontend';
import { HealthBadge, HealthCounts } from '@argus/ui';
import type { ScaledJobItem, ScaledObjectItem } from './types';

type Scaler = (ScaledObjectItem | ScaledJobItem) & { kindLabel: string };
const ATTENTION = new Set(['Failed', 'Degraded', 'Unknown']);

export default function HealthWidget({ api, clusterId }: PluginWidgetProps) {
  const data = usePluginData(`keda-widget:${clusterId}`, async () => {
    const [so, sj] = await Promise.all([
      api.get<{ items: ScaledObjectItem[] }>('/resources/scaledobjects'),
      api.get<{ items: ScaledJobItem[] }>('/resources/scaledjobs'),
    ]);
    return [
      ...so.items.map((o) => ({ ...o, kindLabel: 'ScaledObject' })),
      ...sj.items.map((o) => ({ ...o, kindLabel: 'ScaledJob' })),
    ] as Scaler[];
  });
  if (data.error) return <p className="text-sm text-destructive">{data.error}</p>;
  if (!data.data) return <p className="text-sm text-muted-foreground">Loading…</p>;
  const scalers = data.data;
  const attention = scalers.filter((s) => ATTENTION.has(s.health.status));
  return (
    <div className="space-y-2">
      <p className="text-2xl font-semibold">
        {scalers.length} <span className="text-sm font-normal text-muted-foreground">scalers</span>
      </p>
      <HealthCounts items={scalers} label="KEDA scalers by health" />
      {attention.length > 0 && (
        <ul aria-label="Scalers needing attention" className="space-y-1 text-sm">
          {attention.slice(0, 5).map((s) => (
            <li key={`${s.kindLabel}/${s.metadata.namespace}/${s.metadata.name}`} className="flex items-center gap-2">
              <HealthBadge health={s.health} />
              <span className="truncate">
                {s.metadata.namespace}/{s.metadata.name}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
