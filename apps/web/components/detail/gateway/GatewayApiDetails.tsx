'use client';
import { Badge, StatusBadge } from '@argus/ui';
import type { KubeObject } from '@/lib/kube';
import type { KindDetailsProps } from '../KindDetails';
import { arr, DetailTable, Fields, MUTED, ObjectLink, rec, Section, str, useKubeList } from '../shared';
import { attachesTo, type Backend, parentRefs, routeRules } from './route-model';

const G = 'gateway.networking.k8s.io';
const GATEWAYS = { group: G, version: 'v1', resource: 'gateways', namespaced: true };
const HTTP_ROUTES = { group: G, version: 'v1', resource: 'httproutes', namespaced: true };
const GRPC_ROUTES = { group: G, version: 'v1', resource: 'grpcroutes', namespaced: true };

const conditionsOf = (o: Record<string, unknown>) =>
  arr(o.conditions).map((c) => ({
    type: str(c.type) ?? '',
    status: str(c.status) ?? '',
    reason: str(c.reason),
    message: str(c.message),
  }));

function Conditions({ of }: { of: Record<string, unknown> }) {
  const list = conditionsOf(of);
  if (list.length === 0) return <span className={MUTED}>no status yet</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {list.map((c) => (
        <Badge key={c.type} variant={c.status === 'True' ? 'secondary' : 'destructive'} title={c.message}>
          {c.type}
          {c.status === 'True' ? '' : `: ${c.reason ?? c.status}`}
        </Badge>
      ))}
    </span>
  );
}

function BackendLink({ clusterId, b }: { clusterId: string; b: Backend }) {
  const label = `${b.name}${b.port ? `:${b.port}` : ''}`;
  return b.kind === 'Service' ? (
    <ObjectLink clusterId={clusterId} kind="services" name={b.name} namespace={b.namespace}>
      {b.namespace ? `${b.namespace}/${label}` : label}
    </ObjectLink>
  ) : (
    <span>{`${b.kind} ${label}`}</span>
  );
}

/** HTTPRoute / GRPCRoute: hostnames, the Gateways it attaches to (with their verdicts), rules → backends. */
export function RouteDetails({ clusterId, object }: KindDetailsProps) {
  const rules = routeRules(object);
  const parents = arr(rec(object.status).parents);
  const services = useKubeList(clusterId, { group: '', version: 'v1', resource: 'services', namespaced: true }, {});
  const known = new Set((services.data?.items ?? []).map((s) => `${s.metadata.namespace}/${s.metadata.name}`));
  const missing = (b: Backend) => b.kind === 'Service' && services.data && !known.has(`${b.namespace}/${b.name}`);
  return (
    <div className="grid gap-4">
      <Fields rows={{ Hostnames: arr<string>(rec(object.spec).hostnames).join(', ') || 'any' }} />
      <Section title="Gateways">
        <DetailTable
          label="Parent gateways"
          rows={parentRefs(object)}
          rowKey={(p) => `${p.namespace}/${p.name}/${p.section ?? ''}`}
          columns={[
            {
              header: 'Gateway',
              cell: (p) => (
                <ObjectLink clusterId={clusterId} kind={GATEWAYS} name={p.name} namespace={p.namespace}>
                  {`${p.namespace}/${p.name}`}
                </ObjectLink>
              ),
            },
            { header: 'Listener', cell: (p) => p.section ?? <span className={MUTED}>all</span> },
            {
              header: 'Status',
              cell: (p) => (
                <Conditions
                  of={rec(parents.find((s) => rec(s.parentRef).name === p.name)) as Record<string, unknown>}
                />
              ),
            },
          ]}
        />
      </Section>
      <Section title="Rules">
        <DetailTable
          label="Route rules"
          rows={rules}
          rowKey={(_, i) => String(i)}
          empty="No rules: the route matches nothing."
          columns={[
            { header: '#', cell: (r) => String(rules.indexOf(r) + 1), className: 'w-8' },
            { header: 'Matches', cell: (r) => (r.matches.length ? r.matches.join(' or ') : 'everything') },
            { header: 'Filters', cell: (r) => r.filters.join(', ') || <span className={MUTED}>—</span> },
            {
              header: 'Backends',
              cell: (r) =>
                r.backends.length === 0 ? (
                  <span className={MUTED}>none (filters only)</span>
                ) : (
                  <ul className="grid gap-1">
                    {r.backends.map((b) => (
                      <li key={`${b.namespace}/${b.name}/${b.port}`} className="flex flex-wrap items-center gap-2">
                        <BackendLink clusterId={clusterId} b={b} />
                        {r.backends.length > 1 && <Badge variant="outline">{b.share}%</Badge>}
                        {missing(b) && <StatusBadge status="Not found" />}
                      </li>
                    ))}
                  </ul>
                ),
            },
          ]}
        />
      </Section>
    </div>
  );
}

/** Gateway: class, addresses, listeners with their attached-route counts, and the routes attached to it. */
export function GatewayDetails({ clusterId, object }: KindDetailsProps) {
  const spec = rec(object.spec);
  const status = rec(object.status);
  const listenerStatus = new Map(arr(status.listeners).map((l) => [str(l.name), l]));
  const http = useKubeList(clusterId, HTTP_ROUTES, {});
  const grpc = useKubeList(clusterId, GRPC_ROUTES, {});
  const routes: Array<{ kind: 'httproutes' | 'grpcroutes'; o: KubeObject }> = [
    ...(http.data?.items ?? []).map((o) => ({ kind: 'httproutes' as const, o })),
    ...(grpc.data?.items ?? []).map((o) => ({ kind: 'grpcroutes' as const, o })),
  ].filter((r) => attachesTo(r.o, object));
  return (
    <div className="grid gap-4">
      <Fields
        rows={{
          Class: str(spec.gatewayClassName),
          Addresses: arr(status.addresses)
            .map((a) => str(a.value))
            .join(', '),
          Status: <Conditions of={status} />,
        }}
      />
      <Section title="Listeners">
        <DetailTable
          label="Listeners"
          rows={arr(spec.listeners)}
          rowKey={(l) => str(l.name) ?? ''}
          columns={[
            { header: 'Name', cell: (l) => str(l.name) },
            { header: 'Protocol', cell: (l) => `${str(l.protocol)} ${str(l.port)}` },
            { header: 'Hostname', cell: (l) => str(l.hostname) ?? <span className={MUTED}>any</span> },
            {
              header: 'TLS',
              cell: (l) =>
                arr(rec(l.tls).certificateRefs)
                  .map((c) => str(c.name))
                  .join(', ') || <span className={MUTED}>—</span>,
            },
            { header: 'Attached routes', cell: (l) => str(rec(listenerStatus.get(str(l.name))).attachedRoutes) ?? '0' },
            { header: 'Status', cell: (l) => <Conditions of={rec(listenerStatus.get(str(l.name)))} /> },
          ]}
        />
      </Section>
      <Section title="Routes">
        <DetailTable
          label="Attached routes"
          rows={routes}
          rowKey={(r) => `${r.kind}/${r.o.metadata.namespace}/${r.o.metadata.name}`}
          empty={http.isLoading ? 'Loading…' : 'No route attaches to this gateway.'}
          columns={[
            {
              header: 'Route',
              cell: (r) => (
                <ObjectLink
                  clusterId={clusterId}
                  kind={r.kind === 'httproutes' ? HTTP_ROUTES : GRPC_ROUTES}
                  name={r.o.metadata.name}
                  namespace={r.o.metadata.namespace}
                >
                  {`${r.kind === 'httproutes' ? 'HTTPRoute' : 'GRPCRoute'} ${r.o.metadata.namespace}/${r.o.metadata.name}`}
                </ObjectLink>
              ),
            },
            { header: 'Hostnames', cell: (r) => arr<string>(rec(r.o.spec).hostnames).join(', ') || 'any' },
            {
              header: 'Backends',
              cell: (r) =>
                routeRules(r.o)
                  .flatMap((rule) => rule.backends.map((b) => `${b.name}${b.port ? `:${b.port}` : ''}`))
                  .join(', ') || <span className={MUTED}>—</span>,
            },
          ]}
        />
      </Section>
    </div>
  );
}
