/**
 * Where the user is, from the URL (DESIGN.md "UI routes"): `/clusters/{id}`, `/clusters/{id}/{resource}?namespace=`
 * and `/clusters/{id}/{resource}/{namespace}/{name}` (`_` = cluster-scoped). The assistant sends it with every
 * question, so "why is this failing?" means the object on screen.
 */
export interface AssistantContext {
  cluster_id?: string;
  namespace?: string;
  kind?: string;
  name?: string;
}

const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const KIND = /^[A-Za-z0-9.~-]{1,100}$/;
const CLUSTER_PAGES = new Set(['terminal', 'plugins', 'events', 'overview']);

export function contextFromRoute(pathname: string, search: URLSearchParams | null): AssistantContext {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] !== 'clusters' || !parts[1]) return {};
  const context: AssistantContext = { cluster_id: parts[1] };
  const resource = parts[2];
  if (!resource || CLUSTER_PAGES.has(resource) || !KIND.test(resource)) return context;
  context.kind = resource;
  const namespace = parts[3] ?? search?.get('namespace') ?? undefined;
  if (namespace && namespace !== '_' && NAME.test(namespace)) context.namespace = namespace;
  const name = parts[4];
  if (name && NAME.test(name)) context.name = name;
  return context;
}

/** The context in words, for the chip above the input. */
export function describeContext(c: AssistantContext, clusterName?: string): string | null {
  if (!c.cluster_id) return null;
  const parts = [`cluster ${clusterName ?? c.cluster_id}`];
  if (c.namespace) parts.push(`namespace ${c.namespace}`);
  if (c.kind) parts.push(c.name ? `${c.kind}/${c.name}` : c.kind);
  return parts.join(' · ');
}
