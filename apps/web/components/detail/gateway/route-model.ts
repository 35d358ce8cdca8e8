/**
 * Gateway API routes read as "matches → backends": what each rule of an HTTPRoute or GRPCRoute sends where,
 * with weights as shares of the rule, and the parents (Gateways) it attaches to with their conditions.
 */
import type { KubeObject } from '@/lib/kube';
import { arr, type Rec, rec, str } from '../shared';

export interface Backend {
  kind: string;
  name: string;
  namespace: string;
  port?: string;
  weight: number;
  /** Percent of the rule's traffic (weights are relative; 0 weight takes none). */
  share: number;
}
export interface RouteRule {
  matches: string[];
  filters: string[];
  backends: Backend[];
}
export interface ParentRef {
  name: string;
  namespace: string;
  section?: string;
}

/** One match in words: `PathPrefix /api`, `GET`, `header x-env=canary`, `fraud.v1.FraudDetector/Score`. */
export function describeMatch(m: Rec): string {
  const parts: string[] = [];
  const path = rec(m.path);
  if (path.value !== undefined) parts.push(`${str(path.type) ?? 'PathPrefix'} ${str(path.value)}`);
  const method = m.method;
  if (typeof method === 'string') parts.push(method);
  else if (method && typeof method === 'object') {
    const g = rec(method);
    parts.push(`${str(g.service) ?? '*'}/${str(g.method) ?? '*'}`);
  }
  for (const h of arr(m.headers))
    parts.push(`header ${str(h.name)}${h.type === 'RegularExpression' ? '~' : '='}${str(h.value)}`);
  for (const q of arr(m.queryParams)) parts.push(`query ${str(q.name)}=${str(q.value)}`);
  return parts.join(', ') || 'everything';
}

function describeFilter(f: Rec): string {
  const type = str(f.type) ?? 'Filter';
  if (type === 'RequestRedirect') {
    const r = rec(f.requestRedirect);
    const target = [str(r.scheme) && `${str(r.scheme)}://`, str(r.hostname), str(r.path && rec(r.path).replaceFullPath)]
      .filter(Boolean)
      .join('');
    return `redirect ${str(r.statusCode) ?? '302'}${target ? ` → ${target}` : ''}`;
  }
  if (type === 'URLRewrite') {
    const r = rec(f.urlRewrite);
    return `rewrite${str(r.hostname) ? ` host ${str(r.hostname)}` : ''}${r.path ? ` path ${str(rec(r.path).replacePrefixMatch ?? rec(r.path).replaceFullPath)}` : ''}`;
  }
  return type;
}

export function routeRules(route: KubeObject): RouteRule[] {
  const ns = route.metadata.namespace ?? 'default';
  return arr(rec(route.spec).rules).map((rule) => {
    const refs = arr(rule.backendRefs);
    const weights = refs.map((b) => (typeof b.weight === 'number' ? b.weight : 1));
    const total = weights.reduce((a, b) => a + b, 0);
    return {
      matches: arr(rule.matches).map(describeMatch),
      filters: arr(rule.filters).map(describeFilter),
      backends: refs.map((b, i) => ({
        kind: str(b.kind) ?? 'Service',
        name: str(b.name) ?? '',
        namespace: str(b.namespace) ?? ns,
        port: str(b.port),
        weight: weights[i] ?? 1,
        share: total > 0 ? Math.round(((weights[i] ?? 1) / total) * 1000) / 10 : 0,
      })),
    };
  });
}

export function parentRefs(route: KubeObject): ParentRef[] {
  const ns = route.metadata.namespace ?? 'default';
  return arr(rec(route.spec).parentRefs).map((p) => ({
    name: str(p.name) ?? '',
    namespace: str(p.namespace) ?? ns,
    section: str(p.sectionName),
  }));
}

/** Whether a route attaches to this Gateway (by name and namespace, any listener). */
export const attachesTo = (route: KubeObject, gateway: KubeObject) =>
  parentRefs(route).some((p) => p.name === gateway.metadata.name && p.namespace === gateway.metadata.namespace);
