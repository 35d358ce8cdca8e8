/** Turns a CustomResourceDefinition into served resources, printers and OpenAPI schemas. */
import type { KubeObject } from '../store/types.js';
import { age } from './age.js';
import { evalJsonPath } from './jsonpath.js';
import type { Printer, ResourceDef, TableColumn } from './types.js';

type Obj = Record<string, unknown>;
const o = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const a = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Kubernetes version priority: v2 > v1 > v1beta2 > v1beta1 > v1alpha1 > others. */
export function versionPriority(v: string): number {
  const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
  if (!m) return -1;
  const major = Number(m[1]);
  const stage = m[2] === undefined ? 3 : m[2] === 'beta' ? 2 : 1;
  return stage * 1e6 + major * 1e3 + Number(m[3] ?? 0);
}

export function schemaNameFor(group: string, version: string, kind: string): string {
  const rev = group.split('.').reverse().join('.');
  return `${rev}.${version}.${kind}`;
}

function printerFor(columns: unknown[]): Printer | undefined {
  const cols = columns.map(o).filter((c) => typeof c.name === 'string' && typeof c.jsonPath === 'string');
  const defs: TableColumn[] = [
    {
      name: 'Name',
      type: 'string',
      format: 'name',
      description: 'Name must be unique within a namespace.',
      priority: 0,
    },
  ];
  for (const c of cols) {
    const t = String(c.type ?? 'string');
    defs.push({
      name: String(c.name),
      type: (['string', 'integer', 'number', 'boolean', 'date'].includes(t) ? t : 'string') as TableColumn['type'],
      format: String(c.format ?? ''),
      description: String(c.description ?? ''),
      priority: Number(c.priority ?? 0),
    });
  }
  const hasAge = cols.some((c) => String(c.jsonPath) === '.metadata.creationTimestamp');
  if (!hasAge) defs.push({ name: 'Age', type: 'date', format: '', description: 'Age', priority: 0 });
  return {
    columns: defs,
    row(obj: KubeObject, now: Date) {
      const cells: unknown[] = [obj.metadata.name];
      for (const c of cols) {
        const vals = evalJsonPath(obj, String(c.jsonPath));
        const v =
          vals.length === 0
            ? null
            : vals.length === 1
              ? vals[0]
              : vals.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(',');
        cells.push(
          c.type === 'date' && typeof v === 'string'
            ? age(v, now)
            : typeof v === 'object' && v !== null
              ? JSON.stringify(v)
              : v,
        );
      }
      if (!hasAge) cells.push(age(obj.metadata.creationTimestamp, now));
      return cells;
    },
  };
}

export interface CrdServing {
  defs: ResourceDef[];
  schemas: Array<{ name: string; schema: Obj }>;
}

export function crdToServing(crd: KubeObject): CrdServing {
  const spec = o(crd.spec);
  const names = o(spec.names);
  const group = String(spec.group ?? '');
  const plural = String(names.plural ?? '');
  const kind = String(names.kind ?? '');
  const versions = a(spec.versions)
    .map(o)
    .filter((v) => v.served !== false);
  versions.sort((x, y) => versionPriority(String(y.name)) - versionPriority(String(x.name)));
  const defs: ResourceDef[] = [];
  const schemas: Array<{ name: string; schema: Obj }> = [];
  for (const v of versions) {
    const version = String(v.name);
    const sub = o(v.subresources);
    const subs: string[] = [];
    if ('status' in sub) subs.push('status');
    if ('scale' in sub) subs.push('scale');
    const schemaName = schemaNameFor(group, version, kind);
    const def: ResourceDef = {
      group,
      version,
      resource: plural,
      kind,
      namespaced: spec.scope !== 'Cluster',
      singularName: String(names.singular ?? kind.toLowerCase()),
      listKind: String(names.listKind ?? `${kind}List`),
      shortNames: a(names.shortNames).map(String),
      categories: a(names.categories).map(String),
      verbs: ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'],
      subresources: subs,
      hasStatus: subs.includes('status'),
      fieldLabels: a(v.selectableFields).map((f) => String(o(f).jsonPath ?? '').replace(/^\./, '')),
      schemaName,
      crdName: crd.metadata.name as string,
    };
    const printer = printerFor(a(v.additionalPrinterColumns));
    if (printer) def.printer = printer;
    const scale = o(sub.scale);
    if (Object.keys(scale).length) {
      def.scale = {
        specReplicasPath: String(scale.specReplicasPath ?? '.spec.replicas'),
        statusReplicasPath: String(scale.statusReplicasPath ?? '.status.replicas'),
      };
      if (typeof scale.labelSelectorPath === 'string') def.scale.labelSelectorPath = scale.labelSelectorPath;
    }
    defs.push(def);
    const open = o(o(v.schema).openAPIV3Schema);
    const props = { ...o(open.properties) };
    props.apiVersion = {
      type: 'string',
      description: 'APIVersion defines the versioned schema of this representation of an object.',
    };
    props.kind = {
      type: 'string',
      description: 'Kind is a string value representing the REST resource this object represents.',
    };
    props.metadata = {
      allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }],
      description: "Standard object's metadata.",
    };
    schemas.push({
      name: schemaName,
      schema: {
        ...open,
        type: 'object',
        properties: props,
        'x-kubernetes-group-version-kind': [{ group, version, kind }],
      },
    });
  }
  return { defs, schemas };
}
