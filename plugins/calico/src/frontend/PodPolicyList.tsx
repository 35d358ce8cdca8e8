/** The policies that select a pod, in Calico's evaluation order, grouped by tier with each tier's default action. */
import type { PluginApi } from '@argus/plugin-sdk/frontend';
import { Alert, Badge, Skeleton } from '@argus/ui';
import { PolicyTable } from './PolicyTable';
import { CALICO, type PodPolicies } from './types';
import { useCalicoData } from './use-calico';

export function PodPolicyList({
  api,
  clusterId,
  namespace,
  name,
  onOpen,
}: {
  api: PluginApi;
  clusterId: string;
  namespace: string;
  name: string;
  onOpen?(path: string): void;
}) {
  const data = useCalicoData<PodPolicies>(
    api,
    `/pods/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}/policies`,
    {},
    { cluster: clusterId, ...CALICO, resource: 'networkpolicies' },
  );
  if (data.error) return <Alert variant="destructive">{data.error}</Alert>;
  if (!data.data) return <Skeleton className="h-32 w-full" />;
  const d = data.data;
  if (d.hostNetwork)
    return (
      <p className="text-sm">
        This pod uses the host network: it is no Calico workload endpoint, so no policy applies to it.
      </p>
    );
  const open = onOpen
    ? (p: { plural: string; namespace: string | null; name: string }) =>
        onOpen(`/policies/${p.plural}/${encodeURIComponent(p.namespace ?? '_')}/${encodeURIComponent(p.name)}`)
    : undefined;
  return (
    <div className="grid gap-4">
      {d.partial && (
        <Alert>Cluster-wide policies are not shown: you may read Calico objects only in some namespaces.</Alert>
      )}
      {d.policies.length === 0 ? (
        <p className="text-sm">
          No policy selects this pod: Calico allows all its traffic (unless a profile says otherwise).
        </p>
      ) : (
        d.tiers.map((t) => (
          <section key={t.name} className="grid gap-1" data-tier={t.name}>
            <h3 className="flex items-center gap-2 text-sm font-medium">
              Tier {t.name} <Badge variant="outline">order {t.order ?? 'unset'}</Badge>
            </h3>
            <PolicyTable
              label={`Policies of tier ${t.name} selecting the pod`}
              numbered
              policies={d.policies.filter((p) => p.tier === t.name)}
              {...(open ? { onOpen: open } : {})}
            />
            <p className="text-xs text-muted-foreground">
              End of tier {t.name}: traffic no rule decided is{' '}
              {t.defaultAction === 'Pass' ? 'passed to the next tier' : 'denied'} ({t.defaultAction}).
            </p>
          </section>
        ))
      )}
      {d.staged.length > 0 && (
        <section className="grid gap-1">
          <h3 className="text-sm font-medium">Staged policies that would select it (not enforced)</h3>
          <PolicyTable
            label="Staged policies selecting the pod"
            policies={d.staged}
            {...(open ? { onOpen: open } : {})}
          />
        </section>
      )}
      <details>
        <summary className="cursor-pointer text-sm text-muted-foreground">Labels Calico selects on</summary>
        <ul className="mt-1 grid gap-0.5 font-mono text-xs">
          {Object.entries(d.pod.labels).map(([k, v]) => (
            <li key={k}>
              {k}={v}
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
