'use client';
import type { KindDetailsProps } from '../KindDetails';
import { arr, DetailTable, Fields, MUTED, ObjectLink, type Rec, rec, Section, str } from '../shared';

interface RuleRow {
  host: string;
  path: string;
  pathType: string;
  service?: string;
  port?: string;
  resource?: string;
}

function backend(b: Rec): Pick<RuleRow, 'service' | 'port' | 'resource'> {
  const svc = rec(b.service);
  if (svc.name) {
    const p = rec(svc.port);
    return { service: str(svc.name), port: str(p.number) ?? str(p.name) };
  }
  const r = rec(b.resource);
  return r.name ? { resource: `${str(r.kind)} ${str(r.name)}` } : {};
}

/** Host/path → service:port rows, the default backend as `*`. */
export function ingressRules(spec: Rec): RuleRow[] {
  const rows: RuleRow[] = [];
  if (spec.defaultBackend)
    rows.push({ host: '*', path: '(default)', pathType: '—', ...backend(rec(spec.defaultBackend)) });
  for (const rule of arr(spec.rules)) {
    const host = str(rule.host) ?? '*';
    const paths = arr(rec(rule.http).paths);
    if (paths.length === 0) rows.push({ host, path: '—', pathType: '—' });
    for (const p of paths)
      rows.push({ host, path: str(p.path) ?? '/', pathType: str(p.pathType) ?? '—', ...backend(rec(p.backend)) });
  }
  return rows;
}

/** An Ingress: class, addresses, rules with host/path → service:port, and TLS. */
export function IngressDetails({ clusterId, object }: KindDetailsProps) {
  const spec = rec(object.spec);
  const ns = object.metadata.namespace;
  const addresses = arr(rec(rec(object.status).loadBalancer).ingress)
    .map((i) => str(i.ip) ?? str(i.hostname))
    .filter(Boolean)
    .join(', ');
  const tls = arr(spec.tls);
  return (
    <div className="grid gap-6">
      <Section title="Ingress">
        <Fields
          rows={{
            Class: str(spec.ingressClassName) ?? object.metadata.annotations?.['kubernetes.io/ingress.class'],
            Address: addresses || <span className={MUTED}>none yet</span>,
          }}
        />
      </Section>
      <Section title="Rules">
        <DetailTable
          label="Ingress rules"
          rows={ingressRules(spec)}
          rowKey={(r, i) => `${r.host}${r.path}-${i}`}
          empty="No rules."
          columns={[
            { header: 'Host', cell: (r) => <span className="font-mono text-xs">{r.host}</span> },
            { header: 'Path', cell: (r) => <span className="font-mono text-xs">{r.path}</span> },
            { header: 'Path type', cell: (r) => r.pathType },
            {
              header: 'Backend',
              cell: (r) =>
                r.service ? (
                  <span>
                    <ObjectLink clusterId={clusterId} kind="services" name={r.service} namespace={ns} />:{r.port ?? '?'}
                  </span>
                ) : (
                  (r.resource ?? '—')
                ),
            },
          ]}
        />
      </Section>
      <Section title="TLS">
        <DetailTable
          label="TLS"
          rows={tls}
          rowKey={(t, i) => `${str(t.secretName)}-${i}`}
          empty="No TLS: plain HTTP."
          columns={[
            { header: 'Hosts', cell: (t) => arr<string>(t.hosts).join(', ') || '*' },
            {
              header: 'Secret',
              cell: (t) =>
                t.secretName ? (
                  <ObjectLink clusterId={clusterId} kind="secrets" name={str(t.secretName) ?? ''} namespace={ns} />
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </Section>
    </div>
  );
}
