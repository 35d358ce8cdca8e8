/**
 * Calico's policies — its own (Global)NetworkPolicies, the staged ones, and Kubernetes NetworkPolicies, which
 * Calico shows in the `default` tier as `knp.default.<name>` with order 1000 — in one shape, which endpoints
 * each selects, and Calico's evaluation order: tier order, then policy order (unset = last), then name.
 */
import { type Labels, matches, parseSelector } from './selector.js';
import type {
  CalicoPolicy,
  HostEndpoint,
  KubePolicy,
  LabelSelector,
  NamedLabels,
  PodLike,
  PolicyRule,
  Tier,
} from './types.js';

export const POLICY_KINDS = {
  networkpolicies: { kind: 'NetworkPolicy', namespaced: true, staged: false, k8s: false },
  globalnetworkpolicies: { kind: 'GlobalNetworkPolicy', namespaced: false, staged: false, k8s: false },
  stagednetworkpolicies: { kind: 'StagedNetworkPolicy', namespaced: true, staged: true, k8s: false },
  stagedglobalnetworkpolicies: { kind: 'StagedGlobalNetworkPolicy', namespaced: false, staged: true, k8s: false },
  stagedkubernetesnetworkpolicies: {
    kind: 'StagedKubernetesNetworkPolicy',
    namespaced: true,
    staged: true,
    k8s: true,
  },
  /** networking.k8s.io/v1 NetworkPolicies. */
  kubernetesnetworkpolicies: { kind: 'KubernetesNetworkPolicy', namespaced: true, staged: false, k8s: true },
} as const;

export type PolicyPlural = keyof typeof POLICY_KINDS;

/** The enforced kind a staged one would become (and the staged kind of an enforced one). */
export const ENFORCED_OF: Partial<Record<PolicyPlural, PolicyPlural>> = {
  stagednetworkpolicies: 'networkpolicies',
  stagedglobalnetworkpolicies: 'globalnetworkpolicies',
  stagedkubernetesnetworkpolicies: 'kubernetesnetworkpolicies',
};

/** The order Calico gives Kubernetes NetworkPolicies. */
export const KNP_ORDER = 1000;
export const DEFAULT_TIER = 'default';

export interface PolicyEntry {
  plural: PolicyPlural;
  kind: string;
  name: string;
  namespace: string | null;
  /** The name Calico shows (`knp.default.<name>` for a Kubernetes NetworkPolicy). */
  calicoName: string;
  tier: string;
  order: number | null;
  staged: boolean;
  stagedAction: 'Set' | 'Delete' | null;
  /** The endpoint selector in Calico syntax (a Kubernetes podSelector translated as Calico does). */
  selector: string;
  namespaceSelector: string | null;
  serviceAccountSelector: string | null;
  types: string[];
  ingress: PolicyRule[] | unknown[];
  egress: PolicyRule[] | unknown[];
}

const q = (s: string) => `'${s}'`;

/** A Kubernetes label selector in Calico syntax (as Calico's converter writes it); empty = all(). */
export function labelSelectorToCalico(sel: LabelSelector | undefined): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(sel?.matchLabels ?? {})) parts.push(`${k} == ${q(v)}`);
  for (const e of sel?.matchExpressions ?? []) {
    const values = `{${(e.values ?? []).map(q).join(', ')}}`;
    if (e.operator === 'In') parts.push(`${e.key} in ${values}`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} not in ${values}`);
    else if (e.operator === 'Exists') parts.push(`has(${e.key})`);
    else if (e.operator === 'DoesNotExist') parts.push(`!has(${e.key})`);
  }
  return parts.length ? parts.join(' && ') : 'all()';
}

/** Kubernetes policy types default to Ingress (plus Egress when egress rules are given). */
function kubeTypes(spec: KubePolicy['spec']): string[] {
  if (spec?.policyTypes?.length) return spec.policyTypes;
  return spec?.egress?.length ? ['Ingress', 'Egress'] : ['Ingress'];
}

export function policyEntry(plural: PolicyPlural, object: CalicoPolicy | KubePolicy): PolicyEntry {
  const info = POLICY_KINDS[plural];
  const name = object.metadata.name;
  const namespace = info.namespaced ? (object.metadata.namespace ?? '') : null;
  if (info.k8s) {
    const spec = (object as KubePolicy).spec;
    return {
      plural,
      kind: info.kind,
      name,
      namespace,
      calicoName: `knp.default.${name}`,
      tier: DEFAULT_TIER,
      order: KNP_ORDER,
      staged: info.staged,
      stagedAction: info.staged ? (spec?.stagedAction ?? 'Set') : null,
      selector: labelSelectorToCalico(spec?.podSelector),
      namespaceSelector: null,
      serviceAccountSelector: null,
      types: kubeTypes(spec),
      ingress: spec?.ingress ?? [],
      egress: spec?.egress ?? [],
    };
  }
  const spec = (object as CalicoPolicy).spec ?? {};
  return {
    plural,
    kind: info.kind,
    name,
    namespace,
    calicoName: name,
    tier: spec.tier || DEFAULT_TIER,
    order: typeof spec.order === 'number' ? spec.order : null,
    staged: info.staged,
    stagedAction: info.staged ? (spec.stagedAction ?? 'Set') : null,
    selector: spec.selector?.trim() ? spec.selector : 'all()',
    namespaceSelector: spec.namespaceSelector?.trim() ? spec.namespaceSelector : null,
    serviceAccountSelector: spec.serviceAccountSelector?.trim() ? spec.serviceAccountSelector : null,
    types: spec.types?.length ? spec.types : spec.egress?.length ? ['Ingress', 'Egress'] : ['Ingress'],
    ingress: spec.ingress ?? [],
    egress: spec.egress ?? [],
  };
}

/** What Calico selects on: an endpoint's labels with the ones Calico adds, and its namespace and account. */
export interface Endpoint {
  kind: 'Pod' | 'HostEndpoint';
  name: string;
  namespace: string | null;
  labels: Labels;
  /** The namespace's labels with `projectcalico.org/name` (for namespaceSelector). */
  namespaceLabels: Labels | null;
  /** The service account's labels with `projectcalico.org/name` (for serviceAccountSelector). */
  serviceAccountLabels: Labels | null;
}

export function podEndpoint(
  pod: PodLike,
  namespace: NamedLabels | undefined,
  serviceAccount: NamedLabels | undefined,
): Endpoint {
  const ns = pod.metadata.namespace ?? '';
  const sa = pod.spec?.serviceAccountName || 'default';
  const nsLabels = namespace?.metadata.labels ?? {};
  const saLabels = serviceAccount?.metadata.labels ?? {};
  const labels: Record<string, string> = {
    ...pod.metadata.labels,
    'projectcalico.org/namespace': ns,
    'projectcalico.org/orchestrator': 'k8s',
    'projectcalico.org/serviceaccount': sa,
  };
  for (const [k, v] of Object.entries(nsLabels)) labels[`pcns.${k}`] = v;
  for (const [k, v] of Object.entries(saLabels)) labels[`pcsa.${k}`] = v;
  return {
    kind: 'Pod',
    name: pod.metadata.name,
    namespace: ns,
    labels,
    namespaceLabels: { ...nsLabels, 'projectcalico.org/name': ns },
    serviceAccountLabels: { ...saLabels, 'projectcalico.org/name': sa },
  };
}

export function hostEndpoint(hep: HostEndpoint): Endpoint {
  return {
    kind: 'HostEndpoint',
    name: hep.metadata.name,
    namespace: null,
    labels: { ...hep.metadata.labels },
    namespaceLabels: null,
    serviceAccountLabels: null,
  };
}

/** Whether the policy applies to the endpoint (a selector with a syntax error selects nothing). */
export function selects(p: PolicyEntry, e: Endpoint): boolean {
  try {
    if (p.namespace !== null) {
      if (e.kind !== 'Pod' || e.namespace !== p.namespace) return false;
    } else if (p.namespaceSelector !== null) {
      if (!e.namespaceLabels || !matches(p.namespaceSelector, e.namespaceLabels)) return false;
    }
    if (p.serviceAccountSelector !== null) {
      if (!e.serviceAccountLabels || !matches(p.serviceAccountSelector, e.serviceAccountLabels)) return false;
    }
    return matches(p.selector, e.labels);
  } catch {
    return false;
  }
}

/** The selector's syntax error, if it has one. */
export function selectorError(p: PolicyEntry): string | null {
  for (const [what, s] of [
    ['selector', p.selector],
    ['namespaceSelector', p.namespaceSelector],
    ['serviceAccountSelector', p.serviceAccountSelector],
  ] as const) {
    if (s === null) continue;
    try {
      parseSelector(s);
    } catch (err) {
      return `${what}: ${err instanceof Error ? err.message : String(err)}`;
    }
  }
  return null;
}

/** Tier name → order (a tier without order comes last). */
export function tierOrders(tiers: readonly Tier[]): Map<string, number> {
  return new Map(tiers.map((t) => [t.metadata.name, typeof t.spec?.order === 'number' ? t.spec.order : Infinity]));
}

const orderOf = (n: number | null) => (n === null ? Infinity : n);
const qualified = (p: PolicyEntry) => (p.namespace === null ? p.calicoName : `${p.namespace}/${p.calicoName}`);

/** Calico's evaluation order: tier order (then tier name), policy order (unset last), then name. */
export function compareEvaluation(tiers: ReadonlyMap<string, number>) {
  return (a: PolicyEntry, b: PolicyEntry): number => {
    const ta = tiers.get(a.tier) ?? Infinity;
    const tb = tiers.get(b.tier) ?? Infinity;
    if (ta !== tb) return ta < tb ? -1 : 1;
    if (a.tier !== b.tier) return a.tier < b.tier ? -1 : 1;
    const oa = orderOf(a.order);
    const ob = orderOf(b.order);
    if (oa !== ob) return oa < ob ? -1 : 1;
    const na = qualified(a);
    const nb = qualified(b);
    return na < nb ? -1 : na > nb ? 1 : 0;
  };
}

export const policyKey = (p: { plural: string; namespace: string | null; name: string }) =>
  `${p.plural}/${p.namespace ?? ''}/${p.name}`;
