'use client';
import { useQuery } from '@tanstack/react-query';
import { OpenPortButton } from '@/components/OpenPortButton';
import { api } from '@/lib/api';
import type { KubeObject } from '@/lib/kube';
import { objectPath } from '@/lib/resources';
import type { KindDetailsProps } from '../KindDetails';
import { PodTable } from '../pod/PodTable';
import { arr, DetailTable, Fields, KeyValues, MUTED, ObjectLink, rec, Section, selectorString, str } from '../shared';

const ENDPOINTS = { group: '', version: 'v1', resource: 'endpoints', kind: 'Endpoints', namespaced: true, verbs: [] };

interface Address {
  ip: string;
  ready: boolean;
  pod?: string;
  node?: string;
  ports: string;
}

/** The addresses an Endpoints object lists, ready and not ready, with the pod behind each. */
export function endpointAddresses(ep: KubeObject | undefined): Address[] {
  return arr(ep?.subsets).flatMap((s) => {
    const ports = arr(s.ports)
      .map((p) => `${str(p.port)}/${str(p.protocol) ?? 'TCP'}${p.name ? ` (${str(p.name)})` : ''}`)
      .join(', ');
    const one = (a: Record<string, unknown>, ready: boolean): Address => ({
      ip: str(a.ip) ?? '',
      ready,
      pod: rec(a.targetRef).kind === 'Pod' ? str(rec(a.targetRef).name) : undefined,
      node: str(a.nodeName),
      ports,
    });
    return [...arr(s.addresses).map((a) => one(a, true)), ...arr(s.notReadyAddresses).map((a) => one(a, false))];
  });
}

/** A Service: type, addresses, ports, its selector and the pods and endpoints it reaches. */
export function ServiceDetails({ clusterId, object, can }: KindDetailsProps) {
  const spec = rec(object.spec);
  const ns = object.metadata.namespace;
  const selector = spec.selector as Record<string, string> | undefined;
  const ep = useQuery({
    queryKey: ['endpoints', clusterId, ns, object.metadata.name],
    queryFn: () => api<KubeObject>(objectPath(clusterId, ENDPOINTS, object.metadata.name, ns)),
    refetchInterval: 5_000,
    retry: false,
  });
  const lb = arr(rec(rec(object.status).loadBalancer).ingress)
    .map((i) => str(i.ip) ?? str(i.hostname))
    .filter(Boolean)
    .join(', ');
  const addresses = endpointAddresses(ep.data);
  return (
    <div className="grid gap-6">
      <Section title="Service">
        <Fields
          rows={{
            Type: str(spec.type) ?? 'ClusterIP',
            'Cluster IP': arr<string>(spec.clusterIPs).join(', ') || str(spec.clusterIP),
            'External name': str(spec.externalName),
            'External IPs': arr<string>(spec.externalIPs).join(', '),
            'Load balancer': lb || (spec.type === 'LoadBalancer' ? <span className={MUTED}>pending</span> : undefined),
            'Session affinity': str(spec.sessionAffinity),
            'Traffic policy': str(spec.externalTrafficPolicy),
            Selector: <KeyValues values={selector} empty="none (endpoints managed by hand)" />,
          }}
        />
      </Section>
      <Section title="Ports">
        <DetailTable
          label="Service ports"
          rows={arr(spec.ports)}
          rowKey={(p, i) => `${str(p.name)}-${i}`}
          empty="No ports."
          columns={[
            { header: 'Name', cell: (p) => str(p.name) ?? '—' },
            { header: 'Port', cell: (p) => `${str(p.port)}/${str(p.protocol) ?? 'TCP'}` },
            { header: 'Target port', cell: (p) => str(p.targetPort) ?? str(p.port) },
            { header: 'Node port', cell: (p) => str(p.nodePort) ?? '—' },
            { header: 'App protocol', cell: (p) => str(p.appProtocol) ?? '—' },
            {
              header: 'Open',
              cell: (p) =>
                can('services', 'proxy') && (str(p.protocol) ?? 'TCP') === 'TCP' && ns ? (
                  <OpenPortButton
                    clusterId={clusterId}
                    kind="services"
                    namespace={ns}
                    name={object.metadata.name}
                    port={str(p.name) ?? Number(p.port)}
                  />
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </Section>
      <Section title="Endpoints">
        <DetailTable
          label="Endpoints"
          rows={addresses}
          rowKey={(a) => `${a.ip}-${a.pod ?? ''}`}
          empty={ep.isLoading ? 'Loading…' : 'No endpoints: no ready pod matches the selector.'}
          columns={[
            { header: 'Address', cell: (a) => <span className="font-mono text-xs">{a.ip}</span> },
            { header: 'Ready', cell: (a) => (a.ready ? 'yes' : <span className="text-destructive">no</span>) },
            {
              header: 'Pod',
              cell: (a) => (a.pod ? <ObjectLink clusterId={clusterId} kind="pods" name={a.pod} namespace={ns} /> : '—'),
            },
            { header: 'Node', cell: (a) => a.node ?? '—' },
            { header: 'Ports', cell: (a) => a.ports || '—' },
          ]}
        />
      </Section>
      {selector && Object.keys(selector).length > 0 && (
        <Section title="Pods">
          <PodTable
            clusterId={clusterId}
            namespace={ns}
            labelSelector={selectorString(selector)}
            label={`Pods selected by ${object.metadata.name}`}
          />
        </Section>
      )}
    </div>
  );
}
