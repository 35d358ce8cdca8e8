import type { PluginWidgetProps } from '@argus/plugin-sdk/frontend';
import { UsageChart } from './UsageChart';

/** The cluster overview's cpu chart. */
export default function CpuWidget({ api, can, clusterId }: PluginWidgetProps) {
  return <UsageChart api={api} metric="cpu" clusterWide={can('prometheus.metrics', 'read')} clusterId={clusterId} />;
}
