'use client';
import { Badge } from '@argus/ui';
import type { KubeObject } from '@/lib/kube';
import type { KindDetailsProps } from '../KindDetails';
import { arr, DetailTable, KeyValues, MUTED, ObjectLink, rec, Section, str, useKubeList } from '../shared';

const RBAC = 'rbac.authorization.k8s.io';
export const ROLEBINDINGS = { group: RBAC, version: 'v1', resource: 'rolebindings', namespaced: true };
export const CLUSTERROLEBINDINGS = { group: RBAC, version: 'v1', resource: 'clusterrolebindings', namespaced: false };
export const ROLES = { group: RBAC, version: 'v1', resource: 'roles', namespaced: true };
export const CLUSTERROLES = { group: RBAC, version: 'v1', resource: 'clusterroles', namespaced: false };

const words = (xs: string[], empty = '—') =>
  xs.length ? <span className="font-mono text-xs">{xs.join(', ')}</span> : <span className={MUTED}>{empty}</span>;

/** `ServiceAccount payments/payment-gateway, User ada@example.com`. */
export function subjectsText(binding: KubeObject): string {
  return arr(binding.subjects)
    .map((s) => `${str(s.kind)} ${s.namespace ? `${str(s.namespace)}/` : ''}${str(s.name)}`)
    .join(', ');
}

/** A Role or ClusterRole: its rules as a table and the bindings that grant it, with their subjects. */
export function RoleDetails({ clusterId, object }: KindDetailsProps) {
  const cluster = object.kind === 'ClusterRole';
  const ns = object.metadata.namespace;
  const rbs = useKubeList(clusterId, ROLEBINDINGS, cluster ? {} : { namespace: ns });
  const crbs = useKubeList(clusterId, CLUSTERROLEBINDINGS, {}, cluster);
  const refers = (b: KubeObject) => rec(b.roleRef).kind === object.kind && rec(b.roleRef).name === object.metadata.name;
  const bindings = [...(crbs.data?.items ?? []), ...(rbs.data?.items ?? [])].filter(refers);
  const aggregation = arr(rec(object.aggregationRule).clusterRoleSelectors);
  return (
    <div className="grid gap-6">
      <Section title="Rules">
        <DetailTable
          label="Rules"
          rows={arr(object.rules)}
          rowKey={(_, i) => String(i)}
          empty="No rules: grants nothing."
          columns={[
            {
              header: 'API groups',
              cell: (r) => words(arr<string>(r.apiGroups).map((g) => (g === '' ? 'core' : g))),
            },
            { header: 'Resources', cell: (r) => words(arr<string>(r.resources)) },
            { header: 'Names', cell: (r) => words(arr<string>(r.resourceNames), 'all') },
            { header: 'Non-resource URLs', cell: (r) => words(arr<string>(r.nonResourceURLs)) },
            {
              header: 'Verbs',
              cell: (r) => (
                <span className="flex flex-wrap gap-1">
                  {arr<string>(r.verbs).map((v) => (
                    <Badge key={v} variant={v === '*' ? 'warning' : 'outline'} className="font-mono font-normal">
                      {v}
                    </Badge>
                  ))}
                </span>
              ),
            },
          ]}
        />
        {aggregation.length > 0 && (
          <p className="text-sm">
            Aggregates the ClusterRoles labelled{' '}
            {aggregation.map((s, i) => (
              <KeyValues key={String(i)} values={rec(s).matchLabels as Record<string, string>} />
            ))}
          </p>
        )}
      </Section>
      <Section title="Bindings">
        <DetailTable
          label="Bindings"
          rows={bindings}
          rowKey={(b) => b.metadata.uid ?? `${b.kind}/${b.metadata.namespace}/${b.metadata.name}`}
          empty={rbs.isLoading ? 'Loading…' : 'Not bound: no one has this role.'}
          columns={[
            {
              header: 'Binding',
              cell: (b) => (
                <ObjectLink
                  clusterId={clusterId}
                  kind={b.metadata.namespace ? ROLEBINDINGS : CLUSTERROLEBINDINGS}
                  name={b.metadata.name}
                  namespace={b.metadata.namespace}
                >
                  {b.metadata.namespace ? `${b.metadata.namespace}/` : ''}
                  {b.metadata.name}
                </ObjectLink>
              ),
            },
            { header: 'Kind', cell: (b) => (b.metadata.namespace ? 'RoleBinding' : 'ClusterRoleBinding') },
            { header: 'Subjects', cell: (b) => subjectsText(b) || '—' },
          ]}
        />
      </Section>
    </div>
  );
}
