/** What a Kubernetes API request does (verb, resource, namespace), and the Argus permission it needs. */
import { permissionFor } from './access.js';

export interface KubeAttributes {
  /** `discover`: an allow-listed discovery or health path; `raw`: any other path outside `/api` and `/apis`. */
  verb: 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection' | 'discover' | 'raw';
  group: string;
  resource: string;
  subresource: string | undefined;
  namespace: string | undefined;
  name: string | undefined;
  /** The Argus permission to check. */
  permission: { resource: string; action: string };
}

/** Subresources of a Namespace object: `namespaces/{name}/status|finalize` act on the Namespace itself. */
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

/**
 * Paths outside `/api` and `/apis` that any reader of the cluster may GET: version, OpenAPI and health
 * probes. Everything else there (`/logs/`, `/debug/pprof/`, `/metrics`, `/configz`, …) is the API server's
 * own internals, reached with Argus's credentials: a cluster-wide `clusters:admin` grant only.
 */
const DISCOVERY =
  /^\/(version|openapi\/v2|openapi\/v3(\/.*)?|healthz(\/[a-z0-9-]+)?|livez(\/[a-z0-9-]+)?|readyz(\/[a-z0-9-]+)?)$/;

/** The permission raw (non-API, non-discovery) paths need: only a `*` grant (admin) covers it by default. */
export const RAW_PATH_PERMISSION = { resource: 'clusters', action: 'admin' } as const;

/**
 * What a request does, from the decoded segments of its path below the gateway prefix (see
 * http/raw-path.ts: they are refused there if they hold `.`, `..`, empty segments or an encoded `/`).
 * Mirrors kube-apiserver's RequestInfo: `namespaces/{ns}/{resource}/…` is inside `ns`, except the
 * Namespace's own subresources (`status`, `finalize`).
 */
export function parseKubePath(method: string, segments: readonly string[], query: URLSearchParams): KubeAttributes {
  const m = method.toUpperCase();
  const readOnly = m === 'GET' || m === 'HEAD';
  const attrs = (verb: 'discover' | 'raw', group = ''): KubeAttributes => ({
    verb,
    group,
    resource: '',
    subresource: undefined,
    namespace: undefined,
    name: undefined,
    permission: verb === 'discover' ? { resource: 'clusters', action: 'read' } : { ...RAW_PATH_PERMISSION },
  });
  const parts = [...segments];
  let rest: string[];
  let group = '';
  if (parts[0] === 'api') rest = parts.slice(2);
  else if (parts[0] === 'apis') {
    group = parts[1] ?? '';
    rest = parts.slice(3);
  } else return attrs(readOnly && DISCOVERY.test(`/${parts.join('/')}`) ? 'discover' : 'raw');
  if (rest.length === 0) return attrs(readOnly ? 'discover' : 'raw', group);
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3 && !NAMESPACE_SUBRESOURCES.has(rest[2]!)) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [resource, name, subresource] = rest as [string, string | undefined, string | undefined];
  const watch = query.get('watch') === 'true' || query.get('watch') === '1';
  let verb: KubeAttributes['verb'];
  if (readOnly) verb = watch ? 'watch' : name ? 'get' : 'list';
  else if (m === 'POST') verb = 'create';
  else if (m === 'PUT') verb = 'update';
  else if (m === 'PATCH') verb = 'patch';
  else if (m === 'DELETE') verb = name ? 'delete' : 'deletecollection';
  else verb = 'get';
  // A namespace-scoped user may READ its own Namespace object (not its status or finalizers, and never
  // write it: labels such as pod-security.kubernetes.io/enforce are the cluster admin's).
  if (
    !namespace &&
    group === '' &&
    resource === 'namespaces' &&
    name &&
    !subresource &&
    (verb === 'get' || verb === 'watch')
  )
    namespace = name;
  const action =
    verb === 'get' || verb === 'list' || verb === 'watch'
      ? 'read'
      : verb === 'delete' || verb === 'deletecollection'
        ? 'delete'
        : 'write';
  let permission = permissionFor(resource, subresource, action);
  // exec/attach/portforward are POST or GET upgrades; logs are GET.
  if (resource === 'pods' && (subresource === 'exec' || subresource === 'attach' || subresource === 'portforward'))
    permission = { resource: 'pods', action: 'exec' };
  // kubectl auth can-i and discovery helpers create reviews about the caller: allow any reader.
  if (group === 'authorization.k8s.io' && resource.startsWith('selfsubject') && verb === 'create')
    permission = { resource: 'clusters', action: 'read' };
  return { verb, group, resource, subresource, namespace, name, permission };
}

/** Whether the request touches Secret objects (whose contents need `secrets:read`). */
export function isSecretRequest(a: KubeAttributes): boolean {
  return a.group === '' && a.resource === 'secrets';
}

/** The namespace an object counts as in for filtering: its own, or for a Namespace object its name. */
function nsOf(o: unknown): string {
  const meta = (o as { kind?: string; metadata?: { namespace?: string; name?: string } } | undefined)?.metadata;
  if (!meta) return '';
  if (meta.namespace) return meta.namespace;
  return (o as { kind?: string }).kind === 'Namespace' ? (meta.name ?? '') : '';
}

/** Filters a List or Table body down to the allowed namespaces (a namespace-scoped user's cluster-wide list). */
export function filterListBody(body: Record<string, unknown>, allowed: Set<string>): Record<string, unknown> {
  if (Array.isArray(body.items)) {
    const namespaces = body.kind === 'NamespaceList';
    return {
      ...body,
      items: body.items.filter((o) =>
        allowed.has(namespaces ? ((o as { metadata?: { name?: string } }).metadata?.name ?? '') : nsOf(o)),
      ),
    };
  }
  if (body.kind === 'Table' && Array.isArray(body.rows)) {
    return { ...body, rows: (body.rows as Array<{ object?: unknown }>).filter((r) => allowed.has(nsOf(r.object))) };
  }
  return { ...body, items: [] };
}

/** Whether one watch event line may pass to a namespace-scoped user. */
export function watchLineAllowed(line: string, allowed: Set<string>): boolean {
  try {
    const ev = JSON.parse(line) as { type?: string; object?: Record<string, unknown> };
    if (ev.type === 'BOOKMARK' || ev.type === 'ERROR') return true;
    const obj = ev.object ?? {};
    if (obj.kind === 'Table' && Array.isArray(obj.rows)) {
      const rows = obj.rows as Array<{ object?: unknown }>;
      return rows.every((r) => allowed.has(nsOf(r.object)));
    }
    return allowed.has(nsOf(obj));
  } catch {
    return false;
  }
}
