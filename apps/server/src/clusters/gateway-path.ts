/** What a Kubernetes API request does (verb, resource, namespace), and the Argus permission it needs. */
import { permissionFor } from './access.js';

export interface KubeAttributes {
  verb: 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection' | 'discover';
  group: string;
  resource: string;
  subresource: string | undefined;
  namespace: string | undefined;
  name: string | undefined;
  /** The Argus permission to check. */
  permission: { resource: string; action: string };
}

export function parseKubePath(method: string, path: string, query: URLSearchParams): KubeAttributes {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  let rest: string[];
  let group = '';
  if (parts[0] === 'api' && parts.length >= 2) rest = parts.slice(2);
  else if (parts[0] === 'apis' && parts.length >= 3) {
    group = parts[1]!;
    rest = parts.slice(3);
  } else rest = [];
  const discover: KubeAttributes = {
    verb: 'discover',
    group,
    resource: '',
    subresource: undefined,
    namespace: undefined,
    name: undefined,
    permission: { resource: 'clusters', action: 'read' },
  };
  if (rest.length === 0) return discover;
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [resource, name, subresource] = rest as [string, string | undefined, string | undefined];
  const m = method.toUpperCase();
  const watch = query.get('watch') === 'true' || query.get('watch') === '1';
  let verb: KubeAttributes['verb'];
  if (m === 'GET' || m === 'HEAD') verb = watch ? 'watch' : name ? 'get' : 'list';
  else if (m === 'POST') verb = 'create';
  else if (m === 'PUT') verb = 'update';
  else if (m === 'PATCH') verb = 'patch';
  else if (m === 'DELETE') verb = name ? 'delete' : 'deletecollection';
  else verb = 'get';
  // A namespace object is scoped to itself: a namespace-scoped user may read its own namespace.
  if (!namespace && group === '' && resource === 'namespaces' && name) namespace = name;
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
  if (group === 'authorization.k8s.io' && resource.startsWith('selfsubject'))
    permission = { resource: 'clusters', action: 'read' };
  return { verb, group, resource, subresource, namespace, name, permission };
}

/** Filters a List or Table body down to the allowed namespaces (a namespace-scoped user's cluster-wide list). */
export function filterListBody(body: Record<string, unknown>, allowed: Set<string>): Record<string, unknown> {
  const nsOf = (o: unknown): string | undefined => (o as { metadata?: { namespace?: string } })?.metadata?.namespace;
  if (Array.isArray(body.items)) return { ...body, items: body.items.filter((o) => allowed.has(nsOf(o) ?? '')) };
  if (body.kind === 'Table' && Array.isArray(body.rows)) {
    return {
      ...body,
      rows: (body.rows as Array<{ object?: unknown }>).filter((r) => allowed.has(nsOf(r.object) ?? '')),
    };
  }
  return body;
}

/** Whether one watch event line may pass to a namespace-scoped user. */
export function watchLineAllowed(line: string, allowed: Set<string>): boolean {
  try {
    const ev = JSON.parse(line) as { type?: string; object?: Record<string, unknown> };
    if (ev.type === 'BOOKMARK' || ev.type === 'ERROR') return true;
    const obj = ev.object ?? {};
    if (obj.kind === 'Table' && Array.isArray(obj.rows)) {
      const rows = obj.rows as Array<{ object?: { metadata?: { namespace?: string } } }>;
      return rows.every((r) => allowed.has(r.object?.metadata?.namespace ?? ''));
    }
    return allowed.has((obj as { metadata?: { namespace?: string } }).metadata?.namespace ?? '');
  } catch {
    return false;
  }
}
