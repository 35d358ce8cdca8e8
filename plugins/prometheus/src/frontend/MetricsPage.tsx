/** The cluster's Metrics page: Prometheus's status, a PromQL box, usage charts, targets, alerts, rules and monitors. */
import type { PluginPageProps } from '@argus/plugin-sdk/frontend';
import { usePluginData } from '@argus/plugin-sdk/frontend';
import { Card, CardContent, CardHeader, CardTitle, Tabs, TabsContent, TabsList, TabsTrigger } from '@argus/ui';
import { AlertsPanel, MonitorsPanel, RulesPanel, TargetsPanel } from './Panels';
import { QueryPanel } from './QueryPanel';
import { StatusCard } from './StatusCard';
import type { StatusAnswer } from './types';
import { UsageChart } from './UsageChart';

const TABS = ['usage', 'query', 'targets', 'alerts', 'rules', 'monitors'] as const;
type Tab = (typeof TABS)[number];

export default function MetricsPage({ api, can, searchParams, navigate }: PluginPageProps) {
  const status = usePluginData('status', () => api.get<StatusAnswer>('/status'));
  const clusterWide = can('prometheus.metrics', 'read');
  const asked = searchParams.get('tab') as Tab | null;
  const tab: Tab = asked && TABS.includes(asked) ? asked : 'usage';
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-xl font-semibold">Metrics</h1>
      <StatusCard status={status} api={api} canConfigure={can('prometheus.config', 'write')} />
      <Tabs value={tab} onValueChange={(v) => navigate(`/?tab=${v}`)}>
        <TabsList>
          <TabsTrigger value="usage">Usage</TabsTrigger>
          {clusterWide && <TabsTrigger value="query">Query</TabsTrigger>}
          {clusterWide && <TabsTrigger value="targets">Targets</TabsTrigger>}
          {clusterWide && <TabsTrigger value="alerts">Alerts</TabsTrigger>}
          {clusterWide && <TabsTrigger value="rules">Rules</TabsTrigger>}
          <TabsTrigger value="monitors">Monitors</TabsTrigger>
        </TabsList>
        <TabsContent value="usage" className="grid gap-4 lg:grid-cols-2">
          <Card>
            <CardHeader>
              <CardTitle>CPU (cores)</CardTitle>
            </CardHeader>
            <CardContent>
              <UsageChart api={api} metric="cpu" clusterWide={clusterWide} height={220} />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Memory</CardTitle>
            </CardHeader>
            <CardContent>
              <UsageChart api={api} metric="memory" clusterWide={clusterWide} height={220} />
            </CardContent>
          </Card>
        </TabsContent>
        {clusterWide && (
          <>
            <TabsContent value="query">
              <QueryPanel api={api} initial={searchParams.get('query') ?? undefined} />
            </TabsContent>
            <TabsContent value="targets">
              <TargetsPanel api={api} />
            </TabsContent>
            <TabsContent value="alerts">
              <AlertsPanel api={api} />
            </TabsContent>
            <TabsContent value="rules">
              <RulesPanel api={api} />
            </TabsContent>
          </>
        )}
        <TabsContent value="monitors">
          <MonitorsPanel api={api} />
        </TabsContent>
      </Tabs>
    </div>
  );
}
