/**
 * Calico's tiers in evaluation order, each with its policies in evaluation order (Calico's, staged, and
 * Kubernetes NetworkPolicies in the default tier); `?namespace=` narrows the namespaced ones, `?q=` filters.
 * `/policies/{plural}/{namespace|_}/{name}` is one policy; `/policies/pod/{namespace}/{name}` the policies of a pod.
 */
import type { PluginPageProps } from '@argus/plugin-sdk/frontend';
import { Alert, Badge, Card, CardContent, CardHeader, CardTitle, Input, Skeleton } from '@argus/ui';
import { PageShell } from './CalicoNav';
import { PodPolicyList } from './PodPolicyList';
import { PolicyDetail } from './PolicyDetail';
import { PolicyTable } from './PolicyTable';
import { CALICO, type TierView } from './types';
import { useCalicoData } from './use-calico';

export default function PoliciesPage(props: PluginPageProps) {
  const [plural, namespace, name] = props.subpath;
  // `/policies/pod/{namespace}/{name}`: the policies that select one pod (also a tab on the pod's page).
  if (plural === 'pod' && namespace && name)
    return (
      <PageShell current="/policies" navigate={props.navigate}>
        <h2 className="text-lg font-semibold">
          Policies selecting pod {namespace}/{name}
        </h2>
        <PodPolicyList
          api={props.api}
          clusterId={props.clusterId}
          namespace={namespace}
          name={name}
          onOpen={props.navigate}
        />
      </PageShell>
    );
  if (plural && namespace && name)
    return (
      <PageShell current="/policies" navigate={props.navigate}>
        <PolicyDetail {...props} plural={plural} namespace={namespace === '_' ? undefined : namespace} name={name} />
      </PageShell>
    );
  return <TierList {...props} />;
}

function TierList({ api, clusterId, searchParams, navigate }: PluginPageProps) {
  const namespace = searchParams.get('namespace') ?? undefined;
  const q = (searchParams.get('q') ?? '').toLowerCase();
  const tiers = useCalicoData<{ items: TierView[]; partial: boolean }>(
    api,
    '/tiers',
    { namespace },
    { cluster: clusterId, ...CALICO, resource: 'networkpolicies' },
  );
  const setParam = (k: string, v: string) => {
    const next = new URLSearchParams(searchParams);
    if (v) next.set(k, v);
    else next.delete(k);
    const s = next.toString();
    navigate(`/policies${s ? `?${s}` : ''}`);
  };
  return (
    <PageShell current="/policies" navigate={navigate}>
      <div className="flex flex-wrap items-center gap-2">
        <p className="text-sm text-muted-foreground">
          Evaluation order: tier order, then policy order (unset last), then name. Kubernetes NetworkPolicies are in the
          default tier at order 1000.
        </p>
        <Input
          aria-label="Namespace"
          placeholder="All namespaces"
          defaultValue={namespace ?? ''}
          onKeyDown={(e) => {
            if (e.key === 'Enter') setParam('namespace', (e.target as HTMLInputElement).value.trim());
          }}
          className="ml-auto w-44"
        />
        <Input
          type="search"
          aria-label="Filter"
          placeholder="Filter…"
          defaultValue={searchParams.get('q') ?? ''}
          onChange={(e) => setParam('q', e.target.value)}
          className="w-56"
        />
      </div>
      {tiers.error && <Alert variant="destructive">{tiers.error}</Alert>}
      {tiers.data?.partial && (
        <Alert>Cluster-wide policies are not shown: you may read Calico objects only in some namespaces.</Alert>
      )}
      {!tiers.data && !tiers.error && <Skeleton className="h-48 w-full" />}
      <div className="grid gap-3 overflow-auto">
        {tiers.data?.items.map((t) => {
          const policies = t.policies.filter(
            (p) => !q || `${p.namespace ?? ''}/${p.calicoName} ${p.selector} ${p.kind}`.toLowerCase().includes(q),
          );
          return (
            <Card key={t.name} data-tier={t.name}>
              <CardHeader>
                <CardTitle className="flex flex-wrap items-center gap-2 text-base">
                  Tier {t.name}
                  <Badge variant="outline">order {t.order ?? 'unset'}</Badge>
                  <Badge variant="outline">default action {t.defaultAction}</Badge>
                  {!t.exists && <Badge variant="destructive">missing</Badge>}
                </CardTitle>
              </CardHeader>
              <CardContent>
                <PolicyTable
                  label={`Policies of tier ${t.name}`}
                  policies={policies}
                  onOpen={(p) =>
                    navigate(
                      `/policies/${p.plural}/${encodeURIComponent(p.namespace ?? '_')}/${encodeURIComponent(p.name)}`,
                    )
                  }
                />
              </CardContent>
            </Card>
          );
        })}
      </div>
    </PageShell>
  );
}
