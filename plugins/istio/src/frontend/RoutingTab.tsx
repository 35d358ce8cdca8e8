/** "Istio routing" on a core Service: the VirtualServices that route to it, its DestinationRules, the policies. */
import type { PluginDetailTabProps } from '@argus/plugin-sdk/frontend';
import { Alert, Card, CardContent, CardHeader, CardTitle, HealthBadge, Skeleton } from '@argus/ui';
import type { ServiceRouting } from './types';
import { useIstioView } from './use-istio';

export default function RoutingTab({ api, object, navigate }: PluginDetailTabProps) {
  const ns = object.metadata.namespace ?? '';
  const res = useIstioView<ServiceRouting>(
    api,
    `/services/${encodeURIComponent(ns)}/${encodeURIComponent(object.metadata.name)}`,
  );
  if (res.error && !res.data) return <Alert variant="destructive">{res.error}</Alert>;
  if (!res.data) return <Skeleton className="h-32 w-full" />;
  const r = res.data;
  return (
    <div className="grid gap-4 text-sm">
      <p className="text-muted-foreground">
        {r.pods.withSidecar} of {r.pods.total} pods behind this Service have the istio-proxy sidecar.
      </p>
      <Card>
        <CardHeader>
          <CardTitle>Routed by</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-3">
          {r.virtualServices.length === 0 && (
            <p className="text-muted-foreground">No VirtualService routes to this Service.</p>
          )}
          {r.virtualServices.map((vs) => (
            <div key={`${vs.namespace}/${vs.name}`} className="grid gap-1">
              <div className="flex items-center gap-2">
                <button
                  type="button"
                  className="font-medium underline"
                  onClick={() => navigate(`/virtualservices/${vs.namespace}/${vs.name}`)}
                >
                  {vs.namespace}/{vs.name}
                </button>
                <HealthBadge health={vs.health} />
                <span className="text-muted-foreground">via {vs.gateways.join(', ')}</span>
              </div>
              {vs.routes.map((route) => (
                <ul key={route.index} className="ml-4 list-disc">
                  {route.destinations.map((d, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: destinations are positional
                    <li key={i}>
                      {d.host}
                      {d.subset ? ` subset ${d.subset}` : ''}
                      {d.port ? `:${d.port}` : ''} — {d.weight === null ? 'no weight' : `${d.weight}%`}
                    </li>
                  ))}
                </ul>
              ))}
            </div>
          ))}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Destination rules</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-2">
          {r.destinationRules.length === 0 && (
            <p className="text-muted-foreground">No DestinationRule for this host.</p>
          )}
          {r.destinationRules.map((dr) => (
            <div key={`${dr.namespace}/${dr.name}`} className="grid gap-1">
              <div className="flex items-center gap-2">
                <span className="font-medium">
                  {dr.namespace}/{dr.name}
                </span>
                <HealthBadge health={dr.health} />
                {dr.tls && <span className="text-muted-foreground">TLS {dr.tls}</span>}
              </div>
              <ul className="ml-4 list-disc">
                {dr.subsets.map((s) => (
                  <li key={s.name} className={s.pods === 0 ? 'text-destructive' : ''}>
                    {s.name} (
                    {Object.entries(s.labels)
                      .map(([k, v]) => `${k}=${v}`)
                      .join(', ')}
                    ): {s.pods} pods
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Policies that apply</CardTitle>
        </CardHeader>
        <CardContent>
          {r.policies.length === 0 ? (
            <p className="text-muted-foreground">
              No PeerAuthentication, AuthorizationPolicy or RequestAuthentication applies.
            </p>
          ) : (
            <ul className="grid gap-1">
              {r.policies.map((p) => (
                <li key={`${p.kind}/${p.namespace}/${p.name}`}>
                  {p.kind} {p.namespace}/{p.name}: {p.detail} <span className="text-muted-foreground">({p.scope})</span>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
