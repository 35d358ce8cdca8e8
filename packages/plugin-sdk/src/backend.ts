/**
 * The backend half of a plugin. A plugin names the services it needs (`deps`); the engine hands it
 * exactly those and nothing global. Lifecycle, in order: registerRoutes and registerWatchers once at
 * startup; onEnable / onDisable whenever an admin turns the plugin on or off for a cluster (and onEnable
 * at startup for every cluster where it is enabled).
 */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import type { OperatorKind } from './operator/types.js';
import type { PluginServiceLinks } from './services.js';

// ---- the services a plugin may ask for -------------------------------------------------------------

/** pino's call shapes: a constant message plus fields. Credentials are redacted by the server. */
export interface PluginLogger {
  debug(fields: object, msg: string): void;
  info(fields: object, msg: string): void;
  warn(fields: object, msg: string): void;
  error(fields: object, msg: string): void;
  child(bindings: object): PluginLogger;
}

/** Who is calling: the signed-in user (or API key owner) a route runs for. */
export interface PluginPrincipal {
  userId: string;
  email: string;
}

export interface KubeCall {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Absolute API path with its query string, e.g. `/api/v1/namespaces/default/secrets?labelSelector=owner%3Dhelm`. */
  path: string;
  headers?: Record<string, string>;
  /** A Buffer or string is sent as is; anything else as JSON. */
  body?: unknown;
  timeoutMs?: number;
  /** Cancels the call (pass the route's ctx.signal so a client that goes away cancels the upstream call). */
  signal?: AbortSignal;
}

export interface KubeReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  json<T = unknown>(): T;
}

export interface ClusterSummary {
  id: string;
  name: string;
  status: string;
}

/** One cluster's API, with Argus's own credentials for that cluster: guard it with the plugin's permissions. */
export interface ClusterClient {
  request(call: KubeCall): Promise<KubeReply>;
}

/** A kubeconfig file for command-line tools (helm), pointing at Argus's kubectl gateway as one user. */
export interface GatewayKubeconfig {
  path: string;
  /** The context's namespace is `default`; tools take `--namespace` themselves. */
  dispose(): Promise<void>;
}

export interface ClusterAccess {
  list(): Promise<ClusterSummary[]>;
  get(clusterId: string): Promise<ClusterSummary>;
  client(clusterId: string): ClusterClient;
  /**
   * A short-lived kubeconfig that reaches the cluster through Argus's kubectl gateway as `principal`:
   * whatever a tool does with it is checked by Argus RBAC and written to the audit log.
   */
  gatewayKubeconfig(principal: PluginPrincipal, clusterId: string): Promise<GatewayKubeconfig>;
  /**
   * Runs `fn` with a client whose every request goes through Argus's kubectl gateway as `principal` (in
   * process): Argus RBAC decides each request and the audit log records it. Use it for writes a user asks
   * for, so a plugin never does with Argus's credentials what the user could not do.
   */
  asUser<T>(principal: PluginPrincipal, clusterId: string, fn: (client: ClusterClient) => Promise<T>): Promise<T>;
}

export interface PluginDatabase {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: Record<string, unknown>;
}

export interface ResourceRef {
  group: string;
  version: string;
  resource: string;
}

/** Live events of the server's watch caches (the same ones the WebSocket hub fans out). */
export interface LiveHub {
  watch(clusterId: string, ref: ResourceRef, listener: (event: WatchEvent) => void): Promise<() => void>;
}

/** One object of Argus's watch cache: the indexed fields without parsing, the object on demand. */
export interface CachedItem {
  readonly namespace: string | undefined;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly resourceVersion: string | undefined;
  /** The parsed object (with apiVersion and kind), shared by every reader: never modify it. */
  object(): Record<string, unknown>;
}

export interface CacheListOptions {
  /** One namespace (namespaced resources). */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /**
   * The namespaces whose objects are returned: `ctx.namespaces(resource, action)` of a route, so a
   * namespace-scoped caller sees only its namespaces ('all' by default — filter before answering a user).
   */
  allowed?: 'all' | ReadonlySet<string>;
}

/**
 * Reads through the server's watch caches (the same ones lists, search and the WebSocket hub read): a
 * cluster-wide list-then-watch per resource, started on first use and synced before the first answer, so a
 * request costs no API call. Objects are read with Argus's own credentials: filter them by what the caller
 * may read. Secrets come without `data`/`stringData` (names and keys only: read values with `clusters`).
 * Throws AppError UNKNOWN_KIND (404) when the cluster does not serve the resource.
 */
export interface PluginCache {
  list(clusterId: string, ref: ResourceRef, options?: CacheListOptions): Promise<CachedItem[]>;
  get(
    clusterId: string,
    ref: ResourceRef,
    namespace: string | undefined,
    name: string,
  ): Promise<CachedItem | undefined>;
}

/** The plugin's per-cluster configuration (`plugin_config.config`), validated by the plugin's `config` schema. */
export interface PluginConfigStore<C> {
  get(clusterId: string): Promise<C>;
  set(clusterId: string, value: C): Promise<void>;
}

export interface OutboundRequest {
  method?: 'GET' | 'POST' | 'PUT';
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** The largest answer accepted (default 10 MiB); a larger one fails with 502 OUTBOUND_FETCH_FAILED. */
  maxBytes?: number;
  /** The whole exchange, redirects included (default 30 s). */
  timeoutMs?: number;
  /** Cancels the request (pass the route's ctx.signal). */
  signal?: AbortSignal;
}

export interface OutboundReply {
  /** Any status: the plugin decides what a non-2xx answer means (and must not echo its body to the user). */
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** The URL that answered, after redirects. */
  url: string;
}

/**
 * Fetches a URL a user chose (a chart repository, a webhook) through the server's SSRF guard: http(s)
 * only, no credentials in the URL, no loopback/private/link-local/metadata/reserved address (unless the
 * operator allows it with OUTBOUND_ALLOWED_CIDRS) after DNS resolution and on every redirect (at most 5).
 * Throws 400 OUTBOUND_URL_FORBIDDEN or 502 OUTBOUND_FETCH_FAILED (AppError); never fetch such URLs otherwise.
 */
export interface OutboundHttp {
  fetch(url: string, request?: OutboundRequest): Promise<OutboundReply>;
}

export interface PluginServices<C = unknown> {
  clusters: ClusterAccess;
  logger: PluginLogger;
  db: PluginDatabase;
  hub: LiveHub;
  config: PluginConfigStore<C>;
  /** Host settings the server passes to plugins (e.g. the helm binary's path). */
  host: Readonly<Record<string, string>>;
  /** Outbound HTTP(S) to URLs users supply, through the server's SSRF guard. */
  outbound: OutboundHttp;
  /** Reads from the server's watch caches (the operator toolkit lists and gets through it). */
  cache: PluginCache;
  /** Other plugins' services, as the manifest's `uses` declares them (see services.ts). */
  plugins: PluginServiceLinks;
}

export type PluginDepName = keyof PluginServices;
export type PluginDeps<D extends readonly PluginDepName[], C = unknown> = Pick<PluginServices<C>, D[number]>;

// ---- routes -----------------------------------------------------------------------------------------

export interface RouteContext<Q, B, P = Record<string, string>> {
  /** For cluster-scoped routes: the cluster from the URL (the plugin is enabled there); '' for global routes. */
  clusterId: string;
  /** The clusters where the plugin is enabled (for global routes that span clusters). */
  enabledClusters(): Promise<ClusterSummary[]>;
  /** The path parameters (without `cluster`), validated by the route's `params` schema. */
  params: P;
  query: Q;
  body: B;
  principal: PluginPrincipal;
  /**
   * Argus RBAC for the caller, e.g. can('helm.releases', 'write', { namespace }) on this route's cluster;
   * global routes name the cluster: can('helm.releases', 'read', { clusterId }).
   */
  can(resource: string, action: string, scope?: { clusterId?: string; namespace?: string }): Promise<boolean>;
  /**
   * Where the caller holds (resource, action) on this route's cluster (or `clusterId`): 'all', or the
   * namespaces of its grants (possibly none). Pass it as `allowed` to `cache.list` to filter a list.
   */
  namespaces(resource: string, action: string, clusterId?: string): Promise<'all' | ReadonlySet<string>>;
  log: PluginLogger;
  signal: AbortSignal;
}

/** Return this from a handler for a status other than 200 or a body that is not JSON. */
export class PluginResponse {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

/**
 * A response that is not (only) a zod schema: a description, and the schema per media type (`text/plain`,
 * `application/json`, …); without `content` the response has no body (204).
 */
export interface ResponseDeclaration {
  description: string;
  content?: Record<string, { schema: z.ZodType }>;
}

/** The answers of a route by status: every success status it answers (200, 201, 204 …). */
export type RouteResponses = Record<number, z.ZodType | ResponseDeclaration>;

/**
 * One backend route, declared like the server's own: the engine hands `params`, `query`, `body` and
 * `responses` to the framework, which validates input before the handler (400 VALIDATION_FAILED) and lists
 * the route in the generated OpenAPI document (`GET /api/openapi.json`) under the tag `plugin: <id>`.
 */
export interface RouteDefinition<Q, B, P = Record<string, string>> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** As written in the manifest's `routes` (the engine refuses a route the manifest does not declare). */
  path: string;
  scope?: 'cluster' | 'global';
  /** One line for the API reference; the manifest route's `description` when absent. */
  summary?: string;
  /**
   * The path's `:params` (a z.object; `cluster` is added by the engine). A param it leaves out is a plain
   * object name; whatever it says, every param must be a valid path segment and `namespace`/`ns` a DNS-1123
   * label (checked by the engine first).
   */
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  /** The JSON body (an absent body is validated as `{}`); not used with `bodyType: 'binary'`. */
  body?: z.ZodType<B>;
  /** 'binary' takes `application/octet-stream` / `application/gzip` bodies as a Buffer (chart archives). */
  bodyType?: 'json' | 'binary';
  /**
   * The largest body this route takes, in bytes: defaults to the server's BODY_LIMIT_BYTES for JSON and to
   * PLUGIN_UPLOAD_LIMIT_BYTES for binary bodies; never more than PLUGIN_UPLOAD_LIMIT_BYTES.
   */
  bodyLimit?: number;
  /**
   * What the route answers, by success status: a zod schema of the JSON body (a returned value is 200, a
   * PluginResponse its own status), or a ResponseDeclaration. Error statuses need no declaration: they are
   * the contract's error body. With VALIDATE_RESPONSES (the server's tests) every JSON answer is checked
   * against the schema of its status, and a mismatch is 500 RESPONSE_SCHEMA_MISMATCH.
   */
  responses: RouteResponses;
  handler(ctx: RouteContext<Q, B, P>): Promise<unknown>;
}

export interface PluginRouter {
  route<Q = Record<string, string | undefined>, B = undefined, P = Record<string, string>>(
    def: RouteDefinition<Q, B, P>,
  ): void;
  /**
   * The operator toolkit (registerOperatorRoutes) names the kinds whose health it serves, so the server can
   * judge them outside a request too (alerts when an operator resource turns Failed or Degraded).
   */
  // biome-ignore lint/suspicious/noExplicitAny: kinds of different object types live in one list
  operatorKinds?(kinds: readonly OperatorKind<any>[]): void;
}

// ---- watchers ---------------------------------------------------------------------------------------

export interface WatcherRegistry {
  /** `id` is one of the manifest's `watchers`; the listener runs only for clusters where the plugin is enabled. */
  on(id: string, listener: (clusterId: string, event: WatchEvent) => void): void;
}

// ---- the plugin -------------------------------------------------------------------------------------

export interface PluginDefinition<D extends readonly PluginDepName[] = readonly PluginDepName[], C = unknown> {
  /** The manifest as read from manifest.json; the engine validates it. */
  manifest: unknown;
  deps: D;
  /** Validates `plugin_config.config`; its defaults fill a cluster with no stored config. */
  config?: z.ZodType<C>;
  registerRoutes?(router: PluginRouter, deps: PluginDeps<D, C>): void | Promise<void>;
  registerWatchers?(watchers: WatcherRegistry, deps: PluginDeps<D, C>): void | Promise<void>;
  onEnable?(ctx: { clusterId: string }, deps: PluginDeps<D, C>): void | Promise<void>;
  onDisable?(ctx: { clusterId: string }, deps: PluginDeps<D, C>): void | Promise<void>;
  /**
   * Services this plugin offers other plugins, one factory per service its manifest's `provides` names, built
   * once at startup from the plugin's deps. Consumers reach them with `deps.plugins.get(contract, clusterId)`.
   */
  provides?: Record<string, ServiceFactory<D, C>>;
}

/**
 * A `provides` factory. Written as a method's type so a definition with specific deps still counts as a
 * PluginDefinition in general (method parameters are bivariant, as `registerRoutes` and the other hooks are).
 */
export type ServiceFactory<D extends readonly PluginDepName[], C> = {
  factory(deps: PluginDeps<D, C>): unknown;
}['factory'];

/** Declares a plugin; the type parameters make `deps` in each hook exactly what was asked for. */
export function definePlugin<const D extends readonly PluginDepName[], C = unknown>(
  def: PluginDefinition<D, C>,
): PluginDefinition<D, C> {
  return def;
}

/** Reads a plugin's manifest.json, e.g. `readManifest(new URL('../../manifest.json', import.meta.url))`. */
export function readManifest(url: URL): unknown {
  return JSON.parse(readFileSync(url, 'utf8'));
}
