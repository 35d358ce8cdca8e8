/** Traffic between workloads of a namespace (`/traffic?namespace=&window=`): request rate, errors and p95. */
import type { PluginPageProps } from '@argus/plugin-sdk/frontend';
import { Alert, Skeleton } from '@argus/ui';
import { ms, percent, rps } from './format';
import { Graph, type GraphEdge } from './Graph';
import { Nav } from './Nav';
import type { MeshView, TrafficGraph } from './types';
import { useIstioView } from './use-istio';

const WINDOWS = ['1m', '5m', '15m', '1h'] as const;
const TONE = { Healthy: 'ok', Degraded: 'warn', Failed: 'bad' } as const;

export function TrafficView({
  api,
  namespace,
  window,
}: {
  api: PluginPageProps['api'];
  namespace: string;
  window: string;
}) {
  const res = useIstioView<TrafficGraph>(api, '/traffic', { namespace, window }, 10_000);
  if (res.error && !res.data) return <Alert variant="destructive">{res.error}</Alert>;
  if (res.loading || !res.data) return <Skeleton className="h-64 w-full" />;
  const g = res.data;
  if (!g.available) return <Alert>No traffic graph: {g.reason}</Alert>;
  if (g.edges.length === 0)
    return (
      <p className="text-sm text-muted-foreground">
        No requests in {namespace} in the last {window}.
      </p>
    );
  const max = Math.max(...g.edges.map((e) => e.rps), 0.001);
  const edges: GraphEdge[] = g.edges.map((e) => ({
    from: e.from,
    to: e.to,
    label: [rps(e.rps), e.errorRate > 0 ? `${percent(e.errorRate)} err` : ''].filter(Boolean).join(' · '),
    title: [rps(e.rps), `${percent(e.errorRate)} errors`, ms(e.p95Ms)].filter(Boolean).join(' · '),
    tone: TONE[e.health],
    width: 1 + (5 * e.rps) / max,
  }));
  return (
    <div className="grid min-w-0 grid-cols-[minmax(0,1fr)] gap-2">
      <div className="w-0 min-w-full overflow-x-auto rounded-md border p-2">
        <Graph
          label={`Traffic in ${namespace}`}
          nodes={g.nodes.map((n) => ({
            id: n.id,
            kind: n.kind,
            label: n.label,
            sub: n.kind === 'unknown' ? 'outside the mesh' : `${n.kind} · ${n.namespace}`,
          }))}
          edges={edges}
        />
      </div>
      <table className="w-full text-sm" aria-label="Traffic edges">
        <thead>
          <tr className="text-left text-muted-foreground">
            <th>From</th>
            <th>To</th>
            <th>Rate</th>
            <th>Errors</th>
            <th>p95</th>
          </tr>
        </thead>
        <tbody>
          {g.edges.map((e) => (
            <tr key={`${e.from}->${e.to}`}>
              <td>{g.nodes.find((n) => n.id === e.from)?.label}</td>
              <td>{g.nodes.find((n) => n.id === e.to)?.label}</td>
              <td>{rps(e.rps)}</td>
              <td className={e.health === 'Healthy' ? '' : 'text-destructive'}>{percent(e.errorRate)}</td>
              <td>{e.p95Ms === null ? '—' : `${e.p95Ms.toFixed(1)} ms`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-xs text-muted-foreground">
        From Prometheus ({g.source}), istio_requests_total over {window}.
      </p>
    </div>
  );
}

export default function TrafficPage({ api, searchParams, navigate }: PluginPageProps) {
  const mesh = useIstioView<MeshView>(api, '/mesh', undefined, 60_000);
  const choices = (mesh.data?.namespaces ?? []).filter((n) => n.injection !== 'none').map((n) => n.name);
  const namespace = searchParams.get('namespace') ?? choices[0] ?? '';
  const window = searchParams.get('window') ?? '5m';
  const go = (ns: string, w: string) => navigate(`/traffic?namespace=${encodeURIComponent(ns)}&window=${w}`);
  return (
    <div className="grid min-w-0 grid-cols-[minmax(0,1fr)] gap-4">
      <Nav current="traffic" navigate={navigate} />
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="text-xl font-semibold">Traffic</h1>
        <select
          aria-label="Namespace"
          className="ml-auto h-9 rounded-md border bg-background px-2 text-sm"
          value={namespace}
          onChange={(e) => go(e.target.value, window)}
        >
          {[...new Set([namespace, ...choices])].filter(Boolean).map((n) => (
            <option key={n}>{n}</option>
          ))}
        </select>
        <select
          aria-label="Window"
          className="h-9 rounded-md border bg-background px-2 text-sm"
          value={window}
          onChange={(e) => go(namespace, e.target.value)}
        >
          {WINDOWS.map((w) => (
            <option key={w}>{w}</option>
          ))}
        </select>
      </div>
      {namespace ? (
        <TrafficView api={api} namespace={namespace} window={window} />
      ) : (
        <Skeleton className="h-64 w-full" />
      )}
    </div>
  );
}
