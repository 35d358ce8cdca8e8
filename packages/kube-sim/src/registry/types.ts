/** What the sim knows about each served resource: discovery, tables, schema. */
import type { KubeObject, ResourceRef } from '../store/types.js';

export type Verb = 'create' | 'delete' | 'deletecollection' | 'get' | 'list' | 'patch' | 'update' | 'watch';

export interface TableColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format?: string;
  description?: string;
  priority?: number;
}

export interface Printer {
  columns: TableColumn[];
  /** the cells of one row, in column order (the first is usually the name) */
  row(obj: KubeObject, now: Date): unknown[];
}

export interface ResourceDef extends ResourceRef {
  kind: string;
  namespaced: boolean;
  singularName: string;
  listKind: string;
  shortNames: string[];
  categories: string[];
  verbs: Verb[];
  /** status, scale, log, exec, attach, portforward, binding, eviction, proxy */
  subresources: string[];
  /** served from a computed source, not the store (metrics) */
  computed?: boolean;
  /** status subresource: updates of the main resource keep .status */
  hasStatus: boolean;
  /** extra field selector labels besides metadata.name / metadata.namespace */
  fieldLabels: string[];
  /** OpenAPI v3 schema name in components.schemas (e.g. io.k8s.api.core.v1.Pod) */
  schemaName: string;
  /** for custom resources: the CRD's name */
  crdName?: string;
  printer?: Printer;
  /** scale subresource paths (CRDs): specReplicasPath etc. */
  scale?: { specReplicasPath: string; statusReplicasPath: string; labelSelectorPath?: string };
}

export interface GroupVersion {
  group: string;
  version: string;
}

export interface ResourceRegistry {
  all(): ResourceDef[];
  /** group/version/resource lookup (resource is the plural) */
  find(group: string, version: string, resource: string): ResourceDef | undefined;
  byKind(group: string, kind: string): ResourceDef | undefined;
  /** served group versions in discovery order; the first version of a group is preferred */
  groupVersions(): GroupVersion[];
  groups(): Array<{ name: string; versions: string[] }>;
  add(def: ResourceDef): void;
  remove(group: string, version: string, resource: string): void;
  /** monotonically increasing, bumped on every add/remove (discovery caches, ETags) */
  generation(): number;
  /** OpenAPI v3 component schemas known to the registry (built-in and from CRDs) */
  schemas(): Map<string, Record<string, unknown>>;
  setSchema(name: string, schema: Record<string, unknown>): void;
  deleteSchema(name: string): void;
}
