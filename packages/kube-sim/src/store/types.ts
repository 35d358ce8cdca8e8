/**
 * The kube-sim object store: the contract that the HTTP server, the scenarios and the
 * controllers share.
 *
 * - Objects are addressed by a {@link ResourceRef} (group + resource; the version is where the
 *   object is served, the store keeps one copy per group/resource), a namespace ('' for
 *   cluster-scoped kinds) and a name.
 * - Every write gets the next value of ONE global, monotonically increasing resourceVersion.
 * - Returned objects are shared and immutable: never mutate what `get`/`list`/events hand out;
 *   clone (structuredClone) before changing and write it back with `update`.
 * - Errors are thrown as {@link StoreError} carrying the API server's Status reason and code.
 */

export interface ResourceRef {
  /** '' for the core group */
  group: string;
  /** version the object is served at (informational for the store) */
  version: string;
  /** plural resource name, e.g. 'pods', 'deployments' */
  resource: string;
  /** kind, e.g. 'Pod' (used for error messages and Status details) */
  kind?: string;
  /** true for namespaced kinds; defaults to true */
  namespaced?: boolean;
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  ownerReferences?: OwnerReference[];
  managedFields?: ManagedFieldsEntry[];
  [key: string]: unknown;
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

export interface WriteOptions {
  /** validate and compute the result, persist nothing, emit no event */
  dryRun?: boolean;
}

export interface UpdateOptions extends WriteOptions {
  /**
   * 'status': only .status (and nothing else) is taken from the new object.
   * 'main' with preserveStatus: .status is kept from the stored object (kinds with a status
   * subresource). Default: the whole object is replaced.
   */
  subresource?: 'status';
  preserveStatus?: boolean;
  /** create the object if it does not exist (PUT / apply semantics) */
  allowCreate?: boolean;
}

export interface DeleteOptions extends WriteOptions {
  propagationPolicy?: PropagationPolicy;
  preconditions?: { uid?: string; resourceVersion?: string };
}

export interface DeleteResult {
  /** the object as last seen: removed, or marked with deletionTimestamp */
  object: KubeObject;
  /** true when the object is gone; false when it waits on finalizers */
  removed: boolean;
}

export interface ListOptions {
  /** undefined or '' = all namespaces */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
}

export interface ListResult {
  items: KubeObject[];
  /** the store resourceVersion of the snapshot the list comes from */
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';

export interface StoreEvent {
  type: Exclude<WatchEventType, 'BOOKMARK'>;
  /** `${group}/${resource}` (group '' for core) */
  resourceKey: string;
  object: KubeObject;
  /** numeric resourceVersion of this event */
  rv: number;
}

export interface WatchOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /**
   * undefined / '' / '0': send ADDED for every current object first, then changes.
   * Otherwise: every change after that version (throws 410 Expired when it is older than the
   * retained history).
   */
  resourceVersion?: string;
}

export interface Watcher {
  /** stop receiving events */
  stop(): void;
}

export interface SubscribeFilter {
  /** only events of these resource keys (`${group}/${resource}`) */
  resourceKeys?: string[];
}

export interface ObjectStore {
  /** current global resourceVersion */
  currentResourceVersion(): number;
  get(ref: ResourceRef, namespace: string | undefined, name: string): KubeObject | undefined;
  /** throws 404 NotFound */
  mustGet(ref: ResourceRef, namespace: string | undefined, name: string): KubeObject;
  /** sets uid, resourceVersion, creationTimestamp, generation; generateName; 409 AlreadyExists */
  create(ref: ResourceRef, obj: KubeObject, opts?: WriteOptions): KubeObject;
  /** optimistic concurrency when metadata.resourceVersion is set (409 Conflict); 404 when absent */
  update(ref: ResourceRef, obj: KubeObject, opts?: UpdateOptions): KubeObject;
  /** finalizers → deletionTimestamp; ownerReference GC for Background/Foreground/Orphan */
  delete(ref: ResourceRef, namespace: string | undefined, name: string, opts?: DeleteOptions): DeleteResult;
  list(ref: ResourceRef, opts?: ListOptions): ListResult;
  /** events for one resource, filtered; `send` is called synchronously in write order */
  watch(ref: ResourceRef, opts: WatchOptions, send: (ev: StoreEvent) => void): Watcher;
  /** every committed change (all resources unless filtered); for controllers */
  subscribe(listener: (ev: StoreEvent) => void, filter?: SubscribeFilter): () => void;
  /**
   * Fast seeding: no per-object event history, no cloning (the store takes ownership of the
   * objects), metadata filled as by create. One ADDED event per object still reaches
   * subscribers/watchers only when `emit` is true.
   */
  bulkLoad(ref: ResourceRef, objs: KubeObject[], opts?: { emit?: boolean }): void;
  /** drop every object of a resource (e.g. when its CRD is deleted), emitting DELETED */
  dropResource(ref: ResourceRef): void;
  /** resource keys that currently hold objects */
  resourceKeys(): string[];
  /** number of objects per resource key */
  count(ref?: ResourceRef): number;
}

export interface StoreOptions {
  /** how many events the watch history keeps (default 20 000) */
  historySize?: number;
  /** clock, for deterministic tests */
  now?: () => Date;
  /** uid generator, for deterministic scenarios */
  uid?: () => string;
}

export function resourceKey(ref: Pick<ResourceRef, 'group' | 'resource'>): string {
  return `${ref.group}/${ref.resource}`;
}
