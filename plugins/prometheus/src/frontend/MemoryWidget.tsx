import type { PluginWidgetProps } from '@argus/plugin-sdk/frontend';
import { UsageChart } from './UsageChart';

/** The cluster overview's memory chart. */
export default function MemoryWidget({ api, can, clusterId }: PluginWidgetProps) {
  return <UsageChart api={api} metric="memory" clusterWide={can('prometheus.metrics', 'read')} clusterId={clusterId} />;
}
