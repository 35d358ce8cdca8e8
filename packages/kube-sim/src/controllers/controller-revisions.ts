/**
 * ControllerRevisions (apps/v1) of StatefulSets and DaemonSets, as their controllers keep them: one per pod
 * template, named like the `controller-revision-hash` label, numbered in order; `kubectl rollout history` and
 * Argus's revisions read them. A template seen again (a rollback) gets the next number.
 */
import type { KubeObject, ResourceRef } from '../store/types.js';
import { canonicalJson } from './names.js';
import { type Json, ownerRef, specOf } from './refs.js';
import type { ControllerContext } from './runtime.js';

export const CONTROLLER_REVISIONS: ResourceRef = {
  group: 'apps',
  version: 'v1',
  resource: 'controllerrevisions',
  kind: 'ControllerRevision',
};

export function recordControllerRevision(ctx: ControllerContext, owner: KubeObject, name: string, kind: string): void {
  const namespace = owner.metadata.namespace as string;
  const uid = owner.metadata.uid;
  const mine = ctx.store
    .list(CONTROLLER_REVISIONS, { namespace })
    .items.filter((cr) => cr.metadata.ownerReferences?.some((r) => r.uid === uid));
  const newest = Math.max(0, ...mine.map((cr) => Number(cr.revision ?? 0)));
  const existing = mine.find((cr) => cr.metadata.name === name);
  if (existing) {
    if (Number(existing.revision ?? 0) === newest) return;
    ctx.store.update(CONTROLLER_REVISIONS, { ...existing, revision: newest + 1 });
    return;
  }
  // a revision of that name left by an earlier object of the same name (garbage collection pending)
  if (ctx.store.get(CONTROLLER_REVISIONS, namespace, name)) return;
  const template = structuredClone((specOf(owner).template as Json | undefined) ?? {});
  const labels = { ...(((template.metadata as Json | undefined)?.labels as Record<string, string>) ?? {}) };
  labels['controller-revision-hash'] = name.slice((owner.metadata.name as string).length + 1);
  const data = { spec: { template: { ...template, $patch: 'replace' } } };
  // the same template already recorded under another name (loaded data): nothing new
  if (mine.some((cr) => canonicalJson(cr.data) === canonicalJson(data))) return;
  ctx.store.create(CONTROLLER_REVISIONS, {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name,
      namespace,
      labels,
      ownerReferences: [ownerRef(owner, 'apps/v1', kind)],
    },
    data,
    revision: newest + 1,
  });
}
