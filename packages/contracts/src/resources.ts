import { z } from 'zod';

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
});
export type ListQuery = z.infer<typeof listQuerySchema>;

export const objectQuerySchema = z.object({
  namespace: kubeNamespaceSchema.optional(),
  dryRun: flag.optional(),
  fieldManager: z.string().max(128).optional(),
  force: flag.optional(),
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
export interface SecretDataKey {
  key: string;
  size: number;
}

/** Per object of `POST /api/clusters/{id}/apply`. */
export interface ApplyResult {
  api_version: string;
  kind: string;
  namespace: string | null;
  name: string;
  action: 'created' | 'configured' | 'unchanged' | 'failed';
  diff: string;
  error?: { code: string; status: number; message: string };
}

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

export const crossClusterQuerySchema = listQuerySchema.omit({ continue: true }).extend({
  clusters: z.string().max(8192).optional(),
});

export const searchQuerySchema = z.object({
  q: z.string().trim().min(1).max(253),
  clusters: z.string().max(8192).optional(),
  kinds: z.string().max(2048).optional(),
  namespace: kubeNamespaceSchema.optional(),
  limit: count(1000).default(100),
});

export interface SearchHit {
  cluster: { id: string; name: string };
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespace: string | null;
  name: string;
}
