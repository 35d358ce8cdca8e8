import { meta, type ScenarioBuilder } from '../builder.js';
import type { KubeObject } from '../types.js';

/** Compact field types for CRD schemas; objects and arrays of objects preserve unknown fields. */
export type FieldType =
  | 'string'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'object'
  | 'array'
  | 'string[]'
  | 'int-or-string'
  | 'date-time';

export interface PrinterColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  jsonPath: string;
  description?: string;
  priority?: number;
  format?: string;
}

export interface CrdVersion {
  name: string;
  served?: boolean;
  storage?: boolean;
  deprecated?: boolean;
  columns?: PrinterColumn[];
  /** Adds the status subresource (default true). */
  statusSubresource?: boolean;
  scale?: { specReplicasPath: string; statusReplicasPath: string; labelSelectorPath?: string };
}

export interface CrdOptions {
  group: string;
  kind: string;
  plural: string;
  singular?: string;
  shortNames?: string[];
  categories?: string[];
  scope?: 'Namespaced' | 'Cluster';
  versions: CrdVersion[];
  spec?: Record<string, FieldType>;
  status?: Record<string, FieldType>;
  description?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export const AGE_COLUMN: PrinterColumn = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' };

function field(t: FieldType): Record<string, unknown> {
  switch (t) {
    case 'object':
      return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
    case 'array':
      return { type: 'array', items: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } };
    case 'string[]':
      return { type: 'array', items: { type: 'string' } };
    case 'int-or-string':
      return { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] };
    case 'date-time':
      return { type: 'string', format: 'date-time' };
    default:
      return { type: t };
  }
}

function section(fields: Record<string, FieldType> | undefined, description: string): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [k, t] of Object.entries(fields ?? {})) properties[k] = field(t);
  return { type: 'object', description, 'x-kubernetes-preserve-unknown-fields': true, properties };
}

/** Builds (and adds) an apiextensions.k8s.io/v1 CustomResourceDefinition. */
export function addCrd(b: ScenarioBuilder, o: CrdOptions): KubeObject {
  const singular = o.singular ?? o.kind.toLowerCase();
  const name = `${o.plural}.${o.group}`;
  const schema = {
    openAPIV3Schema: {
      type: 'object',
      description: o.description ?? `${o.kind} is the Schema for the ${o.plural} API.`,
      properties: {
        apiVersion: {
          type: 'string',
          description: 'APIVersion defines the versioned schema of this representation of an object.',
        },
        kind: {
          type: 'string',
          description: 'Kind is a string value representing the REST resource this object represents.',
        },
        metadata: { type: 'object' },
        spec: section(o.spec, `${o.kind}Spec defines the desired state of ${o.kind}.`),
        status: section(o.status, `${o.kind}Status defines the observed state of ${o.kind}.`),
      },
    },
  };
  const versions = o.versions.map((v, i) => {
    const subresources: Record<string, unknown> = {};
    if (v.statusSubresource ?? true) subresources.status = {};
    if (v.scale) subresources.scale = v.scale;
    return {
      name: v.name,
      served: v.served ?? true,
      storage: v.storage ?? i === 0,
      ...(v.deprecated ? { deprecated: true } : {}),
      schema,
      subresources,
      ...(v.columns?.length ? { additionalPrinterColumns: v.columns } : {}),
    };
  });
  const names: Record<string, unknown> = { kind: o.kind, listKind: `${o.kind}List`, plural: o.plural, singular };
  if (o.shortNames?.length) names.shortNames = o.shortNames;
  if (o.categories?.length) names.categories = o.categories;
  const t = b.ago(60 * 86400);
  return b.add(
    {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: meta(name, undefined, o.labels ?? {}, o.annotations ?? {}),
      spec: { group: o.group, names, scope: o.scope ?? 'Namespaced', versions, conversion: { strategy: 'None' } },
      status: {
        acceptedNames: names,
        conditions: [
          {
            type: 'NamesAccepted',
            status: 'True',
            lastTransitionTime: t,
            reason: 'NoConflicts',
            message: 'no conflicts found',
          },
          {
            type: 'Established',
            status: 'True',
            lastTransitionTime: t,
            reason: 'InitialNamesAccepted',
            message: 'the initial names have been accepted',
          },
        ],
        storedVersions: versions.filter((v) => v.storage).map((v) => v.name),
      },
    },
    60 * 86400,
  );
}

/** A custom resource (adds it). `generation` is set so `status.observedGeneration` can refer to it. */
export function addCustom(
  b: ScenarioBuilder,
  o: {
    apiVersion: string;
    kind: string;
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    spec?: Record<string, unknown>;
    status?: Record<string, unknown>;
    generation?: number;
    ageSeconds?: number;
    finalizers?: string[];
  },
): KubeObject {
  const m = meta(o.name, o.namespace, o.labels ?? {}, o.annotations ?? {});
  m.generation = o.generation ?? 1;
  if (o.finalizers) m.finalizers = o.finalizers;
  const obj: KubeObject = { apiVersion: o.apiVersion, kind: o.kind, metadata: m };
  if (o.spec) obj.spec = o.spec;
  if (o.status) obj.status = o.status;
  return b.add(obj, o.ageSeconds);
}

/** A `.status.conditions[]` entry with timestamps. */
export function condition(
  b: ScenarioBuilder,
  type: string,
  status: 'True' | 'False' | 'Unknown',
  reason?: string,
  message?: string,
  agoSeconds = 3600,
): Record<string, unknown> {
  return {
    type,
    status,
    lastTransitionTime: b.ago(agoSeconds),
    ...(reason ? { reason } : {}),
    ...(message !== undefined ? { message } : {}),
  };
}

export function readyCol(type = 'Ready', name = type): PrinterColumn {
  return { name, type: 'string', jsonPath: `.status.conditions[?(@.type=="${type}")].status` };
}
