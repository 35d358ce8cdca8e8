/** Shared state between the store's parts (not part of the public contract). */
import type { KubeObject, ResourceRef } from './types.js';

export interface Bucket {
  key: string;
  ref: ResourceRef;
  /** `${namespace}/${name}` -> object (immutable once stored) */
  objects: Map<string, KubeObject>;
  /** cached sorted keys; null when stale */
  sorted: string[] | null;
  /** objects in `sorted` order; null when anything changed (never mutated once built) */
  sortedObjects: KubeObject[] | null;
}

export interface StoreInternals {
  buckets: Map<string, Bucket>;
  uidIndex: Map<string, { bucket: Bucket; key: string }>;
  dependents: Map<string, Set<string>>;
  nsCounts: Map<string, number>;
  removeNow(bucket: Bucket, key: string, obj: KubeObject): KubeObject;
  put(bucket: Bucket, key: string, obj: KubeObject, prev: KubeObject | undefined, type: 'ADDED' | 'MODIFIED'): void;
  nextRv(): number;
  timestamp(): string;
}
