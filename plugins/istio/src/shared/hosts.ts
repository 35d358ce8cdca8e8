/** Istio host names: short names resolve relative to the object's namespace; `*` wildcards match suffixes. */
const SUFFIX = '.svc.cluster.local';

/** The FQDN of a host named in an object of `namespace` (`reviews` → `reviews.bookinfo.svc.cluster.local`). */
export function fqdn(host: string, namespace: string): string {
  if (host.includes('*')) return host;
  if (host.endsWith(SUFFIX)) return host;
  const parts = host.split('.');
  if (parts.length === 1) return `${host}.${namespace}${SUFFIX}`;
  if (parts.length === 2) return `${host}${SUFFIX}`;
  if (host.endsWith('.svc')) return `${host}.cluster.local`;
  return host;
}

/** The Service a FQDN names (`name.ns.svc.cluster.local`), if it is one. */
export function serviceOf(host: string): { name: string; namespace: string } | undefined {
  if (!host.endsWith(SUFFIX)) return undefined;
  const parts = host.slice(0, -SUFFIX.length).split('.');
  return parts.length === 2 && parts[0] && parts[1] ? { name: parts[0], namespace: parts[1] } : undefined;
}

/** Whether `pattern` (possibly `*` or `*.example.com`) matches `host` (itself possibly a wildcard). */
export function hostMatches(pattern: string, host: string): boolean {
  if (pattern === '*' || pattern === host) return true;
  if (pattern.startsWith('*.')) {
    const suffix = pattern.slice(1);
    return host.endsWith(suffix) && (host.startsWith('*.') ? host.slice(1).endsWith(suffix) : true);
  }
  return false;
}

/** A gateway reference of a VirtualService (`name` or `ns/name`) as namespace and name; null for `mesh`. */
export function gatewayRef(ref: string, namespace: string): { namespace: string; name: string } | null {
  if (ref === 'mesh') return null;
  const [a, b] = ref.split('/');
  if (b !== undefined) return { namespace: a ?? namespace, name: b };
  // `name.namespace` is the legacy form, `name` alone is relative to the VirtualService's namespace.
  const [name, ns] = ref.split('.');
  return { namespace: ns ?? namespace, name: name ?? ref };
}

/** Whether every label of `selector` is on `labels` (an empty selector selects everything). */
export function selects(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined) {
  return Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);
}
