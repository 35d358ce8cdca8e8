/** Cluster overview widget: how many releases are in each status. */
import { type PluginWidgetProps, usePluginData } from '@argus/plugin-sdk/frontend';
import { StatusBadge } from '@argus/ui';
import type { ReleaseSummary } from './types';

export default function StatusWidget({ api, clusterId }: PluginWidgetProps) {
  const list = usePluginData(`widget:${clusterId}`, () => api.get<{ items: ReleaseSummary[] }>('/releases'));
  if (list.error) return <p className="text-sm text-destructive">{list.error}</p>;
  if (!list.data) return <p className="text-sm text-muted-foreground">Loading…</p>;
  const counts = new Map<string, number>();
  for (const r of list.data.items) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  return (
    <div className="space-y-2">
      <p className="text-2xl font-semibold">{list.data.items.length}</p>
      <ul className="flex flex-wrap gap-2">
        {[...counts].map(([status, n]) => (
          <li key={status} className="flex items-center gap-1 text-sm">
            <StatusBadge status={status} /> {n}
          </li>
        ))}
      </ul>
    </div>
  );
}
