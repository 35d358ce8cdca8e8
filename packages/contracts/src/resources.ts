import { z } from 'zod';
import { fieldsProblem } from './projection.js';

/**
 * Why `name` cannot be an object name in a path segment (apimachinery's IsValidPathSegmentName): never `.`
 * or `..`, no `/` or `%` (nor `\\` or control characters, which some proxies treat as separators); undefined
 * when it can. Wider than DNS-1123 on purpose: names such as `system:metrics-server` exist.
 */
/** Whether `s` holds a C0 control character or DEL. */
export function hasControlCharacter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

export function pathSegmentNameProblem(name: string): string | undefined {
  if (name === '.' || name === '..') return 'may not be "." or ".."';
  if (/[/%\\]/.test(name)) return 'may not contain "/", "\\" or "%"';
  if (hasControlCharacter(name)) return 'may not contain control characters';
  return undefined;
}

export const kubeNameSchema = z
  .string()
  .min(1)
  .max(253)
  .superRefine((v, ctx) => {
    const problem = pathSegmentNameProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A namespace: a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters). */
export const kubeNamespaceSchema = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a DNS-1123 label (lower-case letters, digits and "-")');

/** A path segment of an API path (group, version, resource): letters, digits, '.', '-', '_'; never a dot-segment. */
const pathSegment = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be letters, digits, ".", "-" or "_"');
const flag = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((v) => v === true || v === 'true' || v === '1');
const count = (max: number) => z.coerce.number().int().min(0).max(max);

/** `{group}/{version}/{resource}` path params; `core` is the core group. */
export const resourcePathSchema = z.object({
  group: pathSegment(253),
  version: pathSegment(63),
  resource: pathSegment(253),
  name: kubeNameSchema.optional(),
});

export const listQuerySchema = z.object({
  namespace: kubeNamespaceSchema.optional(),
  labelSelector: z.string().max(4096).optional(),
  fieldSelector: z.string().max(4096).optional(),
  limit: count(100_000).optional(),
  continue: z.string().max(4096).optional(),
  /**
   * Only these fields of each item (comma-separated dotted paths, arrays entered element-wise; the object's
   * apiVersion, kind, name, namespace, uid and resourceVersion always kept): `projection.ts`.
   */
  fields: z
    .string()
    .max(4096)
    .superRefine((v, ctx) => {
      const problem = fieldsProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

export const objectQuerySchema = z.object({
  namespace: kubeNamespaceSchema.optional(),
  dryRun: flag.optional(),
  fieldManager: z.string().max(128).optional(),
  force: flag.optional(),
});

/** `PATCH …/{name}`: `patchType` overrides the patch type the Content-Type names. */
export const patchQuerySchema = objectQuerySchema.extend({
  patchType: z
    .enum(['merge', 'json', 'strategic', 'apply'], { error: 'patchType is merge, json, strategic or apply' })
    .optional(),
});

/** `POST …/{resource}` (create): the object; its metadata.namespace, when given, must match `?namespace=`. */
export const createObjectRequestSchema = z
  .looseObject({
    metadata: z.looseObject({ name: kubeNameSchema.optional(), namespace: kubeNamespaceSchema.optional() }),
  })
  .describe('The Kubernetes object to create');

/** `PUT …/{name}` (replace): the whole object, as GET answers it, changed. */
export const replaceObjectRequestSchema = z
  .record(z.string(), z.unknown())
  .describe('The whole Kubernetes object (with metadata.resourceVersion for an optimistic update)');

/**
 * `PATCH …/{name}`: a merge or strategic merge patch (JSON object), a JSON Patch (array), or an apply
 * configuration (YAML text, Content-Type application/apply-patch+yaml); the type from Content-Type or ?patchType=.
 */
export const patchRequestSchema = z.union(
  [z.record(z.string(), z.unknown()), z.array(z.unknown()), z.string().min(1)],
  { error: 'A patch body is required: a JSON object, a JSON Patch array or YAML' },
);

/** `POST /api/clusters/{id}/apply`: YAML (Content-Type application/yaml, several documents) or `{"yaml": "…"}`. */
export const applyRequestSchema = z.union([z.string(), z.looseObject({ yaml: z.string() })], {
  error: 'Send YAML (Content-Type: application/yaml) or {"yaml": "…"}',
});

export const applyQuerySchema = z.object({
  dryRun: flag.default(false),
  force: flag.default(false),
  /** Where objects without metadata.namespace go (default `default`). */
  namespace: kubeNamespaceSchema.optional(),
});

/**
 * A key of a Secret shown without its values (the caller lacks `secrets:read` there): the Secret has
 * `data_keys` instead of `data`/`stringData`; `size` is the value's length in bytes (decoded).
 */
export const secretDataKeySchema = z.object({ key: z.string(), size: z.number().int().min(0) });
export type SecretDataKey = z.infer<typeof secretDataKeySchema>;

/** Per object of `POST /api/clusters/{id}/apply`. */
export const applyResultSchema = z.object({
  api_version: z.string(),
  kind: z.string(),
  namespace: z.string().nullable(),
  name: z.string(),
  action: z.enum(['created', 'configured', 'unchanged', 'failed']),
  /** A unified diff of the object's YAML, live → applied ('' when unchanged or failed). */
  diff: z.string(),
  error: z.object({ code: z.string(), status: z.number().int(), message: z.string() }).optional(),
  /**
   * A server-side apply conflict (409): each field another field manager owns, and that manager. Applying
   * again with `?force=true` takes ownership of them.
   */
  conflicts: z.array(z.object({ manager: z.string(), field: z.string() })).optional(),
});
export type ApplyResult = z.infer<typeof applyResultSchema>;

/** `POST /api/clusters/{id}/apply` answers each object's result, in the order of the documents. */
export const applyResponseSchema = z.object({ dry_run: z.boolean(), results: z.array(applyResultSchema) });
export type ApplyResponse = z.infer<typeof applyResponseSchema>;

export const logsQuerySchema = z.object({
  container: kubeNamespaceSchema.optional(), // container names are DNS-1123 labels too
  follow: flag.optional(),
  tailLines: count(1_000_000).optional(),
  previous: flag.optional(),
  sinceSeconds: count(10_000_000).optional(),
  timestamps: flag.optional(),
});

/** `GET /api/clusters/{id}/logs?namespace&workload=deployment/web|labelSelector=…`: merged workload logs. */
export const workloadLogsQuerySchema = logsQuerySchema.extend({
  namespace: kubeNamespaceSchema,
  workload: z
    .string()
    .regex(
      /^(deployments?|statefulsets?|daemonsets?|jobs?|replicasets?)\/[a-z0-9.-]+$/i,
      'kind/name, e.g. deployment/web',
    )
    .optional(),
  labelSelector: z.string().max(4096).optional(),
});

/**
 * One kind across clusters. `limit` is the page size across all clusters (each cluster is listed whole, from
 * its watch cache), `continue` the token of the previous page, `sort` one of cluster, name, namespace, age
 * (prefix `-` for descending; age ascending is the youngest first); the default is cluster, namespace, name.
 */
export const crossClusterQuerySchema = listQuerySchema.extend({
  clusters: z.string().max(8192).optional(),
  sort: z.string().max(32).optional(),
});

export const searchQuerySchema = z.object({
  q: z.string().trim().min(1).max(253),
  clusters: z.string().max(8192).optional(),
  kinds: z.string().max(2048).optional(),
  namespace: kubeNamespaceSchema.optional(),
  limit: count(1000).default(100),
});

/** A cluster as cross-cluster answers name it. */
export const clusterRefSchema = z.object({ id: z.string(), name: z.string() });

/** A cluster that failed to answer a cross-cluster request (unknown, unreachable, too slow, forbidden). */
export const clusterFailureSchema = z.object({
  cluster: clusterRefSchema,
  code: z.string(),
  status: z.number().int(),
  message: z.string(),
});

export const searchHitSchema = z.object({
  cluster: clusterRefSchema,
  group: z.string(),
  version: z.string(),
  resource: z.string(),
  kind: z.string(),
  namespace: z.string().nullable(),
  name: z.string(),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

/** `GET /api/search?q=`: objects whose name contains `q`, best matches first. */
export const searchResponseSchema = z.object({
  results: z.array(searchHitSchema),
  errors: z.array(clusterFailureSchema),
});

/**
 * A Kubernetes object as the API server (or the watch cache) answers it: what is always there, the rest kept.
 * A Secret the caller may not read the values of has `data_keys` instead of `data`/`stringData`.
 */
export const kubeObjectSchema = z
  .looseObject({
    apiVersion: z.string(),
    kind: z.string(),
    metadata: z.looseObject({
      name: z.string(),
      namespace: z.string().optional(),
      resourceVersion: z.string().optional(),
    }),
    data_keys: z
      .array(secretDataKeySchema)
      .optional()
      .describe('Secrets without secrets:read: each key and its decoded size, instead of data/stringData'),
  })
  .describe('A Kubernetes object (fields beyond these as Kubernetes defines them)');
export type KubeObjectView = z.infer<typeof kubeObjectSchema>;

/** A Kubernetes `Status` (what a delete answers when the object is gone at once). */
export const kubeStatusSchema = z.looseObject({
  apiVersion: z.string(),
  kind: z.literal('Status'),
  metadata: z.looseObject({}),
  status: z.string().optional(),
  details: z.looseObject({}).optional(),
});

/** `DELETE …/{resource}/{name}`: the object (still terminating, or as deleted) or a Kubernetes Status. */
export const kubeDeleteResponseSchema = z.union([kubeObjectSchema, kubeStatusSchema]);
export type KubeDeleteResponse = z.infer<typeof kubeDeleteResponseSchema>;

/** A page of a list: Kubernetes' list shape, plus `continue` (same as metadata.continue) and where it came from. */
export const kubeListSchema = z.object({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: z.object({
    resourceVersion: z.string(),
    continue: z.string().optional(),
    remainingItemCount: z.number().int().optional(),
  }),
  items: z.array(kubeObjectSchema),
  continue: z.string().nullable(),
  source: z.enum(['cache', 'api']),
});
export type KubeListView = z.infer<typeof kubeListSchema>;

/** `GET /api/resources/{group}/{version}/{resource}`: every cluster's objects, each tagged with its cluster. */
export const crossClusterListSchema = z.object({
  items: z.array(kubeObjectSchema.extend({ cluster: clusterRefSchema })),
  /** Clusters that failed (listed clusters only, or any that could not answer). */
  errors: z.array(clusterFailureSchema),
  /** Clusters whose objects are in `items`. */
  clusters: z.array(clusterRefSchema),
  /** How many objects match across the clusters that answered (all pages). */
  total: z.number().int().optional(),
  /** Present when more objects follow: pass it back as `?continue=` with the same query. */
  continue: z.string().optional(),
  /**
   * Clusters in `clusters` that fail their health checks: their objects come from Argus's watch cache as it was
   * at the last contact (the single-cluster routes say the same with the X-Argus-Stale-Since header).
   */
  stale: z
    .array(z.object({ cluster: clusterRefSchema, since: z.string(), last_contact: z.string().nullable() }))
    .optional(),
});
export type CrossClusterList = z.infer<typeof crossClusterListSchema>;

/** A column kubectl shows for a custom resource (its CRD version's additionalPrinterColumns). */
export const printerColumnSchema = z.object({
  name: z.string(),
  type: z.enum(['string', 'integer', 'number', 'boolean', 'date']),
  /** kubectl's JSONPath subset, e.g. `.status.conditions[?(@.type=="Ready")].status`. */
  json_path: z.string(),
  description: z.string().optional(),
  /** 0: shown by default; above 0: only in the wide view (kubectl -o wide). */
  priority: z.number().int(),
  format: z.string().optional(),
});
export type PrinterColumn = z.infer<typeof printerColumnSchema>;

/** `GET /api/clusters/{id}/api-resources`: the kinds the cluster serves (discovery), CRDs included. */
export const apiResourceSchema = z.object({
  group: z.string(),
  version: z.string(),
  resource: z.string(),
  kind: z.string(),
  namespaced: z.boolean(),
  verbs: z.array(z.string()),
  short_names: z.array(z.string()),
  categories: z.array(z.string()),
  preferred: z.boolean(),
  /** Custom resources whose CRD declares additionalPrinterColumns: kubectl's list columns (besides Name and Age). */
  printer_columns: z.array(printerColumnSchema).optional(),
});
export const apiResourcesResponseSchema = z.object({ resources: z.array(apiResourceSchema) });
export type ApiResourcesResponse = z.infer<typeof apiResourcesResponseSchema>;
