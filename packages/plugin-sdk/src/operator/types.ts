/**
 * The operator toolkit's declarations: a plugin declares each kind of its operator once — where it lives,
 * how healthy an object is, what to show, and its actions — and `registerOperatorRoutes` serves them
 * (docs/plugins.md, "Operator toolkit").
 */
import type { z } from 'zod';
import type { ClusterClient, PluginCache, PluginPrincipal } from '../backend.js';

export const HEALTH_STATUSES = ['Healthy', 'Progressing', 'Degraded', 'Failed', 'Paused', 'Unknown'] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

/** An object's health: one of six states and why, in words a user reads in a badge's tooltip. */
export interface Health {
  status: HealthStatus;
  reason: string;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: Array<{ apiVersion: string; kind: string; name: string; uid: string; controller?: boolean }>;
  [key: string]: unknown;
}

/** A Kubernetes object as the cache holds it; a plugin narrows `spec` and `status` with its own interface. */
export interface OperatorObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  // biome-ignore lint/suspicious/noExplicitAny: operators' specs are free-form until a plugin narrows them
  spec?: any;
  // biome-ignore lint/suspicious/noExplicitAny: likewise for status
  status?: any;
  [key: string]: unknown;
}

/** A patch of the object itself (or its `status`/`scale` subresource). */
export interface OperatorPatch {
  /** JSON merge patch (default; `null` removes a key) or JSON patch (RFC 6902 operations). */
  type?: 'merge' | 'json';
  subresource?: 'status' | 'scale';
  body: unknown;
  /**
   * A merge patch carries the object's `metadata.resourceVersion` (default true), so it applies only to the
   * version the user saw and the toolkit answers 409 CONFLICT when the object changed meanwhile.
   */
  precondition?: boolean;
}

/** An object to create (e.g. a Backup of a Cluster), in the target's namespace unless `namespace` says otherwise. */
export interface OperatorCreate {
  /** Defaults: the kind's own group and version. */
  group?: string;
  version?: string;
  /** The plural, e.g. `backups`. */
  resource: string;
  namespace?: string;
  /** The object (apiVersion and kind included). */
  body: Record<string, unknown>;
}

/** What a custom action gets: the object and a client acting as the caller (through the kubectl gateway). */
export interface ActionContext<T extends OperatorObject, P> {
  object: T;
  params: P;
  clusterId: string;
  /** The object's namespace ('' for cluster-scoped kinds). */
  namespace: string;
  principal: PluginPrincipal;
  /** Every request is checked by Argus RBAC as the caller and audited. Map failures with `ensureKubeOk`. */
  client: ClusterClient;
  cache: PluginCache;
  now: Date;
  signal: AbortSignal;
}

/**
 * One action on objects of a kind. Exactly one of `patch`, `create` or `run` says what it does; it runs as the
 * calling user through the kubectl gateway (Argus RBAC decides each request, the audit log records it).
 */
// biome-ignore lint/suspicious/noExplicitAny: an action's params are whatever its zod schema outputs
export interface OperatorAction<T extends OperatorObject = OperatorObject, P = any> {
  label: string;
  /** Defaults to the manifest's description of the action. */
  description?: string;
  /**
   * The permission the caller needs in the object's namespace. Taken from the manifest's `resources.kinds[].actions`
   * when absent; when given it must be the manifest's.
   */
  permission?: { resource: string; action: string };
  /** The body's `params` (400 VALIDATION_FAILED when they do not parse); absent = no params. */
  params?: z.ZodType<P>;
  /** The question the UI asks first, for actions that affect availability (restart, switchover, hibernate …). */
  confirm?: string | ((object: T, params: P | undefined) => string | undefined);
  /**
   * Whether the object's state allows the action: `true`, or why not (409 ACTION_NOT_AVAILABLE with that
   * reason). `params` is undefined when the UI asks before the user chose them.
   */
  available?(object: T, params: P | undefined): true | string;
  patch?(object: T, params: P, now: Date): OperatorPatch;
  create?(object: T, params: P, now: Date): OperatorCreate;
  /** The rare action a patch or a create cannot express; its return value is the answer's `result`. */
  run?(ctx: ActionContext<T, P>): Promise<unknown>;
}

/** What a kind's `context` loader gets: the cluster and Argus's watch caches (read with Argus's credentials). */
export interface KindContextLoad {
  clusterId: string;
  cache: PluginCache;
  signal?: AbortSignal;
}

/** A kind of the operator, declared once. */
export interface OperatorKind<T extends OperatorObject = OperatorObject, C = unknown> {
  group: string;
  /** The version the plugin reads and writes (the operator's preferred one). */
  version: string;
  /** The plural resource name (the route's `{plural}`), e.g. `clusters`. */
  plural: string;
  kind: string;
  namespaced: boolean;
  /**
   * Optional: what `health` and `summary` need beyond the object itself (other objects, e.g. the IPAM blocks
   * of an IP pool), loaded once per list or get request from the watch caches and passed as their second
   * argument. Use it only to judge objects, never to hand other objects out. A loader that throws gives
   * `undefined` (the rules then judge the object alone).
   */
  context?(load: KindContextLoad): Promise<C>;
  /** Pure: the object's health by the operator's rules (and the `context`, if declared). A throw is reported as Unknown. */
  health(object: T, context?: C): Health;
  /** A projection the UI shows in tables (`summary` of each item), e.g. `{instances: "3/3", primary: "pg-1"}`. */
  summary?(object: T, context?: C): Record<string, unknown>;
  // biome-ignore lint/suspicious/noExplicitAny: each action has its own params type
  actions?: Record<string, OperatorAction<T, any>>;
}

/** Declares a kind (an identity function that types `health`, `summary` and the actions by `T`). */
export function defineOperatorKind<T extends OperatorObject = OperatorObject, C = unknown>(
  kind: OperatorKind<T, C>,
): OperatorKind<T, C> {
  return kind;
}

/** Declares one action with its params type inferred from its zod schema. */
export function defineOperatorAction<T extends OperatorObject = OperatorObject, P = undefined>(
  action: OperatorAction<T, P>,
): OperatorAction<T, P> {
  return action;
}
