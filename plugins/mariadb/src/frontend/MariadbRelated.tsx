/**
 * A MariaDB's objects (operators.md §2, "Relationships"): its pods with their role, its volumes, its four
 * services, its StatefulSet; the backups, databases, users, grants and connections that name it in
 * `spec.mariaDbRef`; its root password Secret by name only (nothing of it is read).
 */
import { RelatedObjects, type RelatedSpec } from '@argus/plugin-sdk/frontend';
import { RelatedGroupView } from '@argus/ui';
import type { MariaDB } from '../shared/types';
import { GROUP, VERSION } from './types';

interface PodLike {
  metadata: { name: string; labels?: Record<string, string> };
  status?: { phase?: string; conditions?: Array<{ type: string; status: string }> };
  [key: string]: unknown;
}
interface ChildLike {
  metadata: { name: string };
  spec?: { mariaDbRef?: { name?: string } };
  status?: { conditions?: Array<{ type: string; status: string; reason?: string; message?: string }> };
  [key: string]: unknown;
}

function childOf(title: string, resource: string, mariadb: string, type: string): RelatedSpec<ChildLike> {
  return {
    title,
    group: GROUP,
    version: VERSION,
    resource,
    filter: (o) => o.spec?.mariaDbRef?.name === mariadb,
    status: (o) => {
      const c = o.status?.conditions?.find((x) => x.type === type);
      return c ? c.reason || c.status : undefined;
    },
    detail: (o) => o.status?.conditions?.find((x) => x.type === type && x.status !== 'True')?.message,
  };
}

export function relatedSpecs(m: MariaDB): RelatedSpec[] {
  const name = m.metadata.name;
  const roles = m.status?.replication?.roles ?? {};
  const pods: RelatedSpec<PodLike> = {
    title: 'Pods',
    group: '',
    version: 'v1',
    resource: 'pods',
    selector: { 'app.kubernetes.io/instance': name, 'app.kubernetes.io/name': 'mariadb' },
    filter: (p) => /-\d+$/.test(p.metadata.name) && p.metadata.name.startsWith(`${name}-`),
    status: (p) => {
      const ready = p.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
      return p.status?.phase === 'Running' && !ready ? 'NotReady' : p.status?.phase;
    },
    detail: (p) => roles[p.metadata.name] ?? (p.metadata.name === m.status?.currentPrimary ? 'Primary' : undefined),
  };
  const claims = Array.from({ length: m.spec?.replicas ?? 1 }, (_, i) => `storage-${name}-${i}`);
  return [
    pods,
    { title: 'Volumes (PVCs)', group: '', version: 'v1', resource: 'persistentvolumeclaims', names: claims },
    {
      title: 'Services',
      group: '',
      version: 'v1',
      resource: 'services',
      names: [name, `${name}-primary`, `${name}-secondary`, `${name}-internal`],
    },
    { title: 'StatefulSet', group: 'apps', version: 'v1', resource: 'statefulsets', names: [name] },
    childOf('Backups', 'backups', name, 'Complete'),
    childOf('Databases', 'databases', name, 'Ready'),
    childOf('Users', 'users', name, 'Ready'),
    childOf('Grants', 'grants', name, 'Ready'),
    childOf('Connections', 'connections', name, 'Ready'),
  ] as RelatedSpec[];
}

export function MariadbRelated({ clusterId, mariadb }: { clusterId: string; mariadb: MariaDB }) {
  const secret = (mariadb.spec?.rootPasswordSecretKeyRef as { name?: string } | undefined)?.name;
  return (
    <section className="grid gap-3" aria-label="Related objects">
      <h3 className="text-sm font-semibold">Objects</h3>
      <RelatedObjects clusterId={clusterId} namespace={mariadb.metadata.namespace} groups={relatedSpecs(mariadb)} />
      {secret && (
        <RelatedGroupView
          group={{
            title: 'Root password Secret (name only)',
            items: [{ name: secret, namespace: mariadb.metadata.namespace }],
          }}
        />
      )}
    </section>
  );
}
