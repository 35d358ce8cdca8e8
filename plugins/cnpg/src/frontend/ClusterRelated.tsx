/**
 * A PostgreSQL cluster's Kubernetes objects: its pods with their role, its PVCs (data and WAL), the three
 * services (-rw, -ro, -r), and its Secrets by name only (nothing of them is read).
 */
import { RelatedObjects, type RelatedSpec } from '@argus/plugin-sdk/frontend';
import { RelatedGroupView } from '@argus/ui';

interface PodLike {
  metadata: { name: string; labels?: Record<string, string> };
  status?: { phase?: string; conditions?: Array<{ type: string; status: string }> };
  [key: string]: unknown;
}
interface PvcLike {
  metadata: { name: string; labels?: Record<string, string> };
  spec?: { resources?: { requests?: { storage?: string } } };
  status?: { phase?: string };
  [key: string]: unknown;
}

export function relatedSpecs(cluster: string): RelatedSpec[] {
  const selector = { 'cnpg.io/cluster': cluster };
  const pods: RelatedSpec<PodLike> = {
    title: 'Pods',
    group: '',
    version: 'v1',
    resource: 'pods',
    selector: { ...selector, 'cnpg.io/podRole': 'instance' },
    status: (p) => {
      const ready = p.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
      return p.status?.phase === 'Running' && !ready ? 'NotReady' : p.status?.phase;
    },
    detail: (p) => p.metadata.labels?.['cnpg.io/instanceRole'] ?? p.metadata.labels?.role ?? 'instance',
  };
  const pvcs: RelatedSpec<PvcLike> = {
    title: 'Volumes (PVCs)',
    group: '',
    version: 'v1',
    resource: 'persistentvolumeclaims',
    selector,
    status: (v) => v.status?.phase,
    detail: (v) =>
      `${v.metadata.labels?.['cnpg.io/pvcRole'] === 'PG_WAL' ? 'WAL' : 'data'} ${v.spec?.resources?.requests?.storage ?? ''}`.trim(),
  };
  const services: RelatedSpec = {
    title: 'Services',
    group: '',
    version: 'v1',
    resource: 'services',
    names: [`${cluster}-rw`, `${cluster}-ro`, `${cluster}-r`],
    detail: (s) =>
      s.metadata.name.endsWith('-rw')
        ? 'read-write (primary)'
        : s.metadata.name.endsWith('-ro')
          ? 'read-only (replicas)'
          : 'read (any instance)',
  };
  return [pods, pvcs, services] as RelatedSpec[];
}

export function ClusterRelated({ clusterId, namespace, name }: { clusterId: string; namespace: string; name: string }) {
  return (
    <div className="grid gap-3">
      <RelatedObjects clusterId={clusterId} namespace={namespace} groups={relatedSpecs(name)} />
      <RelatedGroupView
        group={{
          title: 'Secrets (names only)',
          items: ['app', 'superuser', 'ca'].map((s) => ({ name: `${name}-${s}`, namespace })),
        }}
      />
    </div>
  );
}
