/** Policy selection and Calico's evaluation order; the staged "would change" diff. */
import { describe, expect, it } from 'vitest';
import {
  compareEvaluation,
  type Endpoint,
  hostEndpoint,
  labelSelectorToCalico,
  podEndpoint,
  policyEntry,
  selects,
  tierOrders,
} from './policies.js';
import { stagedDiff } from './staged.js';

const ns = (name: string, labels: Record<string, string> = {}) => ({ metadata: { name, labels } });
const pod = (
  namespace: string,
  name: string,
  labels: Record<string, string>,
  sa?: string,
  saLabels?: Record<string, string>,
): Endpoint =>
  podEndpoint(
    { metadata: { name, namespace, labels }, spec: sa ? { serviceAccountName: sa } : {} },
    ns(namespace, namespace === 'shop' ? { team: 'storefront' } : {}),
    sa ? { metadata: { name: sa, namespace, labels: saLabels ?? {} } } : undefined,
  );

describe('Kubernetes label selectors in Calico syntax', () => {
  it.each([
    [{}, 'all()'],
    [{ matchLabels: { app: 'web' } }, "app == 'web'"],
    [
      {
        matchLabels: { a: '1' },
        matchExpressions: [
          { key: 'b', operator: 'In' as const, values: ['x', 'y'] },
          { key: 'c', operator: 'DoesNotExist' as const },
        ],
      },
      "a == '1' && b in {'x', 'y'} && !has(c)",
    ],
    [
      {
        matchExpressions: [
          { key: 'd', operator: 'NotIn' as const, values: ['z'] },
          { key: 'e', operator: 'Exists' as const },
        ],
      },
      "d not in {'z'} && has(e)",
    ],
  ])('%j → %s', (sel, text) => {
    expect(labelSelectorToCalico(sel)).toBe(text);
  });
});

describe('which endpoints a policy selects', () => {
  const web = pod('shop', 'web-1', { app: 'web' }, 'web-sa', { role: 'frontend' });
  const other = pod('payments', 'web-2', { app: 'web' });
  const host = hostEndpoint({ metadata: { name: 'n1-eth0', labels: { 'kubernetes-host': '' } }, spec: { node: 'n1' } });
  it.each([
    [
      'a NetworkPolicy selects only in its namespace',
      'networkpolicies',
      { metadata: { name: 'p', namespace: 'shop' }, spec: { selector: "app == 'web'" } },
      [true, false, false],
    ],
    [
      'a GlobalNetworkPolicy selects in all namespaces and host endpoints',
      'globalnetworkpolicies',
      { metadata: { name: 'p' }, spec: { selector: "app == 'web' || has(kubernetes-host)" } },
      [true, true, true],
    ],
    [
      'namespaceSelector on the namespace labels',
      'globalnetworkpolicies',
      { metadata: { name: 'p' }, spec: { selector: 'all()', namespaceSelector: "team == 'storefront'" } },
      [true, false, false],
    ],
    [
      'namespaceSelector by projectcalico.org/name',
      'globalnetworkpolicies',
      { metadata: { name: 'p' }, spec: { namespaceSelector: "projectcalico.org/name == 'payments'" } },
      [false, true, false],
    ],
    [
      'serviceAccountSelector on the account labels',
      'globalnetworkpolicies',
      { metadata: { name: 'p' }, spec: { selector: 'all()', serviceAccountSelector: "role == 'frontend'" } },
      [true, false, false],
    ],
    [
      'pcns. labels carry the namespace labels',
      'globalnetworkpolicies',
      { metadata: { name: 'p' }, spec: { selector: "pcns.team == 'storefront'" } },
      [true, false, false],
    ],
    [
      'a Kubernetes NetworkPolicy podSelector',
      'kubernetesnetworkpolicies',
      { metadata: { name: 'p', namespace: 'payments' }, spec: { podSelector: {} } },
      [false, true, false],
    ],
    [
      'an invalid selector selects nothing',
      'globalnetworkpolicies',
      { metadata: { name: 'p' }, spec: { selector: 'app = web' } },
      [false, false, false],
    ],
  ] as const)('%s', (_t, plural, obj, expected) => {
    const e = policyEntry(plural, obj as never);
    expect([web, other, host].map((x) => selects(e, x))).toEqual(expected);
  });
});

describe('evaluation order', () => {
  it('orders by tier order, then policy order (unset last), then name', () => {
    const tiers = tierOrders([
      { metadata: { name: 'default' }, spec: { order: 1000000 } },
      { metadata: { name: 'security' }, spec: { order: 100 } },
      { metadata: { name: 'platform' }, spec: { order: 100 } },
    ]);
    const entries = [
      policyEntry('networkpolicies', { metadata: { name: 'no-order', namespace: 'a' }, spec: {} }),
      policyEntry('globalnetworkpolicies', { metadata: { name: 'default-deny' }, spec: { order: 2000 } }),
      policyEntry('kubernetesnetworkpolicies', { metadata: { name: 'np', namespace: 'a' }, spec: {} }),
      policyEntry('networkpolicies', { metadata: { name: 'b', namespace: 'a' }, spec: { order: 100 } }),
      policyEntry('networkpolicies', { metadata: { name: 'a', namespace: 'a' }, spec: { order: 100 } }),
      policyEntry('globalnetworkpolicies', { metadata: { name: 'security.x' }, spec: { tier: 'security', order: 5 } }),
      policyEntry('globalnetworkpolicies', { metadata: { name: 'platform.y' }, spec: { tier: 'platform', order: 50 } }),
      policyEntry('globalnetworkpolicies', { metadata: { name: 'ghost.z' }, spec: { tier: 'ghost', order: 1 } }),
    ];
    expect(entries.sort(compareEvaluation(tiers)).map((e) => e.calicoName)).toEqual([
      'platform.y', // tiers of equal order by name
      'security.x',
      'a',
      'b',
      'knp.default.np',
      'default-deny',
      'no-order',
      'ghost.z', // a missing tier comes last
    ]);
  });
});

describe('staged "would change"', () => {
  const a = pod('shop', 'a', { app: 'a' });
  const b = pod('shop', 'b', { app: 'b' });
  const enforced = policyEntry('networkpolicies', {
    metadata: { name: 'p', namespace: 'shop' },
    spec: { order: 1, selector: "app == 'a'" },
  });
  it('an update: the fields and the endpoints gained and lost', () => {
    const staged = policyEntry('stagednetworkpolicies', {
      metadata: { name: 'p', namespace: 'shop' },
      spec: { stagedAction: 'Set', order: 1, selector: "app == 'b'" },
    });
    expect(stagedDiff(staged, enforced, [a, b])).toEqual({
      change: 'update',
      summary: 'Would change selector of NetworkPolicy shop/p: +1 / −1 endpoints',
      fields: [{ field: 'selector', enforced: "app == 'a'", staged: "app == 'b'" }],
      gained: [{ kind: 'Pod', namespace: 'shop', name: 'b' }],
      lost: [{ kind: 'Pod', namespace: 'shop', name: 'a' }],
      unchanged: 0,
    });
  });
  it('a create, a delete, and nothing to do', () => {
    const set = policyEntry('stagednetworkpolicies', {
      metadata: { name: 'q', namespace: 'shop' },
      spec: { order: 1, selector: 'all()' },
    });
    expect(stagedDiff(set, undefined, [a, b])).toMatchObject({
      change: 'create',
      summary: 'Would create NetworkPolicy shop/q selecting 2 endpoints',
    });
    const del = policyEntry('stagednetworkpolicies', {
      metadata: { name: 'p', namespace: 'shop' },
      spec: { stagedAction: 'Delete' },
    });
    expect(stagedDiff(del, enforced, [a, b])).toMatchObject({ change: 'delete', lost: [{ name: 'a' }] });
    expect(stagedDiff(del, undefined, [a, b])).toMatchObject({ change: 'none' });
    const same = policyEntry('stagednetworkpolicies', {
      metadata: { name: 'p', namespace: 'shop' },
      spec: { order: 1, selector: "app == 'a'" },
    });
    expect(stagedDiff(same, enforced, [a, b])).toMatchObject({ change: 'none', unchanged: 1 });
  });
});
