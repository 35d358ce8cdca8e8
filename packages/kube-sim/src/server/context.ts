/** Everything a request handler needs. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResourceDef, ResourceRegistry } from '../registry/types.js';
import type { KubeObject, ObjectStore } from '../store/types.js';
import type { Admission } from './admission.js';
import type { Authenticator, UserInfo } from './auth.js';
import { type ListKind, schemaListResolver } from './patch/merge-keys.js';
import type { ResourcePath } from './paths.js';
import type { SubresourceHandlers } from './subresource-handlers.js';

/** A Service answered in-process behind the service proxy (e.g. the demo's simulated Prometheus). */
export interface LocalService {
  namespace: string;
  name: string;
  /** the Service ports (names or numbers) it answers on */
  ports: string[];
  handle(req: IncomingMessage, res: ServerResponse, path: string, search: string): Promise<void>;
}

export interface ServerContext {
  store: ObjectStore;
  /** Services whose proxy requests kube-sim answers itself instead of dialling an endpoint. */
  localServices?: LocalService[];
  registry: ResourceRegistry;
  admission: Admission;
  auth: Authenticator;
  subresources: SubresourceHandlers;
  now: () => Date;
  bookmarkIntervalMs: number;
  /** JSON of served objects, shared by all watches (objects are immutable) */
  serialized: WeakMap<object, string>;
}

export interface RequestContext {
  ctx: ServerContext;
  req: IncomingMessage;
  res: ServerResponse;
  user: UserInfo;
  def: ResourceDef;
  path: ResourcePath;
  query: URLSearchParams;
  namespace: string | undefined;
}

export function apiVersionOf(def: ResourceDef): string {
  return def.group ? `${def.group}/${def.version}` : def.version;
}

/** The object as served at the def's version: apiVersion and kind first. */
export function present(def: ResourceDef, obj: KubeObject): KubeObject {
  const apiVersion = apiVersionOf(def);
  if (obj.apiVersion === apiVersion && obj.kind === def.kind) return obj;
  const { apiVersion: _a, kind: _k, ...rest } = obj;
  return { apiVersion, kind: def.kind, ...rest } as KubeObject;
}

export function isDryRun(q: URLSearchParams): boolean {
  return q.getAll('dryRun').includes('All');
}

/** The field manager of a write: the query parameter, else the User-Agent's product name. */
export function fieldManager(r: RequestContext): string {
  const fm = r.query.get('fieldManager');
  if (fm) return fm;
  const ua = String(r.req.headers['user-agent'] ?? 'unknown');
  return ua.split('/')[0] ?? 'unknown';
}

/** How lists of the request's kind merge: built-in merge keys, or the CRD schema's list types. */
export function listKindOf(r: RequestContext): ListKind {
  if (!r.def.crdName) return r.def.kind;
  return schemaListResolver(r.def.kind, r.ctx.registry.schemas().get(r.def.schemaName) ?? {});
}
