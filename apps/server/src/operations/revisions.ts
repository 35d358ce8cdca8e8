/**
 * Revision history of Deployments (their ReplicaSets), StatefulSets and DaemonSets (their
 * ControllerRevisions), and rolling back to one, as `kubectl rollout history` / `rollout undo` do.
 */
import { AppError, type Revision } from '@argus/contracts';
import { arr, call, type Json, type Kube, type KubeObject, listItems, ns, obj, seg, str } from './kube.js';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const CHANGE_CAUSE = 'kubernetes.io/change-cause';
const HASH_LABEL = 'pod-template-hash';

export type WorkloadKind = 'deployments' | 'statefulsets' | 'daemonsets';
export const REVISIONED: ReadonlySet<string> = new Set(['deployments', 'statefulsets', 'daemonsets']);

export function revisionedKind(group: string, resource: string): WorkloadKind {
  if (group !== 'apps' || !REVISIONED.has(resource))
    throw new AppError(
      'OPERATION_NOT_SUPPORTED',
      `${resource} have no revision history (only Deployments, StatefulSets and DaemonSets do)`,
    );
  return resource as WorkloadKind;
}

const ownedBy = (o: KubeObject, uid: unknown) =>
  arr(o.metadata.ownerReferences).some((r) => obj(r).uid === uid && obj(r).controller === true);

const imagesOf = (template: unknown): string[] =>
  arr(obj(obj(template).spec).containers)
    .map((c) => str(obj(c).image))
    .filter((i): i is string => !!i);

interface Entry extends Revision {
  template: Json;
}

/** The workload's revisions with their pod templates, newest first. */
export async function revisionEntries(
  kube: Kube,
  kind: WorkloadKind,
  namespace: string,
  name: string,
): Promise<{ workload: KubeObject; entries: Entry[] }> {
  const workload = await call<KubeObject>(kube, { path: `/apis/apps/v1${ns(namespace)}/${kind}/${seg(name)}` });
  const uid = workload.metadata.uid;
  const entries: Entry[] = [];
  if (kind === 'deployments') {
    const current = Number(obj(workload.metadata.annotations)[REVISION_ANNOTATION] ?? 0);
    for (const rs of await listItems(kube, `/apis/apps/v1${ns(namespace)}/replicasets`)) {
      if (!ownedBy(rs, uid)) continue;
      const annotations = obj(rs.metadata.annotations);
      const revision = Number(annotations[REVISION_ANNOTATION] ?? 0);
      if (!Number.isInteger(revision) || revision <= 0) continue;
      const template = structuredClone(obj(obj(rs.spec).template));
      const labels = obj(obj(template.metadata).labels);
      delete labels[HASH_LABEL];
      const cause = str(annotations[CHANGE_CAUSE]);
      entries.push({
        revision,
        name: rs.metadata.name,
        created_at: str(rs.metadata.creationTimestamp) ?? null,
        images: imagesOf(template),
        ...(cause ? { change_cause: cause } : {}),
        current: revision === current,
        template,
      });
    }
  } else {
    const status = obj(workload.status);
    const revisions = (await listItems(kube, `/apis/apps/v1${ns(namespace)}/controllerrevisions`)).filter((cr) =>
      ownedBy(cr, uid),
    );
    const newest = Math.max(0, ...revisions.map((cr) => Number(cr.revision ?? 0)));
    const currentName = str(status.updateRevision) ?? str(status.currentRevision);
    for (const cr of revisions) {
      const revision = Number(cr.revision ?? 0);
      const template = obj(obj(obj(cr.data).spec).template);
      const cause = str(obj(cr.metadata.annotations)[CHANGE_CAUSE]);
      const clean = structuredClone(template);
      delete clean.$patch;
      entries.push({
        revision,
        name: cr.metadata.name,
        created_at: str(cr.metadata.creationTimestamp) ?? null,
        images: imagesOf(clean),
        ...(cause ? { change_cause: cause } : {}),
        current: currentName ? cr.metadata.name === currentName : revision === newest,
        template: clean,
      });
    }
  }
  entries.sort((a, b) => b.revision - a.revision);
  return { workload, entries };
}

export const publicRevision = ({ template: _t, ...r }: Entry): Revision => r;

/**
 * Rolls the workload's pod template back to `revision` (default: the newest one before the current), with
 * `kube` (the caller's gateway client). Answers the revision rolled back to.
 */
export async function rollback(
  read: Kube,
  write: Kube,
  kind: WorkloadKind,
  namespace: string,
  name: string,
  revision: number | undefined,
): Promise<number> {
  const { workload, entries } = await revisionEntries(read, kind, namespace, name);
  const current = entries.find((e) => e.current);
  const target =
    revision === undefined
      ? entries.find((e) => !e.current && (!current || e.revision < current.revision))
      : entries.find((e) => e.revision === revision);
  if (!target)
    throw new AppError(
      'REVISION_NOT_FOUND',
      revision === undefined
        ? `${kind}/${name} has no earlier revision to roll back to`
        : `${kind}/${name} has no revision ${revision}`,
    );
  if (target.current) return target.revision; // kubectl: "skipped rollback (current template already matches)"
  await call(write, {
    method: 'PATCH',
    path: `/apis/apps/v1${ns(namespace)}/${kind}/${seg(name)}`,
    headers: { 'Content-Type': 'application/json-patch+json' },
    body: JSON.stringify([
      // fails with a conflict if someone changed the object since it was read
      { op: 'test', path: '/metadata/resourceVersion', value: workload.metadata.resourceVersion },
      { op: 'replace', path: '/spec/template', value: target.template },
    ]),
  });
  return target.revision;
}
