/**
 * Calico's actions (operators.md §5), every write to `projectcalico.org/v3` (never Calico's internal
 * `crd.projectcalico.org`) as the calling user:
 * - IP pool disable / enable: `.spec.disabled` (existing addresses are kept).
 * - Promote a staged policy, Calico's staged flow: create (or replace) the enforced policy with the staged
 *   spec, then delete the staged one; a staged `Delete` deletes the enforced policy instead.
 */
import { apiPath, defineOperatorAction, ensureKubeOk } from '@argus/plugin-sdk';
import { ENFORCED_OF, type PolicyPlural } from '../shared/policies.js';
import type { CalicoPolicy, IPPool } from '../shared/types.js';
import { POLICY_REFS } from './cluster-state.js';

export const disablePool = defineOperatorAction<IPPool>({
  label: 'Disable',
  confirm: (p) =>
    `Disable IP pool ${p.metadata.name} (${p.spec?.cidr ?? '?'})? Calico allocates no new addresses from it; pods keep the ones they have.`,
  available: (p) => (p.spec?.disabled ? `IP pool ${p.metadata.name} is disabled already` : true),
  patch: () => ({ body: { spec: { disabled: true } } }),
});

export const enablePool = defineOperatorAction<IPPool>({
  label: 'Enable',
  confirm: (p) =>
    `Enable IP pool ${p.metadata.name} (${p.spec?.cidr ?? '?'})? Calico allocates addresses from it again.`,
  available: (p) => (p.spec?.disabled ? true : `IP pool ${p.metadata.name} is enabled already`),
  patch: () => ({ body: { spec: { disabled: false } } }),
});

const KINDS: Record<string, string> = {
  networkpolicies: 'NetworkPolicy',
  globalnetworkpolicies: 'GlobalNetworkPolicy',
  kubernetesnetworkpolicies: 'NetworkPolicy',
};

function pluralOf(o: CalicoPolicy): PolicyPlural {
  switch (o.kind) {
    case 'StagedGlobalNetworkPolicy':
      return 'stagedglobalnetworkpolicies';
    case 'StagedKubernetesNetworkPolicy':
      return 'stagedkubernetesnetworkpolicies';
    default:
      return 'stagednetworkpolicies';
  }
}

const where = (o: CalicoPolicy) => (o.metadata.namespace ? `${o.metadata.namespace}/` : '') + o.metadata.name;

export const promoteStaged = defineOperatorAction<CalicoPolicy>({
  label: 'Enforce',
  confirm: (o) => {
    const target = KINDS[ENFORCED_OF[pluralOf(o)] ?? ''] ?? 'policy';
    return o.spec?.stagedAction === 'Delete'
      ? `Enforce staged deletion: delete ${target} ${where(o)} (traffic it allowed or denied is then judged by the next policies)?`
      : `Enforce ${where(o)}: create or replace ${target} ${where(o)} with the staged spec? Traffic to and from the endpoints it selects is judged by it at once.`;
  },
  async run({ object, client, signal }) {
    const stagedPlural = pluralOf(object);
    const enforcedPlural = ENFORCED_OF[stagedPlural] as PolicyPlural;
    const ref = POLICY_REFS[enforcedPlural];
    const ns = object.metadata.namespace;
    const name = object.metadata.name;
    const objectPath = apiPath(ref, ns, name);
    const current = await client.request({ path: objectPath, signal });
    if (current.status !== 404) ensureKubeOk(current);
    const exists = current.status !== 404;
    let enforced: unknown = null;
    if (object.spec?.stagedAction === 'Delete') {
      if (exists) ensureKubeOk(await client.request({ method: 'DELETE', path: objectPath, signal }));
    } else {
      const { stagedAction: _drop, ...spec } = object.spec ?? {};
      const body = {
        apiVersion: `${ref.group}/${ref.version}`,
        kind: KINDS[enforcedPlural],
        metadata: {
          name,
          ...(ns ? { namespace: ns } : {}),
          ...(object.metadata.labels ? { labels: object.metadata.labels } : {}),
          ...(exists ? { resourceVersion: current.json<CalicoPolicy>().metadata.resourceVersion } : {}),
        },
        spec,
      };
      const reply = await client.request({
        method: exists ? 'PUT' : 'POST',
        path: exists ? objectPath : apiPath(ref, ns),
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal,
      });
      enforced = ensureKubeOk(reply).json();
    }
    const stagedPath = apiPath(POLICY_REFS[stagedPlural], ns, name);
    const removed = await client.request({ method: 'DELETE', path: stagedPath, signal });
    // Already gone (deleted meanwhile) is fine: the enforced side is what was asked for.
    if (removed.status !== 404) ensureKubeOk(removed);
    return {
      action:
        object.spec?.stagedAction === 'Delete'
          ? exists
            ? 'deleted'
            : 'nothing-to-delete'
          : exists
            ? 'replaced'
            : 'created',
      enforced,
    };
  },
});

/** The staged kind of an enforced Calico policy kind. */
const STAGED_OF = {
  NetworkPolicy: { resource: 'stagednetworkpolicies', kind: 'StagedNetworkPolicy' },
  GlobalNetworkPolicy: { resource: 'stagedglobalnetworkpolicies', kind: 'StagedGlobalNetworkPolicy' },
} as const;

function staged(o: CalicoPolicy, stagedAction: 'Set' | 'Delete') {
  const target = STAGED_OF[(o.kind as keyof typeof STAGED_OF) ?? 'NetworkPolicy'] ?? STAGED_OF.NetworkPolicy;
  return {
    resource: target.resource,
    body: {
      apiVersion: 'projectcalico.org/v3',
      kind: target.kind,
      metadata: {
        name: o.metadata.name,
        ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
        ...(o.metadata.labels ? { labels: o.metadata.labels } : {}),
      },
      spec: { ...o.spec, stagedAction },
    },
  };
}

/**
 * The first step of Calico's staged flow for an enforced policy: a staged copy (`stagedAction: Set`) to edit and
 * compare ("would change") before enforcing it, or a staged deletion (`stagedAction: Delete`). Nothing changes
 * for traffic until the staged policy is enforced; a staged policy of that name already there is 409.
 */
export const stageCopy = defineOperatorAction<CalicoPolicy>({
  label: 'Stage a copy',
  create: (o) => staged(o, 'Set'),
});

export const stageDelete = defineOperatorAction<CalicoPolicy>({
  label: 'Stage deletion',
  create: (o) => staged(o, 'Delete'),
});
