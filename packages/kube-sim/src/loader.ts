/** Loads a scenario into the store: CRDs first (served at once), then objects by resource. */
import type { ResourceDef, ResourceRegistry } from './registry/types.js';
import type { Admission } from './server/admission.js';
import { CRDS } from './server/crd-controller.js';
import type { KubeObject, ObjectStore } from './store/types.js';

export interface LoadableScenario {
  crds: KubeObject[];
  objects: KubeObject[];
}

export function groupOf(apiVersion: string | undefined): { group: string; version: string } {
  const av = apiVersion ?? 'v1';
  const i = av.indexOf('/');
  return i < 0 ? { group: '', version: av } : { group: av.slice(0, i), version: av.slice(i + 1) };
}

/** Bulk-loads objects (the store takes ownership of them); unknown kinds are reported, not fatal. */
export function loadScenario(
  store: ObjectStore,
  registry: ResourceRegistry,
  admission: Admission,
  scenario: LoadableScenario,
): string[] {
  const crdDef = registry.find(CRDS.group, CRDS.version, CRDS.resource);
  const problems: string[] = [];
  if (crdDef) {
    for (const crd of scenario.crds) {
      crd.metadata.creationTimestamp ??= new Date().toISOString().replace(/\.\d+Z$/, 'Z');
      admission.onCreate(crdDef, crd);
    }
    if (scenario.crds.length) store.bulkLoad(crdDef, scenario.crds, { emit: true });
  }
  let batch: KubeObject[] = [];
  let batchDef: ResourceDef | undefined;
  const flush = (): void => {
    if (batchDef && batch.length) store.bulkLoad(batchDef, batch);
    batch = [];
  };
  for (const obj of scenario.objects) {
    const { group } = groupOf(obj.apiVersion);
    const def = registry.byKind(group, String(obj.kind ?? ''));
    if (!def) {
      problems.push(`no resource serves ${String(obj.apiVersion)}/${String(obj.kind)} (${String(obj.metadata?.name)})`);
      continue;
    }
    if (def !== batchDef) {
      flush();
      batchDef = def;
    }
    batch.push(obj);
  }
  flush();
  return problems;
}
