/**
 * Operations on cluster objects (issue 23 item 8): describe, revisions, rollback, scale, restart, trigger,
 * cordon/uncordon, drain, and top (usage from metrics.k8s.io). One server implementation serves the UI, the
 * terminal and the AI assistant; these are the shapes of its HTTP routes.
 */
import { z } from 'zod';
import { kubeNamespaceSchema } from './resources.js';

/** `?namespace=` of one object's operation (namespaced kinds need it). */
export const operationQuerySchema = z.object({ namespace: kubeNamespaceSchema.optional() });

export const describeResponseSchema = z.object({ text: z.string() });
export type DescribeResponse = z.infer<typeof describeResponseSchema>;

export const revisionSchema = z.object({
  revision: z.number().int(),
  /** The ReplicaSet (Deployments) or ControllerRevision (StatefulSets, DaemonSets) holding it. */
  name: z.string(),
  created_at: z.string().nullable(),
  images: z.array(z.string()),
  change_cause: z.string().optional(),
  current: z.boolean(),
});
export type Revision = z.infer<typeof revisionSchema>;

export const revisionsResponseSchema = z.object({ items: z.array(revisionSchema) });
export type RevisionsResponse = z.infer<typeof revisionsResponseSchema>;

export const rollbackRequestSchema = z
  .object({ revision: z.number().int().min(1).optional() })
  .strict()
  .nullish();
export type RollbackRequest = z.infer<typeof rollbackRequestSchema>;
export const rollbackResponseSchema = z.object({ revision: z.number().int() });

export const scaleRequestSchema = z.object({ replicas: z.number().int().min(0).max(100_000) }).strict();
export type ScaleRequest = z.infer<typeof scaleRequestSchema>;
export const scaleResponseSchema = z.object({ replicas: z.number().int() });

export const restartResponseSchema = z.object({ restarted_at: z.string() });

export const objectRefSchema = z.object({ namespace: z.string(), name: z.string() });
export type ObjectRef = z.infer<typeof objectRefSchema>;
export const triggerResponseSchema = z.object({ job: objectRefSchema });

export const cordonResponseSchema = z.object({ unschedulable: z.boolean() });

/** Drain options; every field has a default (no body at all drains with the defaults). */
export const drainRequestSchema = z
  .object({
    grace_period_seconds: z.number().int().min(0).max(86_400).optional(),
    /** Default 60. */
    timeout_seconds: z.number().int().min(1).max(3600).optional(),
    /** Default true. */
    ignore_daemonsets: z.boolean().optional(),
    /** Default false. */
    delete_emptydir_data: z.boolean().optional(),
    /** Default false. */
    force: z.boolean().optional(),
  })
  .strict()
  .nullish();
export type DrainRequest = z.infer<typeof drainRequestSchema>;

export const podReasonSchema = objectRefSchema.extend({ reason: z.string() });
export type PodReason = z.infer<typeof podReasonSchema>;
export const drainResponseSchema = z.object({
  evicted: z.array(objectRefSchema),
  skipped: z.array(podReasonSchema),
});
export type DrainResponse = z.infer<typeof drainResponseSchema>;
/** 409 DRAIN_BLOCKED: the error, and the pods that could not be evicted (a PodDisruptionBudget named). */
export const drainBlockedSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
  blocked: z.array(podReasonSchema),
});
export type DrainBlocked = z.infer<typeof drainBlockedSchema>;

const usageSchema = z.object({ cpu_millicores: z.number(), memory_bytes: z.number() });
const optionalUsageSchema = z.object({
  cpu_millicores: z.number().optional(),
  memory_bytes: z.number().optional(),
});

export const podTopSchema = z.object({
  namespace: z.string(),
  name: z.string(),
  cpu_millicores: z.number(),
  memory_bytes: z.number(),
  containers: z.array(usageSchema.extend({ name: z.string() })),
  /** Sums of the containers' requests (0 when none is set). */
  requests: usageSchema,
  /** Sums of the containers' limits; a resource is absent when some container has no limit for it. */
  limits: optionalUsageSchema,
});
export type PodTop = z.infer<typeof podTopSchema>;

export const nodeTopSchema = z.object({
  name: z.string(),
  cpu_millicores: z.number(),
  memory_bytes: z.number(),
  allocatable: optionalUsageSchema,
  capacity: optionalUsageSchema,
});
export type NodeTop = z.infer<typeof nodeTopSchema>;

/** `available: false` with a reason when the cluster serves no metrics.k8s.io (no metrics-server): not an error. */
export const podTopResponseSchema = z.object({
  available: z.boolean(),
  reason: z.string().optional(),
  items: z.array(podTopSchema),
});
export type PodTopResponse = z.infer<typeof podTopResponseSchema>;
export const nodeTopResponseSchema = z.object({
  available: z.boolean(),
  reason: z.string().optional(),
  items: z.array(nodeTopSchema),
});
export type NodeTopResponse = z.infer<typeof nodeTopResponseSchema>;

export const topQuerySchema = z.object({ namespace: kubeNamespaceSchema.optional() });
/**
 * `containers=false`: each pod's `containers` is an empty list (its sums only) — a list of pods' usage columns
 * needs no more, and at 100,000 pods the per-container figures are a third of the answer.
 */
export const podTopQuerySchema = topQuerySchema.extend({
  containers: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
