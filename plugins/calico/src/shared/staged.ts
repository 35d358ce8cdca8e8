/**
 * The "would change" view of a staged policy: what enforcing it would do to the enforced policy of the same
 * kind, namespace and name (Calico's promote: create or replace the enforced policy with the staged spec —
 * or, for `stagedAction: Delete`, delete it) — which fields change and which endpoints gain or lose it.
 */
import { ENFORCED_OF, type Endpoint, type PolicyEntry, selects } from './policies.js';

export type StagedChange = 'create' | 'update' | 'delete' | 'none';

export interface FieldChange {
  field: string;
  enforced: unknown;
  staged: unknown;
}

export interface EndpointRef {
  kind: Endpoint['kind'];
  namespace: string | null;
  name: string;
}

export interface StagedDiff {
  change: StagedChange;
  /** In words, e.g. "Would create NetworkPolicy shop/restrict-rabbitmq selecting 1 endpoint". */
  summary: string;
  fields: FieldChange[];
  /** Endpoints the enforced policy would newly select, and those it would stop selecting. */
  gained: EndpointRef[];
  lost: EndpointRef[];
  /** Endpoints selected before and after. */
  unchanged: number;
}

const COMPARED = [
  'tier',
  'order',
  'selector',
  'namespaceSelector',
  'serviceAccountSelector',
  'types',
  'ingress',
  'egress',
] as const;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const ref = (e: Endpoint): EndpointRef => ({ kind: e.kind, namespace: e.namespace, name: e.name });
const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

/** The enforced counterpart of a staged entry among `enforced` (same kind, namespace and name). */
export function counterpart(staged: PolicyEntry, enforced: readonly PolicyEntry[]): PolicyEntry | undefined {
  const kind = ENFORCED_OF[staged.plural];
  return enforced.find((p) => p.plural === kind && p.namespace === staged.namespace && p.name === staged.name);
}

export function stagedDiff(
  staged: PolicyEntry,
  enforced: PolicyEntry | undefined,
  endpoints: readonly Endpoint[],
): StagedDiff {
  const target = `${enforced?.kind ?? kindName(staged)} ${staged.namespace ? `${staged.namespace}/` : ''}${staged.name}`;
  const before = new Set(enforced ? endpoints.filter((e) => selects(enforced, e)) : []);
  if (staged.stagedAction === 'Delete') {
    if (!enforced)
      return {
        change: 'none',
        summary: `Nothing to delete: ${target} does not exist`,
        fields: [],
        gained: [],
        lost: [],
        unchanged: 0,
      };
    return {
      change: 'delete',
      summary: `Would delete ${target}, which selects ${plural(before.size, 'endpoint')}`,
      fields: [],
      gained: [],
      lost: [...before].map(ref),
      unchanged: 0,
    };
  }
  const after = new Set(endpoints.filter((e) => selects(staged, e)));
  const gained = [...after].filter((e) => !before.has(e)).map(ref);
  const lost = [...before].filter((e) => !after.has(e)).map(ref);
  const unchanged = [...after].filter((e) => before.has(e)).length;
  if (!enforced)
    return {
      change: 'create',
      summary: `Would create ${target} selecting ${plural(after.size, 'endpoint')}`,
      fields: [],
      gained,
      lost,
      unchanged,
    };
  const fields = COMPARED.filter((f) => !same(enforced[f], staged[f])).map((f) => ({
    field: f,
    enforced: enforced[f],
    staged: staged[f],
  }));
  if (!fields.length)
    return { change: 'none', summary: `${target} already has this spec`, fields, gained, lost, unchanged };
  return {
    change: 'update',
    summary: `Would change ${fields.map((f) => f.field).join(', ')} of ${target}: +${gained.length} / −${lost.length} endpoints`,
    fields,
    gained,
    lost,
    unchanged,
  };
}

function kindName(staged: PolicyEntry): string {
  return staged.kind.replace(/^Staged/, '');
}
