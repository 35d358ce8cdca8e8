/** Keeps the registry in step with CustomResourceDefinitions: serve on create, drop on delete. */
import { crdToServing } from '../registry/crd.js';
import type { ResourceRegistry } from '../registry/types.js';
import type { KubeObject, ObjectStore, ResourceRef } from '../store/types.js';

export const CRDS: ResourceRef = {
  group: 'apiextensions.k8s.io',
  version: 'v1',
  resource: 'customresourcedefinitions',
  kind: 'CustomResourceDefinition',
  namespaced: false,
};

export function startCrdController(store: ObjectStore, registry: ResourceRegistry): () => void {
  const served = new Map<string, Array<{ group: string; version: string; resource: string; schemaName: string }>>();

  function unserve(name: string): void {
    for (const d of served.get(name) ?? []) {
      registry.remove(d.group, d.version, d.resource);
      registry.deleteSchema(d.schemaName);
    }
    served.delete(name);
  }

  function serve(crd: KubeObject): void {
    const name = String(crd.metadata.name);
    const before = served.get(name) ?? [];
    const { defs, schemas } = crdToServing(crd);
    for (const old of before) {
      if (!defs.some((d) => d.version === old.version && d.resource === old.resource))
        registry.remove(old.group, old.version, old.resource);
    }
    for (const s of schemas) registry.setSchema(s.name, s.schema);
    for (const d of defs) registry.add(d);
    served.set(
      name,
      defs.map((d) => ({ group: d.group, version: d.version, resource: d.resource, schemaName: d.schemaName })),
    );
  }

  for (const crd of store.list(CRDS).items) serve(crd);
  return store.subscribe(
    (ev) => {
      const name = String(ev.object.metadata.name);
      if (ev.type === 'DELETED') {
        const first = served.get(name)?.[0];
        unserve(name);
        if (first) store.dropResource({ group: first.group, version: first.version, resource: first.resource });
      } else if (!ev.object.metadata.deletionTimestamp) serve(ev.object);
    },
    { resourceKeys: [`${CRDS.group}/${CRDS.resource}`] },
  );
}
