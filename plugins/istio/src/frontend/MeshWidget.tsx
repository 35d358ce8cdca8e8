/** Cluster overview card: istiod, sidecar coverage, and the count of validation errors and warnings. */
import type { PluginWidgetProps } from '@argus/plugin-sdk/frontend';
import type { MeshView, Problem } from './types';
import { useIstioView } from './use-istio';

export default function MeshWidget({ api }: PluginWidgetProps) {
  const mesh = useIstioView<MeshView>(api, '/mesh', undefined, 30_000);
  const problems = useIstioView<{ items: Problem[] }>(api, '/problems', undefined, 30_000);
  if (mesh.error && !mesh.data) return <p className="text-sm text-destructive">{mesh.error}</p>;
  if (!mesh.data) return <p className="text-sm text-muted-foreground">Loading…</p>;
  const m = mesh.data;
  const errors = problems.data?.items.filter((p) => p.level === 'ERROR') ?? [];
  const warnings = problems.data?.items.filter((p) => p.level === 'WARNING') ?? [];
  return (
    <div className="grid gap-2 text-sm">
      <p className="text-2xl font-semibold">
        {m.totals.withSidecar}/{m.totals.pods}
      </p>
      <p className="text-muted-foreground">pods with a sidecar in {m.totals.injectedNamespaces} injected namespaces</p>
      <p>istiod: {m.istiod.found ? `${m.istiod.ready}/${m.istiod.desired} ready` : 'not found'}</p>
      <p>
        <span className={errors.length ? 'text-destructive' : ''}>{errors.length} errors</span> ·{' '}
        <span className={warnings.length ? 'text-warning' : ''}>{warnings.length} warnings</span>
      </p>
      {errors.slice(0, 3).map((p) => (
        <p key={`${p.kind}/${p.namespace}/${p.object}/${p.message}`} className="truncate">
          {p.code} {p.kind} {p.namespace}/{p.object}
        </p>
      ))}
    </div>
  );
}
