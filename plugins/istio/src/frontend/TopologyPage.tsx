/** The config topology (`/topology?namespace=`): Gateway → VirtualService → Service/subset → Deployment. */
import type { PluginPageProps } from '@argus/plugin-sdk/frontend';
import { Alert, Input, Skeleton } from '@argus/ui';
import { Graph } from './Graph';
import { Nav } from './Nav';
import type { Topology } from './types';
import { useIstioView } from './use-istio';

export default function TopologyPage({ api, searchParams, navigate }: PluginPageProps) {
  const namespace = searchParams.get('namespace') ?? undefined;
  const res = useIstioView<Topology>(api, '/topology', namespace ? { namespace } : undefined, 30_000);
  return (
    <div className="grid min-w-0 grid-cols-[minmax(0,1fr)] gap-4">
      <Nav current="topology" navigate={navigate} />
      <div className="flex items-center gap-2">
        <h1 className="text-xl font-semibold">Config topology</h1>
        <Input
          aria-label="Namespace"
          placeholder="All namespaces"
          className="ml-auto w-56"
          defaultValue={namespace ?? ''}
          onBlur={(e) =>
            navigate(e.target.value ? `/topology?namespace=${encodeURIComponent(e.target.value)}` : '/topology')
          }
        />
      </div>
      {res.error && !res.data && <Alert variant="destructive">{res.error}</Alert>}
      {!res.data ? (
        <Skeleton className="h-64 w-full" />
      ) : res.data.nodes.length === 0 ? (
        <p className="text-sm text-muted-foreground">No routing configuration{namespace ? ` in ${namespace}` : ''}.</p>
      ) : (
        <div className="w-0 min-w-full overflow-x-auto rounded-md border p-2">
          <Graph
            label="Config topology"
            nodes={res.data.nodes.map((n) => ({
              id: n.id,
              kind: n.kind,
              label: n.label,
              sub: `${n.kind}${n.namespace ? ` · ${n.namespace}` : ''}`,
            }))}
            edges={res.data.edges.map((e) => ({
              from: e.from,
              to: e.to,
              label: e.label,
              tone: e.to.startsWith('Host:') ? 'bad' : 'muted',
              width: e.weight === null ? 1.5 : 1 + e.weight / 25,
            }))}
          />
        </div>
      )}
    </div>
  );
}
