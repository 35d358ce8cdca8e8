/** The mesh at a glance: istiod, sidecar coverage per namespace, and every validation problem. */
import type { PluginPageProps } from '@argus/plugin-sdk/frontend';
import { Alert, Card, CardContent, CardHeader, CardTitle, Skeleton } from '@argus/ui';
import { LevelBadge } from './Messages';
import { Nav } from './Nav';
import type { MeshView, Problem } from './types';
import { useIstioView } from './use-istio';

function MeshCard({ mesh }: { mesh: MeshView }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Mesh membership</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        <p>
          istiod: {mesh.istiod.found ? `${mesh.istiod.ready}/${mesh.istiod.desired} ready` : 'not found'} ·{' '}
          {mesh.totals.withSidecar} of {mesh.totals.pods} pods with a sidecar in {mesh.totals.injectedNamespaces}{' '}
          injected namespaces
        </p>
        <table className="w-full" aria-label="Namespaces in the mesh">
          <thead>
            <tr className="text-left text-muted-foreground">
              <th>Namespace</th>
              <th>Injection</th>
              <th>Sidecars</th>
              <th>Pods without a sidecar</th>
            </tr>
          </thead>
          <tbody>
            {mesh.namespaces.map((n) => (
              <tr key={n.name}>
                <td>{n.name}</td>
                <td>{n.injection === 'revision' ? `revision ${n.revision}` : n.injection}</td>
                <td>
                  {n.withSidecar}/{n.pods}
                </td>
                <td className="text-muted-foreground">
                  {n.withoutSidecar.slice(0, 5).join(', ')}
                  {n.withoutSidecar.length > 5 ? ` and ${n.withoutSidecar.length - 5} more` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </CardContent>
    </Card>
  );
}

export function ProblemsList({ problems, navigate }: { problems: readonly Problem[]; navigate(path: string): void }) {
  if (problems.length === 0) return <p className="text-sm text-muted-foreground">No validation problems.</p>;
  return (
    <ul className="grid gap-1 text-sm" aria-label="Problems">
      {problems.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: one object may have the same code twice
        <li key={i} className="flex flex-wrap items-center gap-2">
          <LevelBadge level={p.level} />
          <code className="font-mono text-xs">{p.code}</code>
          <button
            type="button"
            className="underline"
            onClick={() => navigate(`/${p.plural}/${p.namespace}/${p.object}`)}
          >
            {p.kind} {p.namespace}/{p.object}
          </button>
          <span className="text-muted-foreground">{p.message || p.name}</span>
        </li>
      ))}
    </ul>
  );
}

export default function OverviewPage({ api, navigate }: PluginPageProps) {
  const mesh = useIstioView<MeshView>(api, '/mesh');
  const problems = useIstioView<{ items: Problem[] }>(api, '/problems');
  return (
    <div className="grid gap-4">
      <Nav current="overview" navigate={navigate} />
      <h1 className="text-xl font-semibold">Istio</h1>
      {mesh.error && !mesh.data && <Alert variant="destructive">{mesh.error}</Alert>}
      {mesh.data ? <MeshCard mesh={mesh.data} /> : <Skeleton className="h-32 w-full" />}
      <Card>
        <CardHeader>
          <CardTitle>Problems</CardTitle>
        </CardHeader>
        <CardContent>
          {problems.error && !problems.data && <Alert variant="destructive">{problems.error}</Alert>}
          {problems.data ? (
            <ProblemsList problems={problems.data.items} navigate={navigate} />
          ) : (
            <Skeleton className="h-16 w-full" />
          )}
        </CardContent>
      </Card>
    </div>
  );
}
