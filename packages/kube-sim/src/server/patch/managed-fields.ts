/** Server-side apply and managedFields bookkeeping for every write. */
import { StoreError } from '../../store/errors.js';
import { deepEqual } from '../../store/meta.js';
import type { KubeObject, ManagedFieldsEntry } from '../../store/types.js';
import { describePath, type FieldTree, fieldsOf, has, leaves, removeAt, union, valueAt, without } from './field-set.js';
import type { ListKind } from './merge-keys.js';
import { applyStrategicMerge } from './strategic-merge.js';

type Obj = Record<string, unknown>;

function entry(
  manager: string,
  operation: 'Apply' | 'Update',
  apiVersion: string,
  time: string,
  tree: FieldTree,
  subresource?: string,
): ManagedFieldsEntry {
  const e: ManagedFieldsEntry = { manager, operation, apiVersion, time, fieldsType: 'FieldsV1', fieldsV1: tree };
  if (subresource) e.subresource = subresource;
  return e;
}

function sameOwner(e: ManagedFieldsEntry, manager: string, op: string, sub?: string): boolean {
  return e.manager === manager && e.operation === op && (e.subresource ?? '') === (sub ?? '');
}

export interface ApplyInput {
  kind: ListKind;
  apiVersion: string;
  live: KubeObject | undefined;
  applied: KubeObject;
  manager: string;
  force: boolean;
  time: string;
}

/** Returns the object to store (with managedFields) or throws a 409 with the conflicting fields. */
export function serverSideApply(input: ApplyInput): KubeObject {
  const { kind, live, applied, manager, force, time, apiVersion } = input;
  const entries = (live?.metadata.managedFields ?? []).map((e) => ({ ...e }));
  const appliedSet = fieldsOf(kind, applied as Obj);
  const conflicts: Array<{ manager: string; who: string; path: string[] }> = [];
  if (live) {
    for (const e of entries) {
      if (sameOwner(e, manager, 'Apply')) continue;
      for (const path of leaves(e.fieldsV1 as FieldTree)) {
        if (!has(appliedSet, path)) continue;
        if (deepEqual(valueAt(applied, path), valueAt(live, path))) continue;
        const who =
          e.operation === 'Update'
            ? `"${e.manager}" using ${e.apiVersion}${e.time ? ` at ${e.time}` : ''}`
            : `"${e.manager}"`;
        conflicts.push({ manager: e.manager, who, path });
      }
    }
  }
  if (conflicts.length && !force) {
    const causes = conflicts.map((c) => ({
      reason: 'FieldManagerConflict',
      message: `conflict with ${c.who}`,
      field: describePath(c.path),
    }));
    let message = `Apply failed with 1 conflict: ${causes[0]?.message ?? ''}: ${causes[0]?.field ?? ''}`;
    if (conflicts.length > 1) {
      const byWho = new Map<string, string[]>();
      for (const c of conflicts) byWho.set(c.who, [...(byWho.get(c.who) ?? []), describePath(c.path)]);
      const parts: string[] = [];
      for (const who of [...byWho.keys()].sort())
        parts.push(`conflicts with ${who}:`, ...(byWho.get(who) ?? []).map((p) => `- ${p}`));
      message = `Apply failed with ${conflicts.length} conflicts: ${parts.join('\n')}`;
    }
    throw new StoreError(409, 'Conflict', message, { causes });
  }
  // fields this manager applied before and no longer applies are removed unless someone else owns them
  const previous = entries.find((e) => sameOwner(e, manager, 'Apply'));
  let base: Obj = live ? structuredClone(live) : {};
  if (previous && live) {
    let others: FieldTree = {};
    for (const e of entries) if (e !== previous) others = union(others, e.fieldsV1 as FieldTree);
    const removed = new Set<string>();
    for (const path of leaves(previous.fieldsV1 as FieldTree)) {
      // remove at the shortest prefix nobody applies or owns any more (a whole list item, a map)
      for (let k = 1; k <= path.length; k++) {
        const prefix = path.slice(0, k);
        if (has(appliedSet, prefix) || has(others, prefix)) continue;
        const id = JSON.stringify(prefix);
        if (!removed.has(id)) {
          removed.add(id);
          removeAt(base, prefix);
        }
        break;
      }
    }
  }
  const { metadata: appliedMeta, ...appliedRest } = applied;
  base = applyStrategicMerge(kind, base, { ...appliedRest, metadata: pickMeta(appliedMeta) }) as Obj;
  const taken = conflicts.map((c) => c.path);
  const next: ManagedFieldsEntry[] = [];
  for (const e of entries) {
    if (sameOwner(e, manager, 'Apply')) continue;
    const tree = force
      ? without(
          e.fieldsV1 as FieldTree,
          taken.filter((p) => has(e.fieldsV1 as FieldTree, p)),
        )
      : (e.fieldsV1 as FieldTree);
    if (Object.keys(tree).length) next.push({ ...e, fieldsV1: tree });
  }
  next.push(entry(manager, 'Apply', apiVersion, time, appliedSet));
  const result = base as KubeObject;
  result.metadata = { ...(result.metadata ?? {}), managedFields: next };
  return result;
}

function pickMeta(meta: KubeObject['metadata'] | undefined): Obj {
  const out: Obj = {};
  for (const k of ['name', 'namespace', 'labels', 'annotations', 'finalizers', 'ownerReferences', 'generateName']) {
    if (meta?.[k] !== undefined) out[k] = meta[k];
  }
  return out;
}

/** managedFields after a non-apply write by `manager`: changed fields move to it. */
export function trackUpdate(
  kind: ListKind,
  apiVersion: string,
  prev: KubeObject | undefined,
  next: KubeObject,
  manager: string,
  time: string,
  subresource?: string,
): ManagedFieldsEntry[] {
  const withStatus = subresource === 'status';
  const nextSet = fieldsOf(kind, next as Obj, withStatus);
  const changed = leaves(nextSet).filter((p) => !prev || !deepEqual(valueAt(prev, p), valueAt(next, p)));
  const entries = (prev?.metadata.managedFields ?? []).map((e) => ({ ...e }));
  const out: ManagedFieldsEntry[] = [];
  let mine: FieldTree = {};
  for (const e of entries) {
    if (sameOwner(e, manager, 'Update', subresource)) {
      mine = e.fieldsV1 as FieldTree;
      continue;
    }
    const isStatusEntry = e.subresource === 'status';
    if (isStatusEntry !== withStatus) {
      out.push(e);
      continue;
    }
    const stale = leaves(e.fieldsV1 as FieldTree).filter((p) => valueAt(next, p) === undefined);
    const tree = without(e.fieldsV1 as FieldTree, [
      ...changed.filter((p) => has(e.fieldsV1 as FieldTree, p)),
      ...stale,
    ]);
    if (Object.keys(tree).length) out.push({ ...e, fieldsV1: tree });
  }
  const changedTree: FieldTree = {};
  for (const p of changed) {
    let cur = changedTree;
    for (const seg of p) {
      cur[seg] ??= {};
      cur = cur[seg];
    }
  }
  const staleMine = leaves(mine).filter((p) => valueAt(next, p) === undefined);
  const merged = union(without(mine, staleMine), changedTree);
  if (Object.keys(merged).length || !prev) out.push(entry(manager, 'Update', apiVersion, time, merged, subresource));
  return out;
}
