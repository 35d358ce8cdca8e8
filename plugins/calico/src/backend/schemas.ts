/** The Calico plugin's own routes: declared inputs and answers (beside the operator toolkit's). */
import { healthSchema } from '@argus/plugin-sdk';
import { z } from 'zod';

const dnsLabel = z
  .string()
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a DNS-1123 label');
const objectName = z
  .string()
  .max(253)
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'must be a DNS-1123 subdomain');

export const namespaceQuery = z.object({
  namespace: dnsLabel.optional().describe('One namespace (otherwise every namespace the caller may read)'),
});

export const podParams = z.object({ namespace: dnsLabel, name: objectName });

export const policyViewSchema = z
  .object({
    plural: z.string().describe('The kind by plural; Kubernetes NetworkPolicies are `kubernetesnetworkpolicies`'),
    kind: z.string(),
    name: z.string(),
    namespace: z.string().nullable(),
    calicoName: z.string().describe('The name Calico shows (`knp.default.<name>` for a Kubernetes NetworkPolicy)'),
    tier: z.string(),
    order: z.number().nullable().describe('null: unset, evaluated last in its tier'),
    staged: z.boolean(),
    stagedAction: z.enum(['Set', 'Delete']).nullable(),
    selector: z.string().describe('In Calico syntax (a Kubernetes podSelector translated as Calico does)'),
    namespaceSelector: z.string().nullable(),
    serviceAccountSelector: z.string().nullable(),
    types: z.array(z.string()),
    ingress: z.array(z.unknown()),
    egress: z.array(z.unknown()),
    health: healthSchema,
    selected: z.number().int().describe('How many endpoints (pods, host endpoints) it selects'),
  })
  .describe('A policy in the shape shared by every policy kind');

export const tierViewSchema = z.object({
  name: z.string(),
  order: z.number().nullable(),
  defaultAction: z
    .string()
    .describe('What happens at the end of the tier to traffic a policy selected but no rule decided'),
  exists: z.boolean().describe('false: policies name this tier but it does not exist'),
  policies: z.array(policyViewSchema).describe('Enforced and staged, in evaluation order'),
});

export const tierListSchema = z
  .object({
    items: z.array(tierViewSchema).describe('Tiers in evaluation order'),
    partial: z
      .boolean()
      .describe('true: cluster-wide policies are left out (the caller may read only some namespaces)'),
  })
  .describe('Tiers with their policies in evaluation order');

export const podPoliciesSchema = z
  .object({
    pod: z.object({
      namespace: z.string(),
      name: z.string(),
      labels: z.record(z.string(), z.string()).describe('The labels Calico selects on, with those it adds'),
    }),
    hostNetwork: z.boolean().describe('A host-networked pod is no Calico workload endpoint: no policy applies to it'),
    policies: z
      .array(policyViewSchema.extend({ position: z.number().int() }))
      .describe('The enforced policies that select the pod, in evaluation order'),
    staged: z.array(policyViewSchema).describe('Staged policies that would select the pod (not enforced)'),
    tiers: z.array(z.object({ name: z.string(), order: z.number().nullable(), defaultAction: z.string() })),
    partial: z
      .boolean()
      .describe('true: cluster-wide policies are left out (the caller may read only some namespaces)'),
  })
  .describe('The policies that select a pod, in Calico evaluation order');

const endpointRef = z.object({ kind: z.string(), namespace: z.string().nullable(), name: z.string() });

export const stagedListSchema = z
  .object({
    items: z.array(
      z.object({
        staged: policyViewSchema,
        enforced: policyViewSchema.nullable().describe('The enforced policy of the same kind and name, if any'),
        diff: z.object({
          change: z.enum(['create', 'update', 'delete', 'none']),
          summary: z.string(),
          fields: z.array(z.object({ field: z.string(), enforced: z.unknown(), staged: z.unknown() })),
          gained: z.array(endpointRef),
          lost: z.array(endpointRef),
          unchanged: z.number().int(),
        }),
      }),
    ),
  })
  .describe('Each staged policy with what enforcing it would change');

export const nodeStatusBody = z.object({
  node: objectName.describe('The node whose BGP status calico-node should report'),
});

export const calicoNodeStatusCreated = z
  .looseObject({ metadata: z.looseObject({ name: z.string() }) })
  .describe('The CalicoNodeStatus created: calico-node fills in its status within its update period');

export type PolicyView = z.infer<typeof policyViewSchema>;
export type TierView = z.infer<typeof tierViewSchema>;
export type PodPolicies = z.infer<typeof podPoliciesSchema>;
export type StagedList = z.infer<typeof stagedListSchema>;
