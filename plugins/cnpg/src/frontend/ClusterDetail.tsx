/** One PostgreSQL cluster: overview and actions, then its objects, conditions, events and YAML in tabs. */
import { EventsList, type PluginPageProps, useArgusHost } from '@argus/plugin-sdk/frontend';
import { ConditionsTable, conditionsOf, Tabs, TabsContent, TabsList, TabsTrigger, YamlView } from '@argus/ui';
import { ClusterLoading, ClusterOverview, useCluster } from './ClusterOverview';
import { ClusterRelated } from './ClusterRelated';

const TABS = ['related', 'conditions', 'events', 'yaml'] as const;

export function ClusterDetail({
  api,
  clusterId,
  namespace,
  name,
  searchParams,
  navigate,
  genericHref,
}: PluginPageProps & { namespace: string; name: string; genericHref: string }) {
  const { Link } = useArgusHost();
  const res = useCluster(api, clusterId, namespace, name);
  const tab = TABS.find((t) => t === searchParams.get('tab')) ?? 'related';
  if (!res.object) return <ClusterLoading error={res.error} />;
  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-xl font-semibold">{name}</h1>
        <span className="text-sm text-muted-foreground">{namespace}</span>
        <Link href={genericHref} className="ml-auto text-sm text-primary hover:underline">
          Object details
        </Link>
      </div>
      <ClusterOverview api={api} clusterId={clusterId} cluster={res.object} reload={res.reload} />
      <Tabs value={tab} onValueChange={(t) => navigate(`/clusters/${namespace}/${name}?tab=${t}`)}>
        <TabsList>
          <TabsTrigger value="related">Objects</TabsTrigger>
          <TabsTrigger value="conditions">Conditions</TabsTrigger>
          <TabsTrigger value="events">Events</TabsTrigger>
          <TabsTrigger value="yaml">YAML</TabsTrigger>
        </TabsList>
        <TabsContent value="related">
          <ClusterRelated clusterId={clusterId} namespace={namespace} name={name} />
        </TabsContent>
        <TabsContent value="conditions">
          <ConditionsTable conditions={conditionsOf(res.object)} />
        </TabsContent>
        <TabsContent value="events">
          <EventsList api={api} clusterId={clusterId} namespace={namespace} name={name} kind="Cluster" />
        </TabsContent>
        <TabsContent value="yaml">
          <YamlView value={withoutExtras(res.object)} label={`${name} YAML`} />
        </TabsContent>
      </Tabs>
    </div>
  );
}

/** The object as the cluster has it (without what the plugin adds: health, summary, actions). */
function withoutExtras(o: Record<string, unknown>): Record<string, unknown> {
  const { health: _h, summary: _s, actions: _a, ...rest } = o;
  return rest;
}
