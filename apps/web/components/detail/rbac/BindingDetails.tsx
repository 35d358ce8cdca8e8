'use client';
import type { KindDetailsProps } from '../KindDetails';
import { arr, DetailTable, Fields, ObjectLink, rec, Section, str } from '../shared';
import { CLUSTERROLES, ROLES } from './RoleDetails';

/** A RoleBinding or ClusterRoleBinding: the role it grants and to whom. */
export function BindingDetails({ clusterId, object }: KindDetailsProps) {
  const ref = rec(object.roleRef);
  const ns = object.metadata.namespace;
  const role = str(ref.name) ?? '';
  return (
    <div className="grid gap-6">
      <Section title="Role">
        <Fields
          rows={{
            Grants: (
              <span>
                {str(ref.kind)}{' '}
                <ObjectLink
                  clusterId={clusterId}
                  kind={ref.kind === 'ClusterRole' ? CLUSTERROLES : ROLES}
                  name={role}
                  namespace={ref.kind === 'ClusterRole' ? undefined : ns}
                />
              </span>
            ),
            Where: ns ? `namespace ${ns}` : 'the whole cluster',
          }}
        />
      </Section>
      <Section title="Subjects">
        <DetailTable
          label="Subjects"
          rows={arr(object.subjects)}
          rowKey={(s, i) => `${str(s.kind)}/${str(s.name)}-${i}`}
          empty="No subjects: grants the role to no one."
          columns={[
            { header: 'Kind', cell: (s) => str(s.kind) },
            {
              header: 'Name',
              cell: (s) =>
                s.kind === 'ServiceAccount' ? (
                  <ObjectLink
                    clusterId={clusterId}
                    kind={{ group: '', version: 'v1', resource: 'serviceaccounts' }}
                    name={str(s.name) ?? ''}
                    namespace={str(s.namespace) ?? ns}
                  />
                ) : (
                  str(s.name)
                ),
            },
            { header: 'Namespace', cell: (s) => str(s.namespace) ?? (s.kind === 'ServiceAccount' ? ns : '—') },
          ]}
        />
      </Section>
    </div>
  );
}
