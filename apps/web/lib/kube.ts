/** Minimal Kubernetes object shapes the UI reads. */
import type { SecretDataKey } from '@argus/contracts';

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  managedFields?: unknown[];
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec?: Record<string, unknown> & Partial<{ replicas: number; selector: { matchLabels?: Record<string, string> } }>;
  status?: Record<string, unknown>;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  /** A Secret the user may not read the values of (no secrets:read there): its keys and value sizes instead of data. */
  data_keys?: SecretDataKey[];
  type?: string;
  /** Cross-cluster lists tag each item with its cluster. */
  cluster?: { id: string; name: string };
  [key: string]: unknown;
}

export interface KubeList {
  items: KubeObject[];
  metadata?: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  continue?: string | null;
}

/** Conditions are read and drawn by `conditionsOf` / `ConditionsTable` from `@argus/ui`. */

export const objectKey = (o: KubeObject) =>
  o.metadata.uid ?? `${o.cluster?.id ?? ''}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** Reads a dotted path from an object ("status.phase"). */
export function pick(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}
