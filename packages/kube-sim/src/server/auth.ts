/** Bearer-token authentication, impersonation and authorisation (built-in users + RBAC objects). */
import type { IncomingMessage } from 'node:http';
import { qualifiedResource, StoreError } from '../store/errors.js';
import type { KubeObject, ObjectStore, ResourceRef } from '../store/types.js';

export interface UserInfo {
  username: string;
  groups: string[];
  /** the token's built-in role, before impersonation */
  role: 'admin' | 'readonly' | 'impersonated';
}

export interface Tokens {
  admin: string;
  readonly: string;
}

export interface AccessAttributes {
  verb: string;
  group?: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  /** non-resource URL (e.g. /healthz) */
  path?: string;
}

export interface Authenticator {
  authenticate(req: IncomingMessage): UserInfo;
  authorize(user: UserInfo, attrs: AccessAttributes): boolean;
  forbidden(user: UserInfo, attrs: AccessAttributes): StoreError;
  /** the RBAC rules that apply to a user in a namespace (SelfSubjectRulesReview) */
  rules(user: UserInfo, namespace: string): Array<Record<string, unknown>>;
}

const READ_VERBS = new Set(['get', 'list', 'watch']);
const RBAC = 'rbac.authorization.k8s.io';
const ref = (resource: string, namespaced: boolean): ResourceRef => ({
  group: RBAC,
  version: 'v1',
  resource,
  namespaced,
});

type Rule = Record<string, unknown>;
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

function ruleAllows(rule: Rule, a: AccessAttributes): boolean {
  const verbs = strs(rule.verbs);
  if (!verbs.includes('*') && !verbs.includes(a.verb)) return false;
  if (a.path !== undefined) {
    return strs(rule.nonResourceURLs).some(
      (u) => u === '*' || u === a.path || (u.endsWith('*') && (a.path ?? '').startsWith(u.slice(0, -1))),
    );
  }
  const groups = strs(rule.apiGroups);
  if (!groups.includes('*') && !groups.includes(a.group ?? '')) return false;
  const res = a.subresource ? `${a.resource}/${a.subresource}` : (a.resource ?? '');
  const resources = strs(rule.resources);
  if (
    !resources.includes('*') &&
    !resources.includes(res) &&
    !(a.subresource && resources.includes(`*/${a.subresource}`))
  )
    return false;
  const names = strs(rule.resourceNames);
  return names.length === 0 || (a.name !== undefined && names.includes(a.name));
}

function subjectMatches(binding: KubeObject, user: UserInfo): boolean {
  for (const s of (binding.subjects as Rule[] | undefined) ?? []) {
    if (s.kind === 'User' && s.name === user.username) return true;
    if (s.kind === 'Group' && user.groups.includes(String(s.name))) return true;
    if (
      s.kind === 'ServiceAccount' &&
      user.username === `system:serviceaccount:${String(s.namespace)}:${String(s.name)}`
    )
      return true;
  }
  return false;
}

/**
 * `anonymousAdmin`: requests without an Authorization header act as the admin, like the API
 * server's old insecure port. kubectl (client-go) sends no credentials to http:// servers, so the
 * plain-HTTP sim needs it; TLS sims require a token.
 */
export function createAuthenticator(
  store: ObjectStore,
  tokens: Tokens,
  opts: { anonymousAdmin?: boolean } = {},
): Authenticator {
  function rulesOf(roleRef: Rule, namespace: string | undefined): Rule[] {
    const kind = roleRef.kind;
    const name = String(roleRef.name ?? '');
    const role =
      kind === 'ClusterRole'
        ? store.get(ref('clusterroles', false), undefined, name)
        : store.get(ref('roles', true), namespace, name);
    return (role?.rules as Rule[] | undefined) ?? [];
  }

  function rbacAllows(user: UserInfo, a: AccessAttributes): boolean {
    for (const b of store.list(ref('clusterrolebindings', false)).items) {
      if (subjectMatches(b, user) && rulesOf(b.roleRef as Rule, undefined).some((r) => ruleAllows(r, a))) return true;
    }
    if (!a.namespace) return false;
    for (const b of store.list(ref('rolebindings', true), { namespace: a.namespace }).items) {
      if (subjectMatches(b, user) && rulesOf(b.roleRef as Rule, a.namespace).some((r) => ruleAllows(r, a))) return true;
    }
    return false;
  }

  function rulesFor(user: UserInfo, namespace: string): Rule[] {
    if (user.groups.includes('system:masters')) {
      return [
        { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
        { verbs: ['*'], nonResourceURLs: ['*'] },
      ];
    }
    const self: Rule[] = [
      {
        verbs: ['create'],
        apiGroups: ['authorization.k8s.io'],
        resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
      },
      { verbs: ['create'], apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'] },
    ];
    if (user.role === 'readonly')
      return [{ verbs: ['get', 'list', 'watch'], apiGroups: ['*'], resources: ['*'] }, ...self];
    const out: Rule[] = [...self];
    for (const b of store.list(ref('clusterrolebindings', false)).items) {
      if (subjectMatches(b, user)) out.push(...rulesOf(b.roleRef as Rule, undefined));
    }
    for (const b of store.list(ref('rolebindings', true), { namespace }).items) {
      if (subjectMatches(b, user)) out.push(...rulesOf(b.roleRef as Rule, namespace));
    }
    return out;
  }

  return {
    rules: rulesFor,
    authenticate(req) {
      const header = req.headers.authorization ?? '';
      const m = /^Bearer\s+(.+)$/i.exec(header);
      const token = m?.[1]?.trim();
      let user: UserInfo;
      if (token === tokens.admin || (token === undefined && header === '' && opts.anonymousAdmin))
        user = { username: 'kube-sim-admin', groups: ['system:masters', 'system:authenticated'], role: 'admin' };
      else if (token === tokens.readonly)
        user = {
          username: 'kube-sim-readonly',
          groups: ['kube-sim:viewers', 'system:authenticated'],
          role: 'readonly',
        };
      else throw new StoreError(401, 'Unauthorized', 'Unauthorized');
      const as = req.headers['impersonate-user'];
      const asGroups = req.headersDistinct['impersonate-group'] ?? [];
      if (as !== undefined || asGroups.length > 0) {
        if (user.role !== 'admin') {
          const what = as !== undefined ? `users "${String(as)}"` : `groups "${asGroups[0] ?? ''}"`;
          throw new StoreError(
            403,
            'Forbidden',
            `${what} is forbidden: User "${user.username}" cannot impersonate resource "${as !== undefined ? 'users' : 'groups'}" in API group "" at the cluster scope`,
            { name: String(as ?? asGroups[0] ?? ''), kind: as !== undefined ? 'users' : 'groups' },
          );
        }
        const username = typeof as === 'string' ? as : user.username;
        const groups = [...new Set([...asGroups, 'system:authenticated'])];
        user = { username, groups, role: 'impersonated' };
      }
      return user;
    },

    authorize(user, a) {
      if (user.groups.includes('system:masters')) return true;
      // everyone may ask what they are and what they may do
      if (
        a.verb === 'create' &&
        ['selfsubjectaccessreviews', 'selfsubjectreviews', 'selfsubjectrulesreviews'].includes(a.resource ?? '')
      )
        return true;
      if (user.role === 'readonly') {
        const streaming = a.subresource === 'exec' || a.subresource === 'attach' || a.subresource === 'portforward';
        return READ_VERBS.has(a.verb) && !streaming;
      }
      if (
        a.path !== undefined &&
        ['/version', '/healthz', '/readyz', '/livez', '/api', '/apis'].some(
          (p) => a.path === p || a.path?.startsWith(`${p}/`),
        )
      )
        return true;
      return rbacAllows(user, a);
    },

    forbidden(user, a) {
      if (a.path !== undefined) {
        return new StoreError(
          403,
          'Forbidden',
          `forbidden: User "${user.username}" cannot ${a.verb} path "${a.path}"`,
          {},
        );
      }
      const res = a.subresource ? `${a.resource ?? ''}/${a.subresource}` : (a.resource ?? '');
      const named = a.name
        ? `${qualifiedResource(a.group ?? '', a.resource ?? '')} "${a.name}"`
        : qualifiedResource(a.group ?? '', res);
      const scope = a.namespace ? `in the namespace "${a.namespace}"` : 'at the cluster scope';
      const details: Record<string, string> = { group: a.group ?? '', kind: a.resource ?? '' };
      if (a.name) details.name = a.name;
      return new StoreError(
        403,
        'Forbidden',
        `${named} is forbidden: User "${user.username}" cannot ${a.verb} resource "${res}" in API group "${a.group ?? ''}" ${scope}`,
        details,
      );
    },
  };
}
